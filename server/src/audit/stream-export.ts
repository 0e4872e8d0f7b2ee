import type { Response } from 'express';
import { stringify } from 'csv-stringify/sync';
import { CSV_OPTIONS } from './csv-cells';
import type { AppContext } from '../platform/context';
import type { RequestContext } from '../platform/auth/actor';
import { appendAuditEvent } from './append-audit-event';
import type { ExportFormat } from './export-query';

/**
 * Rows per keyset page where JavaScript writes the lines (PostgreSQL). Measured on 200,000 events: 5,000-row pages materialise ~8 MB of objects
 * at once, which V8 promotes to the old generation, and the server's RSS grew 100-170 MB;
 * 1,000-row pages die young, growth stayed under ~55 MB, at the same rows per second.
 */
export const EXPORT_PAGE_SIZE = 1000;
/**
 * Rows per page when SQLite writes the lines (sqlite-export.ts): a page is then one Buffer of a
 * few MB, not thousands of objects, so larger pages cost little memory and save round trips.
 */
export const SQLITE_EXPORT_PAGE_SIZE = 5000;
/** A client that stops reading for this long (without closing) is dropped. */
const DRAIN_TIMEOUT_MS = 5 * 60_000;

/**
 * Pages of rows, oldest first, by keyset (`WHERE id > last ORDER BY id LIMIT n`): every page
 * costs the same however deep the export is, and only one page is held at a time. The next
 * page is only read once the consumer asks for it, i.e. once the previous one has drained.
 */
export async function* keysetPages<T>(
  fetchPage: (afterId: number, limit: number) => Promise<T[]>,
  idOf: (row: T) => number,
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<T[]> {
  let after = 0;
  for (;;) {
    const page = await fetchPage(after, pageSize);
    if (page.length) yield page;
    if (page.length < pageSize) return;
    after = idOf(page[page.length - 1]!);
  }
}

/** One page of an export as it goes out: its lines joined, how many rows, and the first and last id. */
export interface RenderedPage {
  /** the page's records, as text or as UTF-8 bytes */
  text: string | Buffer;
  rows: number;
  firstId: number;
  lastId: number;
}

export interface ExportDefinition {
  /** the download's file name before the time stamp, e.g. `audit-events` */
  fileStem: string;
  format: ExportFormat;
  columns: readonly string[];
  /** the pages, already written as CSV records or JSONL lines (renderPage, or SQL on SQLite: sqlite-export.ts) */
  pages: AsyncIterable<RenderedPage>;
  audit: { action: string; entityType: string; filter: Record<string, unknown>; extra?: Record<string, unknown> };
}

/** How the JavaScript writers see a row: its id, its JSONL object and its CSV cells. */
export interface RowWriter<T> {
  idOf(row: T): number;
  /** the JSONL object of one row, keys in column order */
  toJson(row: T): object;
  /** the CSV cells of one row, in column order (nested values already JSON text) */
  toCells(row: T): unknown[];
}

/** A page of rows written as CSV records (csv-stringify) or JSONL lines (JSON.stringify). */
export function renderPage<T>(format: ExportFormat, page: T[], w: RowWriter<T>): RenderedPage {
  if (page.length === 0) return { text: '', rows: 0, firstId: 0, lastId: 0 };
  const text = format === 'csv'
    ? stringify(page.map((r) => w.toCells(r)), CSV_OPTIONS)
    : page.map((r) => `${JSON.stringify(w.toJson(r))}\n`).join('');
  return { text, rows: page.length, firstId: w.idOf(page[0]!), lastId: w.idOf(page[page.length - 1]!) };
}

/** Pages of rows (keysetPages) written by the JavaScript writers. */
export async function* renderPages<T>(format: ExportFormat, pages: AsyncIterable<T[]>, w: RowWriter<T>): AsyncGenerator<RenderedPage> {
  for await (const page of pages) yield renderPage(format, page, w);
}

export type ExportOutcome = 'completed' | 'aborted' | 'failed';

/** A response written with back-pressure that notices the client going away. */
class ResponseSink {
  closed = false;
  constructor(private readonly res: Response) {
    res.on('close', () => {
      if (!res.writableFinished) this.closed = true;
    });
    res.on('error', () => {
      this.closed = true;
    });
  }

  /** Writes one chunk; resolves false if the client is gone, after waiting for 'drain' when the buffer is full. */
  write(chunk: string | Buffer): Promise<boolean> {
    if (this.closed || this.res.destroyed) return Promise.resolve(false);
    const written = this.res.write(chunk);
    // Under the compression middleware (app.ts) a page would wait in zlib's buffer: send it now.
    (this.res as Response & { flush?: () => void }).flush?.();
    if (written) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        this.res.off('drain', onDrain);
        this.res.off('close', onClose);
        resolve(ok && !this.closed);
      };
      const onDrain = () => done(true);
      const onClose = () => done(false);
      const timer = setTimeout(() => {
        this.closed = true;
        this.res.destroy();
        done(false);
      }, DRAIN_TIMEOUT_MS);
      this.res.on('drain', onDrain);
      this.res.on('close', onClose);
    });
  }
}

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

