import { Alert, Box, Chip, LinearProgress, List, ListItem, ListItemText, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useRecordContext, useTranslate } from 'react-admin';
import { describeApiError } from '../common/apiErrors';
import { useApi, type TerminationCommand } from '../dataProvider';

const COLOR: Record<TerminationCommand['status'], 'default' | 'info' | 'success' | 'error'> = {
  pending: 'default', sent: 'info', confirmed: 'success', failed: 'error',
};

/**
 * Each profile's termination at the SM-DP+ and the network (`GET .../terminations`), from
 * `complete` on. While the request is `closing` it is read again every second (a command's
 * progress is not a change of the request, so the live feed does not carry it); the move to
 * `completed` comes through the live feed and ends the polling.
 */
export const TerminationProgress = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  const api = useApi();
  const id = Number(record?.id);
  const closing = record?.status === 'closing';
  const shown = closing || record?.status === 'completed';
  const { data, error } = useQuery({
    queryKey: ['closure-requests', 'terminations', id, record?.version],
    queryFn: () => api.getTerminations(id),
    enabled: Boolean(record) && shown,
    refetchInterval: closing ? 1000 : false,
  });
  if (!record || !shown || (data && data.length === 0)) return null;
  const done = data?.filter((c) => c.status === 'confirmed').length ?? 0;
  return (
    <Box component="section" className="termination-progress" data-status={String(record.status)} aria-labelledby="termination-title" sx={{ mt: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }}>
        <Typography id="termination-title" variant="subtitle2" color="text.secondary" sx={{ textTransform: 'uppercase' }}>
          {translate('app.termination.title')}
        </Typography>
        {data ? <Chip size="small" variant="outlined" className="termination-count" label={translate('app.termination.progress', { done, total: data.length })} /> : null}
      </Box>
      {error ? <Alert severity="error">{describeApiError(error, translate)}</Alert> : null}
      {closing ? <LinearProgress aria-label={translate('app.termination.title')} variant={data ? 'determinate' : 'indeterminate'} value={data?.length ? (100 * done) / data.length : 0} sx={{ mb: 1 }} /> : null}
      <List dense disablePadding>
        {(data ?? []).map((c) => (
          <ListItem key={c.id} disableGutters className="termination-command" data-peer={c.peer} data-status={c.status}>
            <ListItemText
              primary={`${translate(`app.termination.peer_${c.peer}`)} · ${translate(`app.termination.kind_${c.kind}`)} · ${c.iccid}`}
              secondary={[translate('app.termination.attempts', { smart_count: c.attempts }), c.peerReference, c.lastError].filter(Boolean).join(' · ')}
              slotProps={{ secondary: { color: c.status === 'failed' ? 'error' : 'text.secondary' } }}
            />
            <Chip size="small" color={COLOR[c.status]} label={translate(`app.termination.status_${c.status}`)} />
          </ListItem>
        ))}
      </List>
    </Box>
  );
};
