import { Chip, Typography } from '@mui/material';
import { useFieldValue, useTranslate, type FieldProps } from 'react-admin';
import { enumColor, enumLabelKey, type EnumName } from './enums';

interface EnumFieldProps extends FieldProps {
  source: string;
  enumName: EnumName;
  /** Chips for statuses; plain text for descriptive values such as reasons. */
  variant?: 'chip' | 'text';
}

/** One value of a shared enumeration, translated; statuses as coloured chips. */
export const EnumField = ({ source, enumName, variant = 'chip', ...rest }: EnumFieldProps) => {
  const value = useFieldValue({ source, ...rest });
  const translate = useTranslate();
  if (value == null || value === '') return null;
  const label = translate(enumLabelKey(enumName, String(value)), { _: String(value) });
  if (variant === 'text') {
    return (
      <Typography component="span" variant="body2">
        {label}
      </Typography>
    );
  }
  return (
    <Chip
      size="small"
      label={label}
      color={enumColor(enumName, String(value))}
      variant="outlined"
      data-value={String(value)}
      sx={{ fontWeight: 500 }}
    />
  );
};
