import { Alert, Box, Chip, Skeleton, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { formatInstant } from '@closure-desk/shared';
import { useLocale, useRecordContext, useTranslate } from 'react-admin';
import { describeApiError } from '../common/apiErrors';
import { EnumField } from '../common/EnumField';
import { codeKey } from '../i18n/codes';
import { useApi, type HistoryEntry } from '../dataProvider';

const actionLabel = (entry: HistoryEntry, translate: (k: string, o?: Record<string, unknown>) => string) =>
  entry.kind === 'message' && entry.message
    ? translate('app.timeline.message', { template: translate(codeKey('template', entry.message.template), { _: entry.message.template }) })
    : translate(codeKey('auditAction', entry.action), { _: entry.action });

/**
 * What happened to the request, oldest first, from GET .../history: every step with who took it
 * (name and role), when and what they typed, and every message sent to the customer with its text.
 * The same for every role that may read the request.
 */
export const TimelineTab = () => {
  const record = useRecordContext();
  const api = useApi();
  const translate = useTranslate();
  const locale = useLocale();
  const id = Number(record?.id);
  const { data, isPending, error } = useQuery({
    queryKey: ['closure-requests', 'history', id, record?.version, locale],
    queryFn: () => api.getHistory(id),
    enabled: Boolean(record),
  });
  if (!record) return null;
  return (
    <Box className="timeline" sx={{ maxWidth: 800 }}>
      {error ? <Alert severity="error">{describeApiError(error, translate)}</Alert> : null}
      {isPending ? <Skeleton variant="rounded" height={120} /> : null}
      <Box component="ol" sx={{ listStyle: 'none', m: 0, p: 0 }}>
        {(data ?? []).map((entry, i) => (
          <Box
            component="li"
            key={`${entry.at}-${i}`}
            className="timeline-entry"
            data-action={entry.action}
            data-kind={entry.kind}
            sx={{ position: 'relative', pl: 3, pb: 2, borderLeft: '2px solid', borderColor: 'divider', ml: 1 }}
          >
            <Box sx={{ position: 'absolute', left: -6, top: 4, width: 10, height: 10, borderRadius: '50%', bgcolor: entry.kind === 'message' ? 'secondary.main' : 'primary.main' }} />
            <Typography variant="caption" color="text.secondary" className="timeline-who">
              {formatInstant(entry.at, locale)}
              {' · '}
              {entry.actorName
                ? `${entry.actorName}${entry.actorRole ? ` (${translate(`enums.role.${entry.actorRole}`)})` : ''}`
                : entry.kind === 'message'
                  ? translate(`enums.notificationChannel.${entry.message?.channel}`, { _: '' })
                  : translate('app.timeline.system')}
            </Typography>
            <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {actionLabel(entry, translate)}
              </Typography>
              {entry.detail ? <Chip size="small" variant="outlined" label={entry.detail} /> : null}
              {entry.status ? <EnumField source="status" record={{ id: i, status: entry.status }} enumName="closureStatus" /> : null}
              {entry.message ? <EnumField source="status" record={{ id: i, status: entry.message.status }} enumName="notificationStatus" /> : null}
            </Box>
            {entry.note ? (
              <Typography variant="body2" color="text.secondary" className="timeline-note" sx={{ whiteSpace: 'pre-wrap' }}>
                {entry.note}
              </Typography>
            ) : null}
            {entry.message ? (
              <Box className="timeline-message" sx={{ mt: 0.5, p: 1, bgcolor: 'action.hover', borderRadius: 1 }}>
                {entry.message.subject ? (
                  <Typography variant="body2" sx={{ fontWeight: 500 }}>
                    {entry.message.subject}
                  </Typography>
                ) : null}
                <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: 'pre-wrap' }}>
                  {entry.message.text}
                </Typography>
              </Box>
            ) : null}
          </Box>
        ))}
      </Box>
    </Box>
  );
};
