import type { Request, Response } from 'express';
import { Op, type Includeable, type WhereOptions } from 'sequelize';
import type { Role } from '@closure-desk/shared';
import type { AppContext } from '../context';
import type { AnyModel } from '../db/models';
import { AppError, notFound } from '../errors';
import { parseListQuery, type FilterDef, type ListQuery, type ParsedFilter } from './list-query';
import type { RouteDef } from './routes';

type Row = Record<string, unknown>;

/** One read-only resource of API.md's list table. */
export interface ListResource {
  name: string;
  model: AnyModel;
  access: readonly Role[];
  filters: Record<string, FilterDef>;
  /** api field → model attribute */
  sorts: Record<string, string>;
  defaultSort: [string, 'ASC' | 'DESC'];
  search?: (q: string) => WhereOptions;
  /** filters that are not a plain column comparison (e.g. `overdue`) */
  custom?: Record<string, (f: ParsedFilter) => WhereOptions>;
  include?: Includeable[];
  toApi: (row: Row) => Row;
}

const OPS = { eq: Op.eq, in: Op.in, gte: Op.gte, lte: Op.lte } as const;

export function buildWhere(spec: ListResource, query: ListQuery): WhereOptions {
  const and: WhereOptions[] = [];
  if (query.ids) and.push({ id: { [Op.in]: query.ids } });
  for (const f of query.filters) {
    const custom = spec.custom?.[f.field];
    if (custom) and.push(custom(f));
    else and.push({ [f.def.attribute ?? f.field]: { [OPS[f.op]]: f.value } });
  }
  if (query.q && spec.search) and.push(spec.search(query.q));
  return and.length ? { [Op.and]: and } : {};
}

export function parseFor(spec: ListResource, req: Request): ListQuery {
  return parseListQuery(req.query as Record<string, unknown>, {
    filters: spec.filters,
    sorts: Object.keys(spec.sorts),
    defaultSort: spec.defaultSort,
    q: Boolean(spec.search),
  });
}

export async function listPage(spec: ListResource, query: ListQuery): Promise<{ rows: Row[]; total: number }> {
  const where = buildWhere(spec, query);
  const attribute = spec.sorts[query.sort.field]!;
  const [rows, total] = await Promise.all([
    spec.model.findAll({
      where,
      include: spec.include,
      order: [[attribute, query.sort.order], ['id', query.sort.order]],
      offset: query.range.offset,
      limit: query.range.limit,
      raw: true,
      nest: true,
    }),
    spec.model.count({ where }),
  ]);
  return { rows: (rows as unknown as Row[]).map(spec.toApi), total };
}

export function contentRange(name: string, offset: number, count: number, total: number): string {
  return count === 0 ? `${name} */${total}` : `${name} ${offset}-${offset + count - 1}/${total}`;
}

export function parseId(raw: unknown): number {
  const n = typeof raw === 'string' && /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new AppError('not_found', 'No such record');
  return n;
}

/** GET /<name> (list with Content-Range) and GET /<name>/:id for one resource. */
export function listRoutes(_ctx: AppContext, spec: ListResource): RouteDef[] {
  return [
    {
      method: 'get',
      path: `/${spec.name}`,
      access: spec.access,
      handler: async (req: Request, res: Response) => {
        const query = parseFor(spec, req);
        const { rows, total } = await listPage(spec, query);
        res.setHeader('Content-Range', contentRange(spec.name, query.range.offset, rows.length, total));
        return rows;
      },
    },
    {
      method: 'get',
      path: `/${spec.name}/:id`,
      access: spec.access,
      handler: async (req: Request) => {
        const row = await spec.model.findOne({ where: { id: parseId(req.params.id) }, include: spec.include, raw: true, nest: true });
        if (!row) throw notFound(spec.name);
        return spec.toApi(row as unknown as Row);
      },
    },
  ];
}

/** Times as ISO 8601 UTC whatever the dialect hands back (Date on PostgreSQL, text on SQLite). */
export function iso(value: unknown): string | null {
  if (value == null) return null;
  const d = value instanceof Date ? value : new Date(value as string);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export const bool = (v: unknown) => v === true || v === 1 || v === '1' || v === 'true';
export const num = (v: unknown) => (v == null ? null : Number(v));