interface Progress {
  rows: number;
  firstId: number | null;
  lastId: number | null;
  failure: unknown;
}

/** Writes page after page, each only once the previous one has drained; stops when the client goes away. */
async function writePages(sink: ResponseSink, def: ExportDefinition): Promise<Progress> {
  const progress: Progress = { rows: 0, firstId: null, lastId: null, failure: null };
  // The BOM lets spreadsheet programs read UTF-8 (Chinese names); it goes out with the first page,
  // so a failure before any row still answers a proper JSON error.
  let prefix = def.format === 'csv' ? `\uFEFF${stringify([def.columns as string[]], CSV_OPTIONS)}` : '';
  try {
    for await (const page of def.pages) {
      const chunk = !prefix ? page.text : typeof page.text === 'string' ? prefix + page.text : Buffer.concat([Buffer.from(prefix), page.text]);
      if (!(await sink.write(chunk))) break;
      prefix = '';
      progress.rows += page.rows;
      progress.firstId ??= page.firstId;
      progress.lastId = page.lastId;
    }
    if (prefix && !sink.closed) await sink.write(prefix); // no rows: the header alone
  } catch (err) {
    progress.failure = err;
  }
  return progress;
}

/**
 * Streams every row of `def.pages` as a CSV or JSONL download in constant memory, then records
 * the export as an audit event (who, which filter, how many rows, and whether it completed).
 * The event is written before the response ends, so a download that arrived whole is always
 * on record; a client that goes away is recorded as `aborted` with the rows sent so far.
 */
export async function streamAuditedExport(ctx: AppContext, rc: RequestContext, res: Response, def: ExportDefinition): Promise<void> {
  res.status(200);
  res.setHeader('Content-Type', def.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${def.fileStem}-${stamp(new Date())}.${def.format}"`);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (res.req.method === 'HEAD') {
    res.end(); // the headers only: nothing is read, so nothing to record
    return;
  }

  const sink = new ResponseSink(res);
  const { rows, firstId, lastId, failure } = await writePages(sink, def);
  const outcome: ExportOutcome = failure ? 'failed' : sink.closed ? 'aborted' : 'completed';
  try {
    await ctx.db.transaction((tx) =>
      appendAuditEvent(ctx.db, ctx.models, tx, {
        actor: rc.actor, ip: rc.ip, action: def.audit.action, entityType: def.audit.entityType, entityId: null,
        after: { format: def.format, filter: def.audit.filter, rows, outcome, firstId, lastId, ...def.audit.extra },
      }),
    );
  } catch (err) {
    // Not on record, so not delivered: cut the download short rather than end it cleanly.
    ctx.logger.error({ err, requestId: rc.requestId }, 'could not record an export in the audit trail');
    if (!res.headersSent) throw err;
    res.destroy();
    return;
  }
  if (failure) {
    if (!res.headersSent) res.removeHeader('Content-Disposition');
    throw failure; // the error handler answers JSON, or cuts the response if rows went out
  }
  if (outcome === 'completed') res.end();
}
