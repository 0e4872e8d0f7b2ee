import { useState } from 'react';
import ArchiveIcon from '@mui/icons-material/Inventory2Outlined';
import { Button, useNotify, useRecordContext, useTranslate } from 'react-admin';
import { useMe } from '../common/useRole';
import { canDownloadEvidence } from '../permissions';
import { API_URL } from '../session';

/** Downloads the request's evidence pack (a ZIP the auditor verifies offline): auditors and supervisors. */
export const EvidencePackButton = () => {
  const record = useRecordContext();
  const me = useMe();
  const translate = useTranslate();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  if (!record || !canDownloadEvidence(me?.role)) return null;
  const download = async () => {
    setBusy(true);
    try {
      const res = await fetch(`${API_URL}/closure-requests/${record.id}/evidence`, { credentials: 'same-origin' });
      if (!res.ok) throw new Error(((await res.json().catch(() => ({}))) as { message?: string }).message ?? res.statusText);
      const blob = await res.blob();
      const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? `evidence-${String(record.reference)}.zip`;
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      notify(translate('app.evidence.downloaded', { file: name }), { type: 'success' });
    } catch (err) {
      notify(String((err as Error).message), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button label="app.evidence.button" onClick={download} disabled={busy} className="evidence-pack">
      <ArchiveIcon />
    </Button>
  );
};
