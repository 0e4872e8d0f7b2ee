import { Box } from '@mui/material';
import TimerIcon from '@mui/icons-material/TimerOutlined';
import WarningIcon from '@mui/icons-material/WarningAmber';
import { FINAL_STATUSES, isOverdue, type ClosureStatus, formatInstant } from '@closure-desk/shared';
import { useLocale, useRecordContext, useTranslate, type FieldProps } from 'react-admin';
import { formatDuration } from '../common/duration';
import { useNow } from '../common/useNow';

const DAY_MS = 86_400_000;

/**
 * Time left before the service-level deadline (`dueAt`), ticking once a minute: red once the
 * request is overdue (the server's flag, or the deadline passing by the server's clock while the page is open), amber
 * within the last day. A final request has no deadline any more. `withDate` adds the deadline
 * itself underneath (the queue's "Due" column).
 */
export const SlaCountdownField = ({ withDate = false }: Partial<FieldProps> & { withDate?: boolean }) => {
  const record = useRecordContext();
  const locale = useLocale();
  const translate = useTranslate();
  const now = useNow();
  if (!record?.dueAt || FINAL_STATUSES.includes(record.status as ClosureStatus)) {
    return (
      <Box component="span" sx={{ color: 'text.disabled' }}>
        —
      </Box>
    );
  }
  const left = Date.parse(String(record.dueAt)) - now;
  // the server's flag, or the server's rule on the server's clock once the deadline passes while the page is open
  const late = Boolean(record.overdue) || isOverdue(record.status as ClosureStatus, new Date(String(record.dueAt)), new Date(now));
  const time = formatDuration(left, translate);
  const text = late ? translate('app.sla.late', { time }) : translate('app.sla.left', { time });
  const color = late ? 'error.main' : left < DAY_MS ? 'warning.main' : 'text.primary';
  const Icon = late ? WarningIcon : TimerIcon;
  const due = formatInstant(String(record.dueAt), locale);
  const countdown = (
    <Box
      component="span"
      className={late ? 'sla sla-late' : 'sla'}
      data-overdue={late ? 'true' : 'false'}
      sx={{ color, fontWeight: late ? 600 : 400, display: 'inline-flex', alignItems: 'center', gap: 0.5, whiteSpace: 'nowrap' }}
    >
      <Icon fontSize="inherit" />
      {text}
    </Box>
  );
  if (!withDate) return countdown;
  return (
    <Box component="span" sx={{ display: 'inline-flex', flexDirection: 'column' }}>
      {countdown}
      <Box component="span" sx={{ color: late ? 'error.main' : 'text.secondary', fontSize: '0.75rem', whiteSpace: 'nowrap' }}>
        {due}
      </Box>
    </Box>
  );
};
