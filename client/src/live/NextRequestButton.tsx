import { useState } from 'react';
import NextIcon from '@mui/icons-material/SkipNextOutlined';
import { Button } from '@mui/material';
import { useNavigate, useNotify, useTranslate } from 'react-admin';
import { describeApiError } from '../common/apiErrors';
import { isWorker, useMe } from '../common/useRole';
import { useApi } from '../dataProvider';

/**
 * "Next request": claims the most urgent request of the queue for me (the server picks, so two
 * agents pressing at once never get the same one) and opens it; says so when the queue is empty.
 */
export const NextRequestButton = ({ variant = 'contained' }: { variant?: 'contained' | 'outlined' }) => {
  const api = useApi();
  const me = useMe();
  const navigate = useNavigate();
  const notify = useNotify();
  const translate = useTranslate();
  const [busy, setBusy] = useState(false);
  if (!isWorker(me?.role)) return null;
  const next = async () => {
    setBusy(true);
    try {
      const claimed = await api.claimNext();
      if (!claimed) notify('app.live.queue_empty', { type: 'info' });
      else {
        notify('app.live.claimed', { type: 'success', messageArgs: { reference: claimed.reference } });
        navigate(`/closure-requests/${claimed.id}/show`);
      }
    } catch (error) {
      notify(describeApiError(error, translate), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button variant={variant} size="small" startIcon={<NextIcon />} onClick={next} disabled={busy} className="next-request">
      {translate('app.live.next_request')}
    </Button>
  );
};
