import { formatInstant } from '@closure-desk/shared';
import { useCallback, useEffect, useState } from 'react';
import {
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useLocale, useNotify, useTranslate } from 'react-admin';
import { httpClient } from '../http';

/** One of the signed-in person's sessions, as `GET /api/auth/sessions` gives it. */
export interface OwnSession {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

/** The person's own sessions: where and when each was used; end one, or every other one. */
export const SessionsDialog = ({ open, onClose }: { open: boolean; onClose: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const locale = useLocale();
  const [sessions, setSessions] = useState<OwnSession[] | null>(null);
  const when = (iso: string) => formatInstant(iso, locale);

  const load = useCallback(async () => {
    try {
      const { json } = await httpClient('/api/auth/sessions');
      setSessions(json as OwnSession[]);
    } catch {
      notify('app.sessions.load_failed', { type: 'error' });
    }
  }, [notify]);

  useEffect(() => {
    if (open) void load();
  }, [open, load]);

  const end = async (id: string) => {
    try {
      await httpClient(`/api/auth/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' });
      notify('app.sessions.ended_one', { type: 'info' });
    } catch {
      notify('app.sessions.end_failed', { type: 'error' });
    }
    await load();
  };
  const endOthers = async () => {
    try {
      const { json } = await httpClient('/api/auth/sessions/actions/end-others', { method: 'POST', body: '{}' });
      notify('app.sessions.ended_others', { type: 'info', messageArgs: { smart_count: (json as { ended: number }).ended } });
    } catch {
      notify('app.sessions.end_failed', { type: 'error' });
    }
    await load();
  };
  const others = sessions?.filter((s) => !s.current).length ?? 0;

  return (
    <Dialog open={open} onClose={onClose} maxWidth="md" fullWidth aria-labelledby="sessions-dialog-title">
      <DialogTitle id="sessions-dialog-title">{translate('app.sessions.title')}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" sx={{ mb: 2 }}>
          {translate('app.sessions.intro')}
        </Typography>
        <Table size="small" aria-label={translate('app.sessions.title')}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('app.sessions.browser')}</TableCell>
              <TableCell>{translate('app.sessions.address')}</TableCell>
              <TableCell>{translate('app.sessions.signed_in')}</TableCell>
              <TableCell>{translate('app.sessions.last_seen')}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {(sessions ?? []).map((s) => (
              <TableRow key={s.id} data-testid="session-row" data-current={s.current ? 'true' : 'false'}>
                <TableCell sx={{ maxWidth: 280, overflowWrap: 'anywhere' }}>{s.userAgent ?? translate('app.sessions.unknown')}</TableCell>
                <TableCell>{s.ip ?? translate('app.sessions.unknown')}</TableCell>
                <TableCell>{when(s.createdAt)}</TableCell>
                <TableCell>{when(s.lastSeenAt)}</TableCell>
                <TableCell align="right">
                  {s.current ? (
                    <Chip size="small" color="primary" label={translate('app.sessions.this_one')} />
                  ) : (
                    <Button size="small" onClick={() => void end(s.id)}>
                      {translate('app.sessions.end')}
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </DialogContent>
      <DialogActions>
        <Button color="warning" disabled={others === 0} onClick={() => void endOthers()}>
          {translate('app.sessions.end_others')}
        </Button>
        <Button onClick={onClose}>{translate('ra.action.close')}</Button>
      </DialogActions>
    </Dialog>
  );
};
