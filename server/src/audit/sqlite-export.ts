import type { Database } from '../platform/db/database';
import type { ExportFormat } from './export-query';
import type { RenderedPage } from './stream-export';

/**
 * SQL that writes export lines on SQLite, byte for byte as the JavaScript writers in
 * stream-export.ts do (csv-stringify, JSON.stringify). node-sqlite3 turns every column of every
 * row into a JavaScript value on the event loop's thread, and that, not SQLite, was what an export
 * spent its time on: here SQLite builds each line and joins a whole page into one string, so a
 * page costs the event loop one string, and the query itself runs on libuv's worker threads.
 *
 * Only values the SQL is known to render exactly as the JavaScript does are taken this way (times
 * in Sequelize's own text form, integers within 2^53, text that is not a BLOB, JSON text as
 * JSON.stringify writes it). A row with anything else makes its line NULL, and its whole page is
 * then written by the JavaScript writers instead (`fallback`), so the output never depends on
 * which path wrote it.
 */

/** A stored time exactly as Sequelize writes it on SQLite (`2026-11-22 08:30:00.000 +00:00`); anything else goes to the JavaScript path. */
const SEQUELIZE_TIME_GLOB = "'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9] +00:00'";

/** True when `iso()` (list-resource.ts) would take its rewriting fast path for this column: the time is NOT NULL and in Sequelize's form. */
export const isSequelizeTime = (col: string) => `(${col} GLOB ${SEQUELIZE_TIME_GLOB})`;

/** `iso()` of a column that passed isSequelizeTime (NULL stays NULL): `2026-11-22T08:30:00.000Z`. */
export const isoSql = (col: string) => `(substr(${col}, 1, 10) || 'T' || substr(${col}, 12, 12) || 'Z')`;

/** A time column that may be NULL: NULL, or Sequelize's form. */
export const timeOk = (col: string) => `(${col} IS NULL OR ${isSequelizeTime(col)})`;

/** An integer that JavaScript's Number holds exactly (so JSON.stringify and String print the same digits as SQLite). */
export const intOk = (col: string, nullable = true) =>
  `(${nullable ? `${col} IS NULL OR ` : ''}(typeof(${col}) = 'integer' AND ${col} BETWEEN -9007199254740991 AND 9007199254740991))`;

/** Text (or NULL): node-sqlite3 would hand a BLOB over as a Buffer, which the JavaScript writers print otherwise. */
export const textOk = (col: string, nullable = true) => (nullable ? `(typeof(${col}) IN ('text', 'null'))` : `(typeof(${col}) = 'text')`);

/**
 * JSON text that `JSON.stringify(JSON.parse(text))` gives back unchanged and that SQLite's json()
 * also gives back unchanged, so it can be embedded as is: what JSON.stringify itself wrote
 * (every audit event's before/after is written so). Excluded, to the JavaScript path: text that
 * is not valid JSON, not minified, holds a `\u` or `\/` escape, a number with a fraction or an
 * exponent, an integer beyond 2^53, a `-0`, or an object key starting with a digit (JavaScript
 * moves integer keys first). json_tree runs only on text where a GLOB finds something that looks
 * like such a number or key. CASE, not AND: json() and json_tree fail on invalid JSON, and only
 * CASE is sure to skip them. (Duplicate keys, which JSON.stringify never writes, are not looked for.)
 */
export const embeddableJson = (col: string) => `(${col} IS NULL OR CASE WHEN json_valid(${col}) THEN (json(${col}) = ${col}
  AND instr(${col}, '\\u') = 0 AND instr(${col}, '\\/') = 0
  AND NOT ${col} GLOB '*[:,[]-0[],}]*' AND ${col} <> '-0'
  AND NOT ((${col} GLOB '*[0-9][.eE]*' OR ${col} GLOB '*${'[0-9]'.repeat(16)}*' OR ${col} GLOB '*[{,]"[0-9]*')
    AND EXISTS (SELECT 1 FROM json_tree(${col}) WHERE type = 'real'
      OR (type = 'integer' AND atom NOT BETWEEN -9007199254740991 AND 9007199254740991)
      OR (typeof(key) = 'text' AND key GLOB '[0-9]*')))) ELSE 0 END)`;

/** JSON.parse's result of a JSON column, as a JSON value for json_object (NULL → null; invalid JSON, whose row is odd anyway, → null rather than an error). */
export const jsonValue = (col: string) => `CASE WHEN json_valid(${col}) THEN json(${col}) END`;

/** A page as one string built by SQLite, with what the stream records about it. */
interface SqlPage {
  n: number;
  firstId: number | null;
  lastId: number | null;
  /** rows whose line is NULL: the page is written by the JavaScript path */
  odd: number | null;
  body: Buffer | null;
}

export interface SqlitePagesOptions {
  db: Database;
  /** `FROM … [JOIN …]` with the table aliased, and the WHERE of the filters ('' for none) */
  from: string;
  where: string;
  /** the values of `where`'s parameters, numbered from ?4 */
  params?: readonly unknown[];
  /** the keyset column, e.g. `"AuditEvent"."id"` */
  idColumn: string;
  /**
   * Optional: what the row query selects besides the id (`expr AS name, …`), computed once per row;
   * `line` is then written over those names in a query of its own, so an expensive value (a JSON
   * subquery) that the line uses several times is not computed again each time.
   */
  columns?: string;
  /** the line of one row, or NULL when the row must be written by the JavaScript path */
  line: string;
  /** export rows up to this id (the head when the export began) */
  headId: number;
  pageSize: number;
  /** the JavaScript path for the rows after `afterId` up to `lastId`, used for a page with an odd row */
  fallback(afterId: number, lastId: number): Promise<RenderedPage>;
}

