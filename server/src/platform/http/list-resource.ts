import type { Request, Response } from 'express';
import type { Includeable } from 'sequelize';
import type { Role } from '@closure-desk/shared';
import type { AppContext } from '../context';
import type { AnyModel } from '../db/models';
import type { StoredFlag, StoredTime } from '../db/records';
import { AppError, notFound } from '../errors';
import type { Database } from '../db/database';
import { parseListQuery, type FilterDef, type ListQuery, type ParsedFilter } from './list-query';
import { selectCount, selectPage, type SqlPiece } from './list-sql';
import type { RouteDef } from './routes';
import type { z } from 'zod';
import { listQueryParameters, pascalCase, singular, type RouteDoc } from './openapi';

/**
 * One read-only resource of API.md's list table: `Stored` is what its list SQL yields per row (the
 * model's record, with each include's attributes nested under its name), `Answer` what the API
 * shows of it (the shared answer schema's type).
 */
export interface ListResource<Stored extends object = object, Answer = unknown> {
  name: string;
  model: AnyModel;
  access: readonly Role[];
  /** the component it belongs to, and its row's answer schema (shared/src/schemas/answers.ts), for the OpenAPI document */
  tag: RouteDoc['tag'];
  answer: z.ZodType;
  filters: Record<string, FilterDef>;
  /** api field → model attribute */
  sorts: Record<string, string>;
  defaultSort: [string, 'ASC' | 'DESC'];
  include?: Includeable[];
  /** row → answer: the one place this resource's answer is made */
  toApi(row: Stored): Answer;
  /** A condition every list and show of this resource adds (rows of the table that are not this resource's), as SQL over `column(attribute)` */
  scopeSql?: (column: (attribute: string) => string) => string;
  /**
   * The total without counting, when the resource keeps it (closure requests' counters); null
   * means this filter is not a counted view and the rows are counted for real.
   */
  countTotal?: (query: ListQuery) => Promise<number | null>;
  /**
   * Filters that are not a plain column comparison (e.g. `overdue`), as SQL whose values are all
   * parameters (written with `p(value)`): no value the caller sent is ever part of the SQL text.
   */
  customSql?: Record<string, (f: ParsedFilter) => SqlPiece>;
  /** The free-text search `q`, as SQL whose values are all parameters; a list without it takes no q. */
  searchSql?: (q: string) => SqlPiece;
  /** SQLite only: the index a query must use where the planner, without statistics, would sort instead */
  indexHint?: (query: ListQuery) => string | null;
}

export function parseFor(spec: ListResource, req: Request): ListQuery {
  return parseListQuery(req.query as Record<string, unknown>, {
    filters: spec.filters,
    sorts: Object.keys(spec.sorts),
    defaultSort: spec.defaultSort,
    q: Boolean(spec.searchSql),
  });
}

/**
 * One page and the total. The total costs nothing when the page itself shows where the list ends
 * (fewer rows than asked for), comes from the resource's counters when it keeps them, and is
 * counted for real otherwise: a list request is two queries at most, whatever the page size.
 */
export async function listPage<S extends object, A>(db: Database, spec: ListResource<S, A>, query: ListQuery): Promise<{ rows: A[]; total: number }> {
  const { offset, limit } = query.range;
  const rows = await selectPage(db, spec, query);
  const total = rows.length < limit && (rows.length > 0 || offset === 0)
    ? offset + rows.length
    : ((await spec.countTotal?.(query)) ?? (await selectCount(db, spec, query)));
  return { rows: rows.map((r) => spec.toApi(r)), total };
}

/**
 * JSON as res.json() writes it, without the ETag Express computes over every body: API answers are
 * `Cache-Control: no-store`, so nobody revalidates them, and hashing 15 KB of list costs more
 * than the rest of the answer.
 */
function sendJson(res: Response, body: unknown): void {
  const text = JSON.stringify(body);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

export function contentRange(name: string, offset: number, count: number, total: number): string {
  return count === 0 ? `${name} */${total}` : `${name} ${offset}-${offset + count - 1}/${total}`;
}

export function parseId(raw: unknown): number {
  const n = typeof raw === 'string' && /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > 2 ** 31 - 1) throw new AppError('not_found', 'No such record');
  return n;
}

/** GET /<name> (list with Content-Range) and GET /<name>/:id for one resource. */
export function listRoutes(ctx: AppContext, spec: ListResource): RouteDef[] {
  return [
    {
      method: 'get',
      path: `/${spec.name}`,
      access: spec.access,
      doc: {
        operationId: `list${pascalCase(spec.name)}`, summary: `A page of ${spec.name.replace(/-/g, ' ')}`, tag: spec.tag,
        description: 'React-Admin’s simple REST query: sort, range and filter as JSON. An unknown field or parameter is a 400.',
        query: listQueryParameters(spec),
        ok: { status: 200, description: 'One page, with the total in Content-Range', schema: spec.answer, array: true, headers: ['Content-Range'] },
      },
      handler: async (req: Request, res: Response) => {
        const query = parseFor(spec, req);
        const { rows, total } = await listPage(ctx.db, spec, query);
        res.setHeader('Content-Range', contentRange(spec.name, query.range.offset, rows.length, total));
        sendJson(res, rows);
      },
    },
    {
      method: 'get',
      path: `/${spec.name}/:id`,
      access: spec.access,
      doc: {
        operationId: `get${singular(spec.name)}`, summary: `One of the ${spec.name.replace(/-/g, ' ')}`, tag: spec.tag,
        ok: { status: 200, description: 'The record', schema: spec.answer },
      },
      handler: async (req: Request, res: Response) => {
        const one: ListQuery = { ids: [parseId(req.params.id)], filters: [], sort: { field: 'id', order: 'ASC' }, range: { offset: 0, limit: 1 } };
        const [row] = await selectPage(ctx.db, spec, one);
        if (!row) throw notFound(spec.name);
        sendJson(res, spec.toApi(row));
      },
    },
  ];
}

/** Times as ISO 8601 UTC whatever the dialect hands back (Date on PostgreSQL, text on SQLite). */
export function iso(value: StoredTime): string;
export function iso(value: StoredTime | null | undefined): string | null;
export function iso(value: StoredTime | null | undefined): string | null {
  if (value == null) return null;
  // SQLite's UTC text (`2026-11-22 08:30:00.000 +00:00`, as Sequelize writes it) is rewritten, not
  // parsed: Date's parser for that form costs microseconds, many times over on every list page.
  if (typeof value === 'string' && value.length === 30 && value.endsWith(' +00:00') && value[10] === ' ') {
    return `${value.slice(0, 10)}T${value.slice(11, 23)}Z`;
  }
  // A stored time that is not one is corrupt data: toISOString's RangeError says so rather than an answer of null.
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/** Milliseconds since the epoch of a stored time (Date on PostgreSQL, text on SQLite). */
export function epochMs(value: StoredTime): number {
  return typeof value === 'string' ? Date.parse(iso(value)) : value.getTime();
}

/** A stored flag (true/false on PostgreSQL, 1/0 on SQLite) as a boolean. */
export const bool = (v: StoredFlag | null | undefined) => v === true || v === 1;
