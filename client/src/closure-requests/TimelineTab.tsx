import { Alert, Box, Skeleton, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { formatMinor } from '@closure-desk/shared';
import { useGetList, useLocale, useRecordContext, useTranslate, type RaRecord } from 'react-admin';
import { EnumField } from '../common/EnumField';
import { useMe } from '../common/useRole';
import { useApi } from '../dataProvider';
import { canReadAuditEvents } from '../permissions';

interface Entry {
  key: string;
  at: string;
  action: string;
  who?: string | null;
  text?: string | null;
  status?: string | null;
}

const objectOf = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

const byTime = (a: Entry, b: Entry) => a.at.localeCompare(b.at) || a.key.localeCompare(b.key);

/** The request's audit events (supervisors, auditors, admins read the trail). */
function useAuditTimeline(request: RaRecord, enabled: boolean): { entries: Entry[]; isPending: boolean } {
  const { data = [], isPending } = useGetList(
    'audit-events',
    {
      filter: { entityType: 'closure_request', entityId: String(request.id) },
      sort: { field: 'id', order: 'ASC' },
      pagination: { page: 1, perPage: 500 },
    },
    { enabled },
  );
  const entries = data.map((e): Entry => {
    const after = objectOf(e.after);
    const note = typeof after.text === 'string' ? after.text : typeof after.fileName === 'string' ? after.fileName : null;
    return {
      key: `a${e.id}`,
      at: String(e.at),
      action: String(e.action),
      who: e.actorEmail ? String(e.actorEmail) : null,
      text: (e.reason as string | null) ?? note,
      status: typeof after.status === 'string' ? after.status : null,
    };
  });
  return { entries, isPending: enabled && isPending };
}

/**
 * Agents cannot read the audit trail, so their timeline is rebuilt from what they can read:
 * the request's own dates, its notes, attachments, refunds and customer notifications.
 */
function useReadableTimeline(request: RaRecord, enabled: boolean): { entries: Entry[]; isPending: boolean } {
  const api = useApi();
  const locale = useLocale();
  const translate = useTranslate();
  const id = Number(request.id);
  const notes = useQuery({ queryKey: ['closure-requests', 'notes', id], queryFn: () => api.getNotes(id), enabled });
  const files = useQuery({ queryKey: ['closure-requests', 'attachments', id], queryFn: () => api.getAttachments(id), enabled });
  const related = { filter: { closureRequestId: id }, sort: { field: 'id', order: 'ASC' as const }, pagination: { page: 1, perPage: 500 } };
  const refunds = useGetList('refunds', related, { enabled });
  const notifications = useGetList('notifications', related, { enabled });
  const entries: Entry[] = [];
  if (request.submittedAt) entries.push({ key: 'submitted', at: String(request.submittedAt), action: 'closure.submitted', status: 'submitted' });
  for (const n of notes.data ?? []) entries.push({ key: `n${n.id}`, at: n.createdAt, action: 'closure.note', who: n.authorName, text: n.text });
  for (const f of files.data ?? []) entries.push({ key: `f${f.id}`, at: f.createdAt, action: 'attachment.upload', text: f.fileName });
  for (const r of refunds.data ?? []) {
    const amount = formatMinor(Number(r.amount), String(r.currency), locale);
    entries.push({ key: `r${r.id}`, at: String(r.createdAt), action: 'refund.create', text: amount });
    if (r.decidedAt && r.approvedById) {
      entries.push({ key: `rd${r.id}`, at: String(r.decidedAt), action: r.status === 'rejected' ? 'refund.reject' : 'refund.approve', text: amount });
    }
  }
  for (const m of notifications.data ?? []) {
    entries.push({
      key: `m${m.id}`,
      at: String(m.createdAt),
      action: 'notification.queued',
      text: `${translate(`enums.notificationChannel.${m.channel}`, { _: String(m.channel) })} · ${String(m.template)}`,
    });
  }
  if (request.completedAt) entries.push({ key: 'completed', at: String(request.completedAt), action: 'closure.complete', status: 'completed' });
  else if (request.resolvedAt && (request.status === 'rejected' || request.status === 'withdrawn')) {
    entries.push({ key: 'resolved', at: String(request.resolvedAt), action: request.status === 'rejected' ? 'closure.reject' : 'closure.withdraw', status: String(request.status) });
  }
  const isPending = enabled && (notes.isPending || files.isPending || refunds.isPending || notifications.isPending);
  return { entries, isPending };
}

/**
 * What happened to the request, oldest first. Supervisors, auditors and admins see the audit
 * trail itself (every command with who, when and why); agents see it rebuilt from the records
 * they may read, and are told so.
 */
export const TimelineTab = () => {
  const record = useRecordContext();
  const me = useMe();
  const translate = useTranslate();
  const locale = useLocale();
  const fromAudit = canReadAuditEvents(me?.role);
  const audit = useAuditTimeline(record ?? { id: 0 }, Boolean(record && me && fromAudit));
  const readable = useReadableTimeline(record ?? { id: 0 }, Boolean(record && me && !fromAudit));
  if (!record || !me) return null;
  const { entries, isPending } = fromAudit ? audit : readable;
  return (
    <Box className="timeline" sx={{ maxWidth: 800 }}>
      {!fromAudit ? (
        <Alert severity="info" sx={{ mb: 2 }}>
          {translate('app.timeline.rebuilt')}
        </Alert>
      ) : null}
      {isPending ? <Skeleton variant="rounded" height={120} /> : null}
      <Box component="ol" sx={{ listStyle: 'none', m: 0, p: 0 }}>
        {[...entries].sort(byTime).map((entry) => (
          <Box
            component="li"
            key={entry.key}
            className="timeline-entry"
            data-action={entry.action}
            sx={{ position: 'relative', pl: 3, pb: 2, borderLeft: '2px solid', borderColor: 'divider', ml: 1 }}
          >
            <Box sx={{ position: 'absolute', left: -6, top: 4, width: 10, height: 10, borderRadius: '50%', bgcolor: 'primary.main' }} />
            <Typography variant="caption" color="text.secondary">
              {new Date(entry.at).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' })}
              {entry.who ? ` · ${entry.who}` : ''}
            </Typography>
            <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {translate(`app.audit_actions.${entry.action}`, { _: entry.action })}
              </Typography>
              {entry.status ? <EnumField source="status" record={{ id: entry.key, status: entry.status }} enumName="closureStatus" /> : null}
            </Box>
            {entry.text ? (
              <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: 'pre-wrap' }}>
                {entry.text}
              </Typography>
            ) : null}
          </Box>
        ))}
      </Box>
    </Box>
  );
};