/**
 * Pages of lines, each one prepared statement whose single row is the page's lines joined by
 * SQLite, its row count and first/last id. The lines come as a BLOB, i.e. the UTF-8 bytes in a
 * Buffer outside V8's heap: as text they would be decoded into a JavaScript string only to be
 * encoded back to UTF-8 for the socket.
 *
 * group_concat joins the lines in the order the row query hands them over, which is id order:
 * that query is ordered and, having a LIMIT, is run on its own and read front to back (an ORDER BY
 * inside group_concat would sort every page's lines again, which halved the rate).
 *
 * Which rows a page holds:
 * - An unfiltered export of flat rows (the audit log) reads windows of ids (`id > a AND id <= a + n`):
 *   the next windows are known before the current one is read, so SCAN_AHEAD of them are rendered
 *   at once, each on a scan connection of its own, and SQLite writes lines on both cores while the
 *   client reads (audit CSV 100–109k rows/s one page ahead, 138–150k two; docs/PERFORMANCE.md). The
 *   audit log's ids are dense (appended one at a time under the chain's lock), so a window is full.
 * - A filtered export (the ids that match may be sparse) or one with JSON subqueries (closure
 *   records) reads keyset pages (`id > last ORDER BY id LIMIT n`), the next one while the current
 *   one is written. Closure records ran at 14k rows/s two at a time, 18–19k one at a time; the JSON
 *   functions allocate for every value, and SQLite's allocator is shared by the connections.
 * At most SCAN_AHEAD + 1 pages are held at a time.
 */
export async function* sqlitePages(o: SqlitePagesOptions): AsyncGenerator<RenderedPage> {
  const rows = (select: string) => `SELECT ${o.idColumn} AS id, ${select} ${o.from}
      WHERE ${o.where ? `(${o.where}) AND ` : ''}${o.idColumn} > ?1 AND ${o.idColumn} <= ?2 ORDER BY ${o.idColumn} LIMIT ?3`;
  // A subquery with a LIMIT is never merged into the query around it, so each row's line (and
  // columns) is computed once, not once per place the outer query names it. `LIMIT -1` is no limit.
  const lines = o.columns ? `SELECT id, ${o.line} AS line FROM (${rows(o.columns)}) LIMIT -1` : rows(`${o.line} AS line`);
  const sql = `SELECT count(*) AS n, min(id) AS firstId, max(id) AS lastId, sum(line IS NULL) AS odd,
      CAST(group_concat(line, '') AS BLOB) AS body
    FROM (${lines})`;
  const read = async (after: number, upTo: number) =>
    (await o.db.select<SqlPage>(sql, [after, upTo, o.pageSize, ...(o.params ?? [])], { scan: true }))[0];
  /** The page as the stream writes it: SQLite's lines, or, when a row is odd, the JavaScript path's over the same ids. */
  const rendered = async (page: SqlPage | undefined, after: number): Promise<RenderedPage | null> => {
    const n = Number(page?.n ?? 0);
    if (n === 0) return null;
    const lastId = Number(page!.lastId);
    if (!Number(page!.odd)) return { text: page!.body ?? Buffer.alloc(0), rows: n, firstId: Number(page!.firstId), lastId };
    // Read again, so a row changed in between (a filtered closure export) may have left the page.
    const again = await o.fallback(after, lastId);
    return again.rows ? again : null;
  };

  const ahead: { after: number; page: Promise<SqlPage | undefined> }[] = [];
  try {
    if (!o.where && !o.columns) {
      let from = 0;
      const fill = () => {
        while (ahead.length < SCAN_AHEAD && from < o.headId) {
          const upTo = Math.min(from + o.pageSize, o.headId);
          ahead.push({ after: from, page: read(from, upTo) });
          from = upTo;
        }
      };
      fill();
      while (ahead.length) {
        const { after, page } = ahead.shift()!;
        const done = await page;
        fill();
        const out = await rendered(done, after);
        if (out) yield out;
      }
      return;
    }
    let after = 0;
    ahead.push({ after, page: read(after, o.headId) });
    while (ahead.length) {
      const page = await ahead.shift()!.page;
      const n = Number(page?.n ?? 0);
      const lastId = Number(page?.lastId ?? after);
      if (n === o.pageSize) ahead.push({ after: lastId, page: read(lastId, o.headId) });
      const out = await rendered(page, after);
      if (out) yield out;
      after = lastId;
    }
  } finally {
    // the consumer stopped (the client went away): the pages read ahead are dropped
    for (const { page } of ahead) page.catch(() => undefined);
  }
}

/** Windows read ahead of the one being written: one per scan connection, so both cores render. */
const SCAN_AHEAD = 2;

/** The export's line terminator per format (csv-stringify's record_delimiter 'windows', or LF). */
export const lineEnd = (format: ExportFormat) => (format === 'csv' ? 'char(13, 10)' : 'char(10)');
