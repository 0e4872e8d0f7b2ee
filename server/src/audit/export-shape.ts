import { iso } from '../platform/http/list-resource';
import type { Database } from '../platform/db/database';
import type { ExportFormat } from './export-query';
import { csvNumber, csvText } from './csv-cells';
import { embeddableJson, intOk, isoSql, isSequelizeTime, jsonValue, lineEnd, sqlitePages, textOk, timeOk } from './sqlite-export';
import { keysetPages, renderPage, renderPages, SQLITE_EXPORT_PAGE_SIZE, type RenderedPage, type RowWriter } from './stream-export';

/**
 * An export declared once: each column's name, SQL expression and kind. Everything else is
 * derived from that declaration: the header, the SQL that writes the lines on SQLite
 * (sqlite-export.ts), the row query and the value conversion of the JavaScript path (PostgreSQL,
 * and SQLite's pages with an odd row), and the record's TypeScript type. A new column is one line.
 *
 * The kinds are the forms both paths render the same way:
 * - `int`: a number (JSON number; CSV digits, never a formula prefix);
 * - `text`: a string (JSON string; CSV cell neutralised and quoted as csv-stringify does);
 * - `time`: a stored time as ISO 8601 UTC (`iso()`);
 * - `bool`: true or false (CSV `true`/`false`);
 * - `json` (nested rows only): stored JSON text, parsed (`before`/`after` of a state change);
 * - `rows`: a list of child rows, nested in JSONL and as JSON text in a CSV cell.
 */
type FlatKind = 'int' | 'text' | 'time' | 'bool';
type ChildKind = 'int' | 'text' | 'time' | 'json';

interface Cell<K extends string> {
  readonly key: string;
  /** the value, as SQL over the export's FROM (portable: the same text runs on SQLite and PostgreSQL) */
  readonly sql: string;
  readonly kind: K;
  /** whether NULL is a value of the column (the default); false skips the NULL branch of the checks */
  readonly nullable?: boolean;
}

export type FlatColumn = Cell<FlatKind>;
export type ChildColumn = Cell<ChildKind>;

/** A list of rows of another table per exported row (a request's history, its refunds), oldest first. */
export interface RowsColumn {
  readonly key: string;
  readonly kind: 'rows';
  /** `"table" AS alias` */
  readonly from: string;
  /** a condition every child row meets besides its parent (`e.entity_type = 'closure_request'`), or '' */
  readonly where: string;
  /** the child's column naming its parent, and whether it holds the parent's id as text */
  readonly parent: { readonly column: string; readonly text?: boolean };
  /** the child's id, which orders the list */
  readonly order: string;
  readonly columns: readonly ChildColumn[];
}

export type ExportColumn = FlatColumn | RowsColumn;

interface KindValue { int: number; text: string; time: string; bool: boolean; json: unknown }

type ValueOf<C> = C extends RowsColumn
  ? RecordOf<C['columns']>[]
  : C extends Cell<infer K extends keyof KindValue>
    ? C extends { nullable: false } ? KindValue[K] : KindValue[K] | null
    : never;

/** The record an export of these columns writes, e.g. `{ id: number; reference: string; reasonText: string | null; … }`. */
export type RecordOf<C extends readonly (ExportColumn | ChildColumn)[]> = { [E in C[number] as E['key']]: ValueOf<E> };

export interface ExportShape<C extends readonly ExportColumn[]> {
  /** `FROM "table" AS alias [JOIN …]` */
  readonly from: string;
  /** the keyset: the table's integer primary key, e.g. `"AuditEvent"."id"`; its column is `id` */
  readonly idColumn: string;
  readonly columns: C;
}

const quote = (key: string) => `"${key}"`;

/**
 * A value as the drivers hand it back for a column of the kinds above: text; a number (BIGINTs
 * are parsed: database.ts); a Date or a boolean (PostgreSQL's times and flags); a Buffer (a SQLite
 * BLOB, one of the odd values that send a page down the JavaScript path); or NULL.
 */
type DriverValue = string | number | boolean | Date | Buffer | null;

