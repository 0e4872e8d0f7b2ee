import type { Request, Response } from 'express';
import { Op } from 'sequelize';
import type { AppContext } from '../platform/context';
import { buildWhere } from '../platform/http/list-resource';
import { auditRowToExport, auditEventCells, AUDIT_EXPORT_COLUMNS, type ExportedAuditEvent } from './export-row';
import { describeFilter, parseExportQuery } from './export-query';
import { auditEventResource } from './resources';
import { keysetPages, streamAuditedExport } from './stream-export';

/** The chain's last id (0 when empty): an export or a verification stops there, so later appends don't move it. */
export async function chainHeadId(ctx: AppContext): Promise<number> {
  const max = await ctx.models.AuditEvent.max('id');
  return max == null ? 0 : Number(max);
}

/**
 * GET /api/audit-events/export: every event matching the list's filters, oldest first, with
 * `before`/`after` as the stored JSON text so each hash can be recomputed from the file.
 */
export async function exportAuditEvents(ctx: AppContext, req: Request, res: Response): Promise<void> {
  const spec = auditEventResource(ctx);
  const { format, query } = parseExportQuery(spec, req);
  const where = buildWhere(spec, query);
  const headId = await chainHeadId(ctx);
  const pages = keysetPages(async (afterId, limit) => {
    const rows = await ctx.models.AuditEvent.findAll({
      where: { [Op.and]: [where, { id: { [Op.gt]: afterId, [Op.lte]: headId } }] },
      order: [['id', 'ASC']],
      limit,
      raw: true,
    });
    return (rows as unknown as Record<string, unknown>[]).map(auditRowToExport);
  }, (e) => e.id);

  await streamAuditedExport<ExportedAuditEvent>(ctx, req.ctx, res, {
    fileStem: 'audit-events',
    format,
    columns: AUDIT_EXPORT_COLUMNS,
    pages,
    idOf: (e) => e.id,
    toJson: (e) => e, // already in column order
    toCells: auditEventCells,
    audit: { action: 'audit.export', entityType: 'audit_event', filter: describeFilter(query), extra: { headId } },
  });
}
