import type { Request, Response } from 'express';
import type { AppContext } from '../platform/context';
import { filterSql, idWindow, selectPage } from '../platform/http/list-sql';
import { auditRowToExport, auditEventCells, AUDIT_EXPORT_COLUMNS, type ExportedAuditEvent } from './export-row';
import { describeFilter, parseExportQuery, type ExportFormat } from './export-query';
import { auditEventResource } from './resources';
import {
  csvNumber, csvText, intOk, isoSql, isSequelizeTime, lineEnd, sqlitePages, textOk,
} from './sqlite-export';
import { keysetPages, renderPage, renderPages, SQLITE_EXPORT_PAGE_SIZE, streamAuditedExport, type RowWriter } from './stream-export';

/** The chain's last id (0 when empty): an export or a verification stops there, so later appends don't move it. */
export async function chainHeadId(ctx: AppContext): Promise<number> {
  const max = await ctx.models.AuditEvent.max('id');
  return max == null ? 0 : Number(max);
}

const WRITER: RowWriter<ExportedAuditEvent> = {
  idOf: (e) => e.id,
  toJson: (e) => e, // already in column order
  toCells: auditEventCells,
};

const ALIAS = '"AuditEvent"';
const col = (name: string) => `${ALIAS}."${name}"`;
const TEXT_COLUMNS = ['actor_email', 'actor_role', 'ip', 'entity_id', 'reason', 'before', 'after'];
const REQUIRED_TEXT_COLUMNS = ['action', 'entity_type', 'prev_hash', 'hash'];

/**
 * One event's export line written by SQLite, exactly as auditRowToExport + the JavaScript writers
 * write it, or NULL when a value is not of the form that SQL renders the same (see sqlite-export.ts).
 */
function auditLineSql(format: ExportFormat): string {
  const ok = [
    isSequelizeTime(col('at')),
    intOk(col('actor_id')),
    ...TEXT_COLUMNS.map((c) => textOk(col(c))),
    ...REQUIRED_TEXT_COLUMNS.map((c) => textOk(col(c), false)),
  ].join(' AND ');
  // Columns in AUDIT_EXPORT_COLUMNS order.
  const values: [key: string, json: string, csv: string][] = [
    ['id', col('id'), csvNumber(col('id'))],
    ['at', isoSql(col('at')), isoSql(col('at'))], // digits first: never quoted nor prefixed
    ['actorId', col('actor_id'), csvNumber(col('actor_id'))],
    ...(['actor_email', 'actor_role', 'ip', 'action', 'entity_type', 'entity_id', 'reason', 'before', 'after', 'prev_hash', 'hash']
      .map((c): [string, string, string] => [c.replace(/_(.)/g, (_, x: string) => x.toUpperCase()), col(c), csvText(col(c))])),
  ];
  const line = format === 'jsonl'
    ? `json_object(${values.map(([key, json]) => `'${key}', ${json}`).join(', ')})`
    : values.map(([, , csv]) => csv).join(` || ',' || `);
  return `CASE WHEN ${ok} THEN ${line} || ${lineEnd(format)} END`;
}

/**
 * GET /api/audit-events/export: every event matching the list's filters, oldest first, with
 * `before`/`after` as the stored JSON text so each hash can be recomputed from the file.
 * On SQLite the lines are written by SQLite, a page at a time; on PostgreSQL by JavaScript.
 */
export async function exportAuditEvents(ctx: AppContext, req: Request, res: Response): Promise<void> {
  const spec = auditEventResource(ctx);
  const { format, query } = parseExportQuery(spec, req);
  const headId = await chainHeadId(ctx);
  // The list's own SQL, every value a parameter (sqlitePages keeps ?1–?3 for its keyset).
  const filter = filterSql(ctx.db, spec, query, 3);
  const fetchPage = async (afterId: number, limit: number, lastId = headId) => {
    const rows = await selectPage(ctx.db, spec, {
      ...query, filters: [...query.filters, ...idWindow(afterId, lastId)], sort: { field: 'id', order: 'ASC' }, range: { offset: 0, limit },
    });
    return rows.map(auditRowToExport);
  };
  const pages = ctx.db.dialect === 'sqlite'
    ? sqlitePages({
      db: ctx.db,
      from: `FROM "audit_events" AS ${ALIAS}`,
      where: filter.sql,
      params: filter.params,
      idColumn: col('id'),
      line: auditLineSql(format),
      headId,
      pageSize: SQLITE_EXPORT_PAGE_SIZE,
      fallback: async (afterId, lastId) => renderPage(format, await fetchPage(afterId, SQLITE_EXPORT_PAGE_SIZE, lastId), WRITER),
    })
    : renderPages(format, keysetPages((afterId, limit) => fetchPage(afterId, limit), (e) => e.id), WRITER);

  await streamAuditedExport(ctx, req.ctx, res, {
    fileStem: 'audit-events',
    format,
    columns: AUDIT_EXPORT_COLUMNS,
    pages,
    audit: { action: 'audit.export', entityType: 'audit_event', filter: describeFilter(query), extra: { headId } },
  });
}
