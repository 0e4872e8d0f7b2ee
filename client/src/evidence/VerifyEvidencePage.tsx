import { useEffect, useState, type DragEvent } from 'react';
import { Alert, Box, Card, CardContent, Chip, List, ListItem, ListItemText, Stack, Typography } from '@mui/material';
import CheckIcon from '@mui/icons-material/CheckCircle';
import CloseIcon from '@mui/icons-material/Cancel';
import RemoveIcon from '@mui/icons-material/Remove';
import { Title, useTranslate } from 'react-admin';
import { verifyExportJsonl, verifyPackZip, type PackVerification } from '@closure-desk/shared/evidence';
import { API_URL } from '../session';

const CHECK_KEYS: Record<string, string> = {
  'pack layout': 'layout', 'public key': 'public_key', 'checkpoint signature': 'checkpoint', 'event hashes': 'hashes',
  'inclusion proofs': 'inclusion', 'record backed by events': 'record', 'attachment files': 'files',
  'consistency with the older checkpoint': 'consistency', 'hash chain': 'chain',
};

/**
 * Verify evidence: a pack (ZIP) or a JSONL audit export is checked here, in the browser, by the
 * same rules as npm run evidence:verify (shared/src/evidence, WebCrypto Ed25519 and SHA-256).
 * The file is never sent anywhere; the only request is for the published public key.
 */
export const VerifyEvidencePage = () => {
  const translate = useTranslate();
  const [publishedKey, setPublishedKey] = useState<string | null>(null);
  const [older, setOlder] = useState<{ name: string; text: string } | null>(null);
  const [result, setResult] = useState<{ file: string; verification: PackVerification } | null>(null);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    fetch(`${API_URL}/audit/public-key`, { credentials: 'omit' })
      .then((r) => (r.ok ? r.json() : null))
      .then((k: { publicKeyPem?: string } | null) => setPublishedKey(k?.publicKeyPem ?? null), () => setPublishedKey(null));
  }, []);

  const check = async (file: File) => {
    setBusy(true);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
      const opts = { publicKeyPem: publishedKey ?? undefined };
      const verification = isZip
        ? await verifyPackZip(bytes, { ...opts, olderCheckpoint: older?.text })
        : await verifyExportJsonl(new TextDecoder().decode(bytes), opts);
      setResult({ file: file.name, verification });
    } catch (err) {
      setResult({ file: file.name, verification: { ok: false, checks: [{ key: 'layout', name: 'pack layout', status: 'fail', detail: String((err as Error).message) }], summary: String(err) } });
    } finally {
      setBusy(false);
    }
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const f = e.dataTransfer.files[0];
    if (f) void check(f);
  };

  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('app.evidence.verify_title')} />
      <CardContent>
        <Typography variant="body2" sx={{ mb: 2 }}>{translate('app.evidence.verify_intro')}</Typography>
        <Box
          onDragOver={(e) => { e.preventDefault(); setDragging(true); }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          className="evidence-drop"
          sx={{ border: '2px dashed', borderColor: dragging ? 'primary.main' : 'divider', borderRadius: 1, p: 3, textAlign: 'center', mb: 2 }}
        >
          <Typography sx={{ mb: 1 }}>{translate('app.evidence.drop')}</Typography>
          <input type="file" accept=".zip,.jsonl,application/zip" aria-label={translate('app.evidence.choose')} className="evidence-file"
            onChange={(e) => { const f = e.target.files?.[0]; if (f) void check(f); e.target.value = ''; }} />
        </Box>
        <Stack direction="row" spacing={2} sx={{ mb: 2, alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography variant="body2">{translate('app.evidence.older')}</Typography>
          <input type="file" accept=".txt" aria-label={translate('app.evidence.older')} className="evidence-older"
            onChange={async (e) => { const f = e.target.files?.[0]; setOlder(f ? { name: f.name, text: await f.text() } : null); }} />
          <Typography variant="body2" color="text.secondary" className="evidence-key">
            {publishedKey ? translate('app.evidence.key_published') : translate('app.evidence.key_own')}
          </Typography>
        </Stack>
        {busy ? <Typography>{translate('app.evidence.checking')}</Typography> : null}
        {result && !busy ? (
          <Box className="evidence-result" data-ok={result.verification.ok ? 'true' : 'false'}>
            <Alert severity={result.verification.ok ? 'success' : 'error'} sx={{ mb: 1 }}>
              <strong>{result.file}</strong>: {translate(result.verification.ok ? 'app.evidence.ok' : 'app.evidence.failed')}
            </Alert>
            <List dense>
              {result.verification.checks.map((c) => (
                <ListItem key={c.name} className="evidence-check" data-status={c.status} data-check={c.name}>
                  <Chip size="small" sx={{ mr: 1, minWidth: 72 }}
                    color={c.status === 'pass' ? 'success' : c.status === 'fail' ? 'error' : 'default'}
                    icon={c.status === 'pass' ? <CheckIcon /> : c.status === 'fail' ? <CloseIcon /> : <RemoveIcon />}
                    label={translate(`app.evidence.status.${c.status}`)} />
                  <ListItemText primary={translate(`app.evidence.checks.${CHECK_KEYS[c.name] ?? 'layout'}`)} secondary={`${c.name}: ${c.detail}`} />
                </ListItem>
              ))}
            </List>
          </Box>
        ) : null}
      </CardContent>
    </Card>
  );
};
