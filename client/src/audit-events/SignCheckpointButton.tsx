import { useState } from 'react';
import DrawIcon from '@mui/icons-material/DrawOutlined';
import { Button, useNotify, useTranslate } from 'react-admin';
import { describeApiError } from '../common/apiErrors';
import { useMe } from '../common/useRole';
import { useApi } from '../dataProvider';

/** Signs the audit log's Merkle tree now (Ed25519 checkpoint, docs/AUDIT.md §3.2): auditors and supervisors. */
export const SignCheckpointButton = () => {
  const api = useApi();
  const me = useMe();
  const translate = useTranslate();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  if (me?.role !== 'auditor' && me?.role !== 'supervisor') return null;
  const sign = async () => {
    setBusy(true);
    try {
      const cp = await api.signAuditCheckpoint();
      notify(translate('app.checkpoint.signed', { size: cp.treeSize }), { type: 'success' });
    } catch (error) {
      notify(describeApiError(error, translate), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button label="app.checkpoint.button" onClick={sign} disabled={busy} className="sign-checkpoint">
      <DrawIcon />
    </Button>
  );
};
