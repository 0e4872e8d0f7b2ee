import { useState } from 'react';
import ReplayIcon from '@mui/icons-material/Replay';
import { Button, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { describeApiError } from '../common/apiErrors';
import { StopRowClick } from '../common/StopRowClick';
import { useMe } from '../common/useRole';
import { useApi } from '../dataProvider';
import { canWork } from '../permissions';

/** Puts a failed message back in the outbox; the dispatcher sends it on its next round. */
export const RetryNotificationButton = () => {
  const record = useRecordContext();
  const me = useMe();
  const api = useApi();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);
  if (!record || record.status !== 'failed' || !canWork(me?.role)) return null;
  const retry = async () => {
    setBusy(true);
    try {
      await api.retryNotification(Number(record.id));
      notify('app.retry.done', { type: 'success' });
    } catch (error) {
      notify(describeApiError(error, translate), { type: 'error' });
    } finally {
      setBusy(false);
      refresh();
    }
  };
  return (
    <StopRowClick>
      <Button label="app.retry.button" onClick={retry} disabled={busy} size="small" className="retry-notification">
        <ReplayIcon />
      </Button>
    </StopRowClick>
  );
};
