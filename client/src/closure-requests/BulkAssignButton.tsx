import { useState } from 'react';
import { Alert, Dialog, DialogActions, DialogContent, DialogTitle, List, ListItem, ListItemText } from '@mui/material';
import AssignIcon from '@mui/icons-material/AssignmentIndOutlined';
import { availableActions, type ClosureStatus } from '@closure-desk/shared';
import { Button, useListContext, useNotify, useRefresh, useTranslate, type RaRecord } from 'react-admin';
import { describeApiError } from '../common/apiErrors';
import { StaffPicker } from '../common/StaffPicker';
import { useStaffDirectory } from '../common/useStaffDirectory';
import { useMe } from '../common/useRole';
import { useApi } from '../dataProvider';

interface Failure {
  reference: string;
  reason: string;
}

/**
 * Assigns every selected request to one agent: the assign action once per request, each with the
 * version just read, so a request someone changed meanwhile fails alone. What failed stays listed.
 */
export const BulkAssignButton = () => {
  const { selectedIds, onUnselectItems, resource } = useListContext();
  const api = useApi();
  const me = useMe();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [assigneeId, setAssigneeId] = useState<number | ''>('');
  const [busy, setBusy] = useState(false);
  const [failures, setFailures] = useState<Failure[]>([]);
  const { data: directory = [] } = useStaffDirectory();

  const close = () => {
    setOpen(false);
    setFailures([]);
    setAssigneeId('');
  };

  const assign = async () => {
    if (assigneeId === '' || !me) return;
    setBusy(true);
    setFailures([]);
    const failed: Failure[] = [];
    let done = 0;
    try {
      const { data } = await api.getMany<RaRecord>(resource, { ids: selectedIds });
      for (const request of data) {
        const reference = String(request.reference ?? request.id);
        const state = { status: request.status as ClosureStatus, assigneeId: (request.assigneeId as number | null) ?? null };
        if (!availableActions(me, state).includes('assign')) {
          failed.push({ reference, reason: translate('app.bulk_assign.not_assignable', { status: translate(`enums.closureStatus.${state.status}`) }) });
          continue;
        }
        try {
          await api.closureAction(Number(request.id), 'assign', { version: Number(request.version), assigneeId });
          done++;
        } catch (error) {
          failed.push({ reference, reason: describeApiError(error, translate) });
        }
      }
    } catch (error) {
      failed.push({ reference: '—', reason: describeApiError(error, translate) });
    } finally {
      setBusy(false);
    }
    refresh();
    const name = directory.find((s) => s.id === assigneeId)?.fullName ?? `#${assigneeId}`;
    if (failed.length === 0) {
      notify('app.bulk_assign.done', { type: 'success', messageArgs: { smart_count: done, name } });
      onUnselectItems();
      close();
    } else {
      notify('app.bulk_assign.partial', { type: 'warning', messageArgs: { done, failed: failed.length, name } });
      setFailures(failed);
    }
  };

  return (
    <>
      <Button label="app.bulk_assign.button" onClick={() => setOpen(true)} className="bulk-assign">
        <AssignIcon />
      </Button>
      <Dialog open={open} onClose={busy ? undefined : close} fullWidth maxWidth="xs" aria-labelledby="bulk-assign-title">
        <DialogTitle id="bulk-assign-title">
          {translate('app.bulk_assign.title', { smart_count: selectedIds.length })}
        </DialogTitle>
        <DialogContent>
          <StaffPicker value={assigneeId} onChange={setAssigneeId} disabled={busy} />
          {failures.length ? (
            <Alert severity="warning" className="bulk-assign-failures">
              {translate('app.bulk_assign.failures')}
              <List dense disablePadding>
                {failures.map((f) => (
                  <ListItem key={f.reference} disableGutters>
                    <ListItemText primary={f.reference} secondary={f.reason} />
                  </ListItem>
                ))}
              </List>
            </Alert>
          ) : null}
        </DialogContent>
        <DialogActions>
          <Button label="ra.action.cancel" onClick={close} disabled={busy} />
          <Button label="app.bulk_assign.confirm" variant="contained" onClick={assign} disabled={busy || assigneeId === ''} />
        </DialogActions>
      </Dialog>
    </>
  );
};
