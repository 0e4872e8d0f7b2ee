import { useEffect, useRef, useState } from 'react';
import {
  Alert,
  Box,
  Button as MuiButton,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  LinearProgress,
  Skeleton,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import UploadIcon from '@mui/icons-material/UploadFileOutlined';
import ViewIcon from '@mui/icons-material/VisibilityOutlined';
import { useQuery } from '@tanstack/react-query';
import { decideContribution, type ClosureStatus, formatInstant } from '@closure-desk/shared';
import { Button, useLocale, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { describeApiError } from '../common/apiErrors';
import { useMe } from '../common/useRole';
import { useApi, type Attachment } from '../dataProvider';
import { API_URL } from '../session';

const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT = 'application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png';

/** Opens a stored file (an audited read) in a dialog: images inline, PDFs in the browser's viewer. */
const AttachmentViewer = ({ attachment, onClose }: { attachment: Attachment; onClose: () => void }) => {
  const translate = useTranslate();
  const [url, setUrl] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    let href: string | null = null;
    let cancelled = false;
    fetch(`${API_URL}/attachments/${attachment.id}`, { credentials: 'same-origin' })
      .then(async (res) => {
        if (!res.ok) throw new Error((await res.json().catch(() => ({})))?.message ?? res.statusText);
        const blob = await res.blob();
        if (cancelled) return;
        href = URL.createObjectURL(new Blob([blob], { type: attachment.contentType }));
        setUrl(href);
      })
      .catch((e: unknown) => !cancelled && setFailure(e instanceof Error ? e.message : String(e)));
    return () => {
      cancelled = true;
      if (href) URL.revokeObjectURL(href);
    };
  }, [attachment]);
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="md" aria-labelledby="attachment-title" className="attachment-viewer">
      <DialogTitle id="attachment-title">{attachment.fileName}</DialogTitle>
      <DialogContent>
        {failure ? <Alert severity="error">{failure}</Alert> : null}
        {!url && !failure ? <LinearProgress /> : null}
        {url && attachment.contentType.startsWith('image/') ? (
          <Box component="img" src={url} alt={attachment.fileName} sx={{ maxWidth: '100%', display: 'block', mx: 'auto' }} />
        ) : null}
        {url && attachment.contentType === 'application/pdf' ? (
          <Box component="iframe" src={url} title={attachment.fileName} sx={{ width: '100%', height: '70vh', border: 0 }} />
        ) : null}
      </DialogContent>
      <DialogActions>
        {url ? (
          <MuiButton href={url} download={attachment.fileName}>
            {translate('app.attachments.download')}
          </MuiButton>
        ) : null}
        <Button label="ra.action.close" onClick={onClose} />
      </DialogActions>
    </Dialog>
  );
};

function formatSize(bytes: number, locale: string) {
  const kb = bytes / 1024;
  return kb < 1024
    ? new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 1 }).format(kb)
    : new Intl.NumberFormat(locale, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(kb / 1024);
}

/** The ID proof and letters of the request: upload (PDF, JPEG or PNG, at most 10 MB) and view. */
export const AttachmentsTab = () => {
  const record = useRecordContext();
  const api = useApi();
  const me = useMe();
  const translate = useTranslate();
  const locale = useLocale();
  const notify = useNotify();
  const refresh = useRefresh();
  const input = useRef<HTMLInputElement>(null);
  const mayAdd = Boolean(me && record) && decideContribution(me!, { status: record!.status as ClosureStatus, assigneeId: record!.assigneeId ?? null }).ok;
  const [uploading, setUploading] = useState(false);
  const [viewing, setViewing] = useState<Attachment | null>(null);
  const id = Number(record?.id);
  const { data, isPending, error } = useQuery({
    queryKey: ['closure-requests', 'attachments', id],
    queryFn: () => api.getAttachments(id),
    enabled: Boolean(record),
  });

  const upload = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_BYTES) {
      notify('app.attachments.too_large', { type: 'error' });
      return;
    }
    setUploading(true);
    try {
      await api.uploadAttachment(id, file);
      notify('app.attachments.uploaded', { type: 'success', messageArgs: { name: file.name } });
      refresh();
    } catch (e) {
      notify(describeApiError(e, translate), { type: 'error' });
    } finally {
      setUploading(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <Box className="attachments">
      {mayAdd ? (
        <Box sx={{ mb: 2, display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
          <input ref={input} type="file" accept={ACCEPT} hidden name="file" onChange={(e) => upload(e.target.files?.[0])} />
          <Button label="app.attachments.upload" variant="outlined" onClick={() => input.current?.click()} disabled={uploading} className="upload-attachment">
            <UploadIcon />
          </Button>
          <Typography variant="caption" color="text.secondary">
            {translate('app.attachments.rules')}
          </Typography>
        </Box>
      ) : null}
      {uploading ? <LinearProgress sx={{ mb: 1 }} /> : null}
      {error ? <Alert severity="error">{describeApiError(error, translate)}</Alert> : null}
      {isPending ? <Skeleton variant="rounded" height={80} /> : null}
      {data && data.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate('app.attachments.none')}
        </Typography>
      ) : null}
      {data && data.length ? (
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{translate('app.attachments.file')}</TableCell>
                <TableCell>{translate('app.attachments.type')}</TableCell>
                <TableCell align="right">{translate('app.attachments.size')}</TableCell>
                <TableCell>{translate('app.attachments.uploaded_at')}</TableCell>
                <TableCell>SHA-256</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {data.map((a) => (
                <TableRow key={a.id} className="attachment">
                  <TableCell>{a.fileName}</TableCell>
                  <TableCell>{a.contentType}</TableCell>
                  <TableCell align="right">{formatSize(a.size, locale)}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    {formatInstant(a.createdAt, locale)}
                  </TableCell>
                  <TableCell sx={{ fontFamily: 'monospace' }} title={a.sha256}>
                    {a.sha256.slice(0, 12)}…
                  </TableCell>
                  <TableCell>
                    {a.deleted ? (
                      <Typography variant="caption" color="text.secondary">
                        {translate('app.attachments.deleted')}
                      </Typography>
                    ) : (
                      <Button label="app.attachments.view" size="small" onClick={() => setViewing(a)} className="view-attachment">
                        <ViewIcon />
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      ) : null}
      {viewing ? <AttachmentViewer attachment={viewing} onClose={() => setViewing(null)} /> : null}
    </Box>
  );
};
