import { HttpError } from 'react-admin';
import { getCsrfToken } from '../session';

export interface DownloadProgress {
  bytes: number;
  /** records received so far (lines of JSONL, CSV records after the header) */
  rows: number;
}

export interface DownloadResult extends DownloadProgress {
  fileName: string;
}

/**
 * Counts record ends in a stream of CSV or JSONL bytes. A newline inside a quoted CSV cell is not
 * a record end; quotes are tracked across chunks. (JSONL has no raw newline inside a record.)
 */
export function recordCounter(format: 'csv' | 'jsonl') {
  let quoted = false;
  let lines = 0;
  return {
    push(chunk: Uint8Array) {
      for (let i = 0; i < chunk.length; i++) {
        const byte = chunk[i];
        if (format === 'csv' && byte === 0x22) quoted = !quoted;
        else if (byte === 0x0a && !quoted) lines++;
      }
    },
    /** CSV's first record is the header. */
    get rows() {
      return format === 'csv' ? Math.max(0, lines - 1) : lines;
    },
  };
}

function fileNameOf(response: Response, fallback: string): string {
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? fallback;
}

/**
 * Downloads an export with `fetch`, reading the body chunk by chunk to report bytes and rows
 * as they arrive (the server streams; there is no Content-Length), then saves it through a Blob
 * URL under the server's file name. `signal` cancels it.
 */
export async function streamDownload(
  url: string,
  format: 'csv' | 'jsonl',
  onProgress: (progress: DownloadProgress) => void,
  signal?: AbortSignal,
): Promise<DownloadResult> {
  const headers = new Headers({ Accept: format === 'csv' ? 'text/csv' : 'application/x-ndjson' });
  const token = getCsrfToken();
  if (token) headers.set('X-CSRF-Token', token);
  const response = await fetch(url, { credentials: 'same-origin', headers, signal });
  if (!response.ok || !response.body) {
    const body = await response.json().catch(() => ({}));
    throw new HttpError(body?.message ?? response.statusText, response.status, body);
  }
  const reader = response.body.getReader();
  const counter = recordCounter(format);
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    bytes += value.length;
    counter.push(value);
    onProgress({ bytes, rows: counter.rows });
  }
  const fileName = fileNameOf(response, `export.${format}`);
  const blob = new Blob(chunks as BlobPart[], { type: response.headers.get('Content-Type') ?? 'application/octet-stream' });
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Give the browser time to start the save before the URL is released.
  window.setTimeout(() => URL.revokeObjectURL(href), 60_000);
  return { fileName, bytes, rows: counter.rows };
}
