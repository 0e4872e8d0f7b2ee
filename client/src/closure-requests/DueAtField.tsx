import { Box, Tooltip } from '@mui/material';
import WarningIcon from '@mui/icons-material/WarningAmber';
import { useRecordContext, useTranslate, type FieldProps } from 'react-admin';
import { DateTimeField } from '../common/dates';

/**
 * The service-level deadline; red, with a warning sign, once the request is overdue
 * (open after `dueAt`: the server's `overdue` flag decides, not the browser's clock).
 */
export const DueAtField = (_props: Partial<FieldProps>) => {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record?.dueAt) return null;
  if (!record.overdue) return <DateTimeField source="dueAt" />;
  const label = translate('app.overdue');
  return (
    <Tooltip title={label}>
      <Box
        component="span"
        className="overdue"
        aria-label={label}
        sx={{ color: 'error.main', fontWeight: 600, display: 'inline-flex', alignItems: 'center', gap: 0.5 }}
      >
        <WarningIcon fontSize="inherit" />
        <DateTimeField source="dueAt" sx={{ color: 'inherit', fontWeight: 'inherit', whiteSpace: 'nowrap' }} />
      </Box>
    </Tooltip>
  );
};
