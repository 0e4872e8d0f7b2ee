import type { Request, Response } from 'express';
import type { AppContext } from '../platform/context';
import { filterSql } from '../platform/http/list-sql';
import { AUDIT_EVENT_EXPORT } from './export-row';
import { describeFilter, parseExportQuery } from './export-query';
import { findHeadEventId } from './repository';
import { auditEventResource } from './resources';
import { streamAuditedExport } from './stream-export';

/**
 * GET /api/audit-events/export: every event matching the list's filters, oldest first, with
 * `before`/`after` as the stored JSON text so each hash can be recomputed from the file.
 * Both writers come from AUDIT_EVENT_EXPORT (export-row.ts).
 */
export async function exportAuditEvents(ctx: AppContext, req: Request, res: Response): Promise<void> {
  const spec = auditEventResource(ctx);
  const { format, query } = parseExportQuery(spec, req);
  // The chain's head as the export begins: it stops there, so later appends don't move it.
  const headId = await findHeadEventId(ctx);
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
