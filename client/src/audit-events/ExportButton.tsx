import { useRef, useState } from 'react';
import {
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  LinearProgress,
  Menu,
  MenuItem,
  Typography,
} from '@mui/material';
import DownloadIcon from '@mui/icons-material/DownloadOutlined';
import { Button, useListContext, useLocale, useNotify, useTranslate } from 'react-admin';
import { describeApiError } from '../common/apiErrors';
import { API_URL } from '../session';
import { streamDownload, type DownloadProgress } from './streamDownload';

type Format = 'csv' | 'jsonl';

/** Drops the empty values a cleared filter input can leave behind. */
const cleanFilter = (filter: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== '' && v !== undefined && v !== null));

/**
 * Exports what the list shows (its current filter, every page) as CSV or JSONL:
 * `GET /api/<resource>/export`, an audited download. Progress counts bytes and rows as they
 * stream in; Cancel aborts the request (the server records the export as aborted).
 */
export const ExportButton = ({ resource }: { resource: 'audit-events' | 'closure-requests' }) => {
  const { filterValues } = useListContext();
  const translate = useTranslate();
  const locale = useLocale();
  const notify = useNotify();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [running, setRunning] = useState<Format | null>(null);
  const [progress, setProgress] = useState<DownloadProgress>({ bytes: 0, rows: 0 });
  const abort = useRef<AbortController | null>(null);

  const start = async (format: Format) => {
    setAnchor(null);
    setRunning(format);
    setProgress({ bytes: 0, rows: 0 });
    const controller = new AbortController();
    abort.current = controller;
    const params = new URLSearchParams({ format, filter: JSON.stringify(cleanFilter(filterValues)) });
    try {
      const result = await streamDownload(`${API_URL}/${resource}/export?${params}`, format, setProgress, controller.signal);
      notify('app.export.done', {
        type: 'success',
        messageArgs: { smart_count: result.rows, file: result.fileName, size: formatBytes(result.bytes, locale) },
      });
    } catch (error) {
      if (controller.signal.aborted) notify('app.export.cancelled', { type: 'info' });
      else notify(describeApiError(error, translate), { type: 'error' });
    } finally {
      setRunning(null);
      abort.current = null;
    }
  };

  return (
    <>
      <Button
        label="app.export.button"
        onClick={(event) => setAnchor(event.currentTarget)}
        disabled={running !== null}
        className="export-button"
        aria-haspopup="menu"
      >
        <DownloadIcon />
      </Button>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        <MenuItem onClick={() => start('csv')} className="export-csv">
          {translate('app.export.csv')}
        </MenuItem>
        <MenuItem onClick={() => start('jsonl')} className="export-jsonl">
          {translate('app.export.jsonl')}
        </MenuItem>
      </Menu>
      <Dialog open={running !== null} fullWidth maxWidth="xs" aria-labelledby="export-progress-title">
        <DialogTitle id="export-progress-title">{translate('app.export.in_progress')}</DialogTitle>
        <DialogContent>
          <LinearProgress sx={{ mb: 2 }} />
          <Typography className="export-progress" variant="body2" sx={{ fontVariantNumeric: 'tabular-nums' }}>
            {translate('app.export.progress', {
              smart_count: progress.rows,
              rows: progress.rows.toLocaleString(locale),
              size: formatBytes(progress.bytes, locale),
            })}
          </Typography>
        </DialogContent>
        <DialogActions>
          <Button label="ra.action.cancel" onClick={() => abort.current?.abort()} />
        </DialogActions>
      </Dialog>
    </>
  );
};

function formatBytes(bytes: number, locale: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(locale, { style: 'unit', unit: units[unit], maximumFractionDigits: unit ? 1 : 0 }).format(value);
}
