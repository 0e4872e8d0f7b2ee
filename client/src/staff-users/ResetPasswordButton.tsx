import { useState } from 'react';
import LockResetIcon from '@mui/icons-material/LockReset';
import { Button, Confirm, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { describeApiError } from '../common/apiErrors';
import { useMe } from '../common/useRole';
import { useApi } from '../dataProvider';

/**
 * An admin resets a staff member's password: their sessions end, the old password stops working
 * and a new link to choose one goes to their own e-mail. The admin never sees a password.
 */
export const ResetPasswordButton = () => {
  const record = useRecordContext();
  const me = useMe();
  const api = useApi();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!record || !record.active || record.id === me?.id) return null; // one's own: "change password" in the user menu
  const confirm = async () => {
    setBusy(true);
    try {
      await api.resetStaffPassword(Number(record.id));
      notify('app.staff.reset_done', { type: 'success', messageArgs: { email: String(record.email) } });
      refresh();
    } catch (error) {
      notify(describeApiError(error, translate), { type: 'error' });
    } finally {
      setBusy(false);
      setOpen(false);
    }
  };
  return (
    <>
      <Button label="app.staff.reset" onClick={() => setOpen(true)} className="reset-password">
        <LockResetIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={busy}
        title={translate('app.staff.reset_title', { name: String(record.fullName) })}
        content={translate('app.staff.reset_explain', { email: String(record.email) })}
        confirm="app.staff.reset"
        onConfirm={confirm}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