/** A row of the JavaScript path's queries: each value under its column's key, the parent's id under `__id` or `__parent`. */
type DriverRow = { readonly [key: string]: DriverValue };

/** A value of an exported record: what FROM_DRIVER makes of a column (for `json`, what JSON.parse gives), or a list of child records. */
type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * A record as the JavaScript path builds and writes it, keyed by the columns' keys. RecordOf<C>
 * is its type as declared by the shape; the writers here need only its values by key.
 */
type ExportRecord = { [key: string]: JsonValue };

/** JSON.parse of stored JSON text; text that is not JSON as it is, anything else null. */
function parseJson(text: DriverValue | undefined): JsonValue {
  if (typeof text !== 'string') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** How the JavaScript path turns what the driver hands back (text or Date for a time, '1' or true for a flag) into the record's value. */
const FROM_DRIVER: Record<FlatKind | ChildKind, (v: DriverValue | undefined) => JsonValue> = {
  int: (v) => (v == null ? null : Number(v)),
  text: (v) => (v == null ? null : String(v)),
  time: (v) => (v == null ? null : iso(v instanceof Date ? v : String(v))),
  bool: (v) => v === true || v === 1 || v === '1' || v === 'true',
  json: parseJson,
};

/** The SQL check that a value is of the form both paths render alike (else its line is NULL: sqlite-export.ts). */
function checkSql(c: FlatColumn | ChildColumn, expr: string): string | null {
  const nullable = c.nullable !== false;
  switch (c.kind) {
    case 'int': return intOk(expr, nullable);
    case 'text': return textOk(expr, nullable);
    case 'time': return nullable ? timeOk(expr) : isSequelizeTime(expr);
    case 'json': return embeddableJson(expr);
    case 'bool': return null; // every value renders: bool() is true for 1, '1', 'true', true
  }
}

// bool(): 1, '1', 'true' or true; the column's integer affinity stores '1' as 1.
const boolSql = (expr: string) => `CASE WHEN ${expr} = 1 OR ${expr} = 'true' THEN 'true' ELSE 'false' END`;

/** A child row's value inside json_object (SQLite keeps a json() result as JSON there). */
function childJsonSql(c: ChildColumn, expr: string): string {
  switch (c.kind) {
    case 'time': return isoSql(expr);
    case 'json': return jsonValue(expr);
    default: return expr;
  }
}

/**
 * A JSON array of the child rows of the row whose id is `parentId`, in order, or NULL when a child
 * is odd. `ok` is computed once per child in the inner query, which its LIMIT keeps from being
 * merged into the aggregate; the objects are only built for children that are ok (json_object fails
 * on a BLOB). The children come in order from that ordered inner query: json_group_array's own
 * ORDER BY would pass the objects through a sorter, which turns them into strings.
 */
function rowsSql(c: RowsColumn, parentId: string): string {
  const checks = c.columns.map((child) => checkSql(child, child.sql)).filter((s): s is string => s !== null);
  const inner = `SELECT ${c.columns.map((child) => `${child.sql} AS ${quote(child.key)}`).join(', ')}, ${checks.length ? checks.join(' AND ') : '1'} AS ok
    FROM ${c.from} WHERE ${c.where ? `${c.where} AND ` : ''}${c.parent.column} = ${c.parent.text ? `CAST(${parentId} AS TEXT)` : parentId}
    ORDER BY ${c.order} LIMIT -1`;
  const object = c.columns.map((child) => `'${child.key}', ${childJsonSql(child, quote(child.key))}`).join(', ');
  return `(SELECT CASE WHEN min(ok) = 0 THEN NULL ELSE json_group_array(CASE WHEN ok THEN json_object(${object}) END) END FROM (${inner}))`;
}

/** SQLite's line of one row, over the row query's columns (each named after its key), or NULL when a value is odd. */
function lineSql(columns: readonly ExportColumn[], format: ExportFormat, idColumn: string, nested: boolean): string {
  // With nested rows the line is written over a row query of its own (each JSON array computed once); otherwise over the table.
  const ref = (c: ExportColumn) => (!nested ? (c as FlatColumn).sql : c.key === 'id' ? 'id' : quote(c.key));
  const checks = columns
    .filter((c) => !(c.key === 'id' && (c as FlatColumn).sql === idColumn)) // the keyset is the integer primary key
    .map((c) => (c.kind === 'rows' ? `${ref(c)} IS NOT NULL` : checkSql(c, ref(c))))
    .filter((s): s is string => s !== null);
  const json = (c: ExportColumn, e: string) =>
    c.kind === 'rows' ? e : c.kind === 'time' ? `json_quote(${isoSql(e)})` : c.kind === 'bool' ? boolSql(e) : `json_quote(${e})`;
  // a time that is never NULL starts with digits: neither quoted nor prefixed, nor coalesced
  const csv = (c: ExportColumn, e: string) =>
    c.kind === 'int' ? csvNumber(e) : c.kind === 'time' ? (c.nullable === false ? isoSql(e) : `coalesce(${isoSql(e)}, '')`) : c.kind === 'bool' ? boolSql(e) : csvText(e);
  // Over the table itself json_object writes the line, a third faster than joining quoted pieces
  // (measured on the audit export); over a row query of its own the nested arrays have lost their
  // JSON subtype, which json_object would quote as strings, so the pieces are joined instead.
  const flatJson = (c: ExportColumn, e: string) =>
    c.kind === 'time' ? isoSql(e) : c.kind === 'bool' ? `json(${boolSql(e)})` : e;
  const line = format === 'csv'
    ? columns.map((c) => csv(c, ref(c))).join(` || ',' || `)
    : nested
      ? `'{' || ${columns.map((c, i) => `'${i ? ',' : ''}"${c.key}":' || ${json(c, ref(c))}`).join(' || ')} || '}'`
      : `json_object(${columns.map((c) => `'${c.key}', ${flatJson(c, ref(c))}`).join(', ')})`;
  return `CASE WHEN ${checks.length ? checks.join(' AND ') : '1'} THEN ${line} || ${lineEnd(format)} END`;
}

/** The JavaScript path's page: the row query, then one query per nested list for the whole page. */
async function readRecords<C extends readonly ExportColumn[]>(
  db: Database, shape: ExportShape<C>, where: string, params: readonly unknown[], afterId: number, lastId: number, limit: number,
): Promise<ExportRecord[]> {
  const flat = shape.columns.filter((c): c is FlatColumn => c.kind !== 'rows');
  const lists = shape.columns.filter((c): c is RowsColumn => c.kind === 'rows');
  const rows = await db.select<DriverRow>(
    `SELECT ${shape.idColumn} AS "__id", ${flat.map((c) => `${c.sql} AS ${quote(c.key)}`).join(', ')} FROM ${shape.from}
      WHERE ${where ? `(${where}) AND ` : ''}${shape.idColumn} > ${db.placeholder(1)} AND ${shape.idColumn} <= ${db.placeholder(2)}
      ORDER BY ${shape.idColumn} LIMIT ${db.placeholder(3)}`,
    [afterId, lastId, limit, ...params],
  );
  const children = await Promise.all(lists.map((list) => readChildren(db, list, rows.map((r) => Number(r.__id)))));
  return rows.map((row) => {
    const record: ExportRecord = {};
    for (const c of shape.columns) {
      record[c.key] = c.kind === 'rows' ? (children[lists.indexOf(c)]!.get(Number(row.__id)) ?? []) : FROM_DRIVER[c.kind](row[c.key]);
    }
    return record;
  });
}

/** The child rows of a page of parents, grouped by parent id, each converted as its columns declare. */
async function readChildren(db: Database, list: RowsColumn, parentIds: number[]): Promise<Map<number, ExportRecord[]>> {
  const out = new Map<number, ExportRecord[]>();
  if (parentIds.length === 0) return out;
  const rows = await db.select<DriverRow>(
    `SELECT ${list.parent.column} AS "__parent", ${list.columns.map((c) => `${c.sql} AS ${quote(c.key)}`).join(', ')} FROM ${list.from}
      WHERE ${list.where ? `${list.where} AND ` : ''}${list.parent.column} IN (${parentIds.map((_, i) => db.placeholder(i + 1)).join(', ')})
      ORDER BY ${list.order}`,
    parentIds.map((id) => (list.parent.text ? String(id) : id)),
  );
  for (const row of rows) {
    const child: ExportRecord = {};
    for (const c of list.columns) child[c.key] = FROM_DRIVER[c.kind](row[c.key]);
    const parent = Number(row.__parent);
    const siblings = out.get(parent);
    if (siblings) siblings.push(child);
    else out.set(parent, [child]);
  }
  return out;
}

export interface ShapeExport<C extends readonly ExportColumn[]> {
  /** the header, in order */
  keys: readonly C[number]['key'][];
  /** the export's pages as they go out: SQL-written on SQLite, JavaScript-written on PostgreSQL and for a page with an odd row */
  pages(db: Database, format: ExportFormat, filter: { sql: string; params: readonly unknown[] }, headId: number): AsyncIterable<RenderedPage>;
  /** the JavaScript path's records after `afterId` up to `lastId`, for tests and tools */
  read(db: Database, filter: { sql: string; params: readonly unknown[] }, afterId: number, lastId: number, limit: number): Promise<RecordOf<C>[]>;
}

/** The record type of a declared export. */
export type RecordOfExport<E> = E extends ShapeExport<infer C> ? RecordOf<C> : never;

/**
 * The export of a declared shape. `filter` is the list's own condition with its parameters
 * numbered from 4 (`filterSql(…, 3)`): both paths keep ?1–?3 (or $1–$3) for the keyset.
 */
export function shapeExport<const C extends readonly ExportColumn[]>(shape: ExportShape<C>): ShapeExport<C> {
  if (shape.columns[0]?.key !== 'id') throw new Error('an export starts with its id column');
  const keys = shape.columns.map((c) => c.key);
  const nested = shape.columns.some((c) => c.kind === 'rows');
  const rowColumns = nested
    ? shape.columns.filter((c) => c.key !== 'id').map((c) => `${c.kind === 'rows' ? rowsSql(c, shape.idColumn) : c.sql} AS ${quote(c.key)}`).join(', ')
    : undefined;
  const lines = { csv: lineSql(shape.columns, 'csv', shape.idColumn, nested), jsonl: lineSql(shape.columns, 'jsonl', shape.idColumn, nested) };
  const writer: RowWriter<ExportRecord> = {
    idOf: (r) => Number(r.id),
    toJson: (r) => r,
    toCells: (r) => shape.columns.map((c) => (c.kind === 'rows' ? JSON.stringify(r[c.key]) : r[c.key])),
  };
  const records = (db: Database, filter: { sql: string; params: readonly unknown[] }, afterId: number, lastId: number, limit: number) =>
    readRecords(db, shape, filter.sql, filter.params, afterId, lastId, limit);
  // Built column by column from the declaration, each value as its kind says: the records are the
  // declared RecordOf<C>, which the compiler cannot follow through the loop over the columns.
  const read: ShapeExport<C>['read'] = (db, filter, afterId, lastId, limit) => records(db, filter, afterId, lastId, limit) as Promise<RecordOf<C>[]>;
  return {
    keys,
    read,
    pages(db, format, filter, headId) {
      if (db.dialect !== 'sqlite') {
        return renderPages(format, keysetPages((afterId, limit) => records(db, filter, afterId, headId, limit), writer.idOf), writer);
      }
      return sqlitePages({
        db,
        from: `FROM ${shape.from}`,
        where: filter.sql,
        params: filter.params,
        idColumn: shape.idColumn,
        columns: rowColumns,
        line: lines[format],
        headId,
        pageSize: SQLITE_EXPORT_PAGE_SIZE,
        fallback: async (afterId, lastId) => renderPage(format, await records(db, filter, afterId, lastId, SQLITE_EXPORT_PAGE_SIZE), writer),
      });
    },
  };
}
