import type { Request, Response } from 'express';
import type { AppContext } from '../platform/context';
import type { RouteDef } from '../platform/http/routes';
import { EXPORT_MEDIA, exportQueryParameters } from '../platform/http/openapi';
import { filterSql } from '../platform/http/list-sql';
import { AUDIT_READERS, describeFilter, parseExportQuery, shapeExport, streamAuditedExport, type RecordOfExport } from '../audit';
import { closureRequestResource } from './resources';

const R = '"ClosureRequest"';
const r = (column: string) => `${R}."${column}"`;

/**
 * One closure record as auditors take it away: the request, every audit event of it oldest first
 * (who did what, when), and its refunds with maker (createdById) and checker (approvedById). The
 * header, both writers and the record's type come from this one declaration (audit/export-shape.ts).
 */
const CLOSURE_RECORD = shapeExport({
  from: `"closure_requests" AS ${R} LEFT OUTER JOIN "customers" AS "customer" ON ${r('customer_id')} = "customer"."id"`,
  idColumn: r('id'),
  columns: [
    { key: 'id', sql: r('id'), kind: 'int', nullable: false },
    { key: 'reference', sql: r('reference'), kind: 'text', nullable: false },
    { key: 'accountNo', sql: '"customer"."account_no"', kind: 'text' },
    { key: 'customerId', sql: r('customer_id'), kind: 'int', nullable: false },
    { key: 'channel', sql: r('channel'), kind: 'text', nullable: false },
    { key: 'status', sql: r('status'), kind: 'text', nullable: false },
    { key: 'reasonCode', sql: r('reason_code'), kind: 'text', nullable: false },
    { key: 'reasonText', sql: r('reason_text'), kind: 'text' }, // the customer's own words for closing, as given
    { key: 'identityVerified', sql: r('identity_verified'), kind: 'bool' },
    { key: 'verificationMethod', sql: r('verification_method'), kind: 'text' },
    { key: 'assigneeId', sql: r('assignee_id'), kind: 'int' },
    { key: 'submittedAt', sql: r('submitted_at'), kind: 'time' },
    { key: 'dueAt', sql: r('due_at'), kind: 'time' },
    { key: 'balanceDecision', sql: r('balance_decision'), kind: 'text' },
    { key: 'effectiveDate', sql: r('effective_date'), kind: 'text' },
    { key: 'rejectReasonCode', sql: r('reject_reason_code'), kind: 'text' },
    { key: 'resolvedAt', sql: r('resolved_at'), kind: 'time' },
    { key: 'completedAt', sql: r('completed_at'), kind: 'time' },
    {
      key: 'stateChanges', kind: 'rows', from: '"audit_events" AS e', where: "e.entity_type = 'closure_request'",
      parent: { column: 'e.entity_id', text: true }, order: 'e.id',
      columns: [
        { key: 'eventId', sql: 'e.id', kind: 'int', nullable: false },
        { key: 'at', sql: 'e.at', kind: 'time' },
        { key: 'action', sql: 'e.action', kind: 'text' },
        { key: 'actorId', sql: 'e.actor_id', kind: 'int' },
        { key: 'actorEmail', sql: 'e.actor_email', kind: 'text' },
        { key: 'actorRole', sql: 'e.actor_role', kind: 'text' },
        { key: 'reason', sql: 'e.reason', kind: 'text' },
        { key: 'before', sql: 'e.before', kind: 'json' },
        { key: 'after', sql: 'e.after', kind: 'json' },
      ],
    },
    {
      key: 'refunds', kind: 'rows', from: '"refunds" AS f', where: '', parent: { column: 'f.closure_request_id' }, order: 'f.id',
      columns: [
        { key: 'id', sql: 'f.id', kind: 'int', nullable: false },
        { key: 'amount', sql: 'f.amount', kind: 'int' },
        { key: 'currency', sql: 'f.currency', kind: 'text' },
        { key: 'method', sql: 'f.method', kind: 'text' },
        { key: 'payoutReference', sql: 'f.payout_reference', kind: 'text' },
        { key: 'status', sql: 'f.status', kind: 'text' },
        { key: 'createdById', sql: 'f.created_by_id', kind: 'int' },
        { key: 'approvedById', sql: 'f.approved_by_id', kind: 'int' },
        { key: 'createdAt', sql: 'f.created_at', kind: 'time' },
        { key: 'decidedAt', sql: 'f.decided_at', kind: 'time' },
      ],
    },
  ],
});

/** One closure record as exported. */
export type ClosureRecord = RecordOfExport<typeof CLOSURE_RECORD>;
export const CLOSURE_EXPORT_COLUMNS = CLOSURE_RECORD.keys;

/**
 * GET /api/closure-requests/export: every request matching the list's filters, oldest first,
 * with its state changes (from the audit trail) and refunds. JSONL nests them; CSV holds them
 * as JSON text cells. Both writers come from CLOSURE_RECORD.
 */
export async function exportClosureRecords(ctx: AppContext, req: Request, res: Response): Promise<void> {
  const spec = closureRequestResource(ctx);
  const { format, query } = parseExportQuery(spec, req);
  const [head] = await ctx.db.select<{ id: number | string | null }>('SELECT max(id) AS id FROM closure_requests', []);
  // The list's own SQL, every value a parameter (numbered after the keyset's three).
  const pages = CLOSURE_RECORD.pages(ctx.db, format, filterSql(ctx.db, spec, query, 3), Number(head?.id ?? 0));

  await streamAuditedExport(ctx, req.ctx, res, {
    fileStem: 'closure-records',
    format,
    columns: CLOSURE_EXPORT_COLUMNS,
    pages,
    audit: { action: 'closure.export', entityType: 'closure_request', filter: describeFilter(query) },
  });
}

/** Registered before the closure-requests list routes, so `export` is not taken for an id. */
export function closureExportRoutes(ctx: AppContext): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/closure-requests/export',
      access: AUDIT_READERS,
      doc: {
        operationId: 'exportClosureRecords', summary: 'Export closure records as CSV or JSON lines (audited)', tag: 'closures',
        query: exportQueryParameters(closureRequestResource(ctx)),
        ok: { status: 200, description: 'The records, oldest first', headers: ['Content-Disposition'], media: EXPORT_MEDIA },
      },
      handler: (req: Request, res: Response) => exportClosureRecords(ctx, req, res),
    },
  ];
}
