import { Typography } from '@mui/material';
import { useFieldValue, useTranslate, type FieldProps } from 'react-admin';
import { codeKey, type CodeLabels } from '../i18n/codes';
import { i18nProvider } from '../i18n';

interface CodeFieldProps extends FieldProps {
  source: string;
  group: keyof CodeLabels;
}

/** A code of shared/codes.ts (audit action, entity type, template, error code) in words; the code itself stays in `data-code`. */
export const CodeField = ({ source, group, ...rest }: CodeFieldProps) => {
  const value = useFieldValue({ source, ...rest });
  const translate = useTranslate();
  if (value == null || value === '') return null;
  return (
    <Typography component="span" variant="body2" data-code={String(value)}>
      {translate(codeKey(group, String(value)), { _: String(value) })}
    </Typography>
  );
};

/** The same outside React (record representations, page titles): the console's current language. */
export const codeLabel = (group: keyof CodeLabels, value: unknown): string =>
  value == null ? '' : i18nProvider.translate(codeKey(group, String(value)), { _: String(value) });
