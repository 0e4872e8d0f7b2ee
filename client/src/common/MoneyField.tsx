import { Typography } from '@mui/material';
import { formatMinor } from '@closure-desk/shared';
import { useLocale, useRecordContext, type FieldProps } from 'react-admin';

interface MoneyFieldProps extends FieldProps {
  source: string;
  /** Where the record keeps its ISO 4217 code; every money record of API.md has `currency`. */
  currencySource?: string;
  /** Colours debits red and credits green (ledger entries). */
  signed?: boolean;
  /** Colours a non-zero amount red (outstanding bills). */
  alertIfPositive?: boolean;
}

/** Integer minor units shown as money in the console's language, never through a float. */
export const MoneyField = ({ source, currencySource = 'currency', signed, alertIfPositive }: MoneyFieldProps) => {
  const record = useRecordContext();
  const locale = useLocale();
  const amount: unknown = record?.[source];
  const currency: unknown = record?.[currencySource];
  if (typeof amount !== 'number' || typeof currency !== 'string') return null;
  const color =
    (signed && amount < 0) || (alertIfPositive && amount > 0)
      ? 'error.main'
      : signed && amount > 0
        ? 'success.main'
        : undefined;
  return (
    <Typography
      component="span"
      variant="body2"
      sx={{ color, fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
    >
      {signed && amount > 0 ? '+' : ''}
      {formatMinor(amount, currency, locale)}
    </Typography>
  );
};
