import type { Request, Response } from 'express';
import type { AppContext } from '../platform/context';
import { filterSql } from '../platform/http/list-sql';
import { AUDIT_EVENT_EXPORT } from './export-row';
import { describeFilter, parseExportQuery } from './export-query';
import { auditEventResource } from './resources';
import { streamAuditedExport } from './stream-export';

/** The chain's last id (0 when empty): an export or a verification stops there, so later appends don't move it. */
export async function chainHeadId(ctx: AppContext): Promise<number> {
  const [head] = await ctx.db.select<{ id: number | string | null }>('SELECT max(id) AS id FROM audit_events', []);
  return Number(head?.id ?? 0);
}

/**
 * GET /api/audit-events/export: every event matching the list's filters, oldest first, with
 * `before`/`after` as the stored JSON text so each hash can be recomputed from the file.
 * Both writers come from AUDIT_EVENT_EXPORT (export-row.ts).
 */
export async function exportAuditEvents(ctx: AppContext, req: Request, res: Response): Promise<void> {
  const spec = auditEventResource(ctx);
  const { format, query } = parseExportQuery(spec, req);
  const headId = await chainHeadId(ctx);
  // The list's own SQL, every value a parameter (numbered after the keyset's three).
  const pages = AUDIT_EVENT_EXPORT.pages(ctx.db, format, filterSql(ctx.db, spec, query, 3), headId);
  await streamAuditedExport(ctx, req.ctx, res, {
    fileStem: 'audit-events',
    format,
    columns: AUDIT_EVENT_EXPORT.keys,
    pages,
    audit: { action: 'audit.export', entityType: 'audit_event', filter: describeFilter(query), extra: { headId } },
  });
}
