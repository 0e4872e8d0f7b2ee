import type { Request, Response } from 'express';
import { Op } from 'sequelize';
import type { AppContext } from '../platform/context';
import type { RouteDef } from '../platform/http/routes';
import { buildWhere, iso, num } from '../platform/http/list-resource';
import { AUDIT_READERS, describeFilter, keysetPages, parseExportQuery, streamAuditedExport } from '../audit';
import { closureRequestResource, closureRequestToApi } from './resources';

type Row = Record<string, unknown>;

/** One closure record as auditors take it away: the request, its history, its refunds. */
export interface ClosureRecord {
  id: number;
  reference: string;
  accountNo: string | null;
  customerId: number;
  channel: string;
  status: string;
  reasonCode: string;
  identityVerified: boolean;
  verificationMethod: string | null;
  assigneeId: number | null;
  submittedAt: string | null;
  dueAt: string | null;
  balanceDecision: string | null;
  effectiveDate: string | null;
  rejectReasonCode: string | null;
  resolvedAt: string | null;
  completedAt: string | null;
  /** every audit event of the request, oldest first: who did what, when */
  stateChanges: Row[];
  /** maker (createdById) and checker (approvedById) of each refund */
  refunds: Row[];
}

export const CLOSURE_EXPORT_COLUMNS = [
  'id', 'reference', 'accountNo', 'customerId', 'channel', 'status', 'reasonCode', 'identityVerified',
  'verificationMethod', 'assigneeId', 'submittedAt', 'dueAt', 'balanceDecision', 'effectiveDate', 'rejectReasonCode',
  'resolvedAt', 'completedAt', 'stateChanges', 'refunds',
] as const satisfies readonly (keyof ClosureRecord)[];

const parseJson = (text: unknown) => {
  if (typeof text !== 'string') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

const stateChange = (e: Row): Row => ({
  eventId: num(e.id), at: iso(e.at), action: e.action, actorId: e.actorId ?? null, actorEmail: e.actorEmail ?? null,
  actorRole: e.actorRole ?? null, reason: e.reason ?? null, before: parseJson(e.before), after: parseJson(e.after),
});

const refund = (r: Row): Row => ({
  id: r.id, amount: num(r.amount), currency: r.currency, method: r.method, payoutReference: r.payoutReference,
  status: r.status, createdById: r.createdById, approvedById: r.approvedById ?? null, createdAt: iso(r.createdAt),
  decidedAt: iso(r.decidedAt),
});

const groupBy = <T extends Row>(rows: T[], key: (r: T) => string) => {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
};

/** The history and refunds of one page of requests: two queries per page, whatever its size. */
async function loadRecords(ctx: AppContext, requests: Row[]): Promise<ClosureRecord[]> {
  if (requests.length === 0) return [];
  const ids = requests.map((r) => Number(r.id));
  const [events, refunds] = await Promise.all([
    ctx.models.AuditEvent.findAll({
      where: { entityType: 'closure_request', entityId: { [Op.in]: ids.map(String) } },
      order: [['id', 'ASC']],
      raw: true,
    }),
    ctx.models.Refund.findAll({ where: { closureRequestId: { [Op.in]: ids } }, order: [['id', 'ASC']], raw: true }),
  ]);
  const eventsOf = groupBy(events as unknown as Row[], (e) => String(e.entityId));
  const refundsOf = groupBy(refunds as unknown as Row[], (r) => String(r.closureRequestId));
  return requests.map((raw) => {
    const r = closureRequestToApi(raw);
    const id = String(r.id);
    return {
      id: Number(r.id), reference: String(r.reference), accountNo: (r.accountNo as string) ?? null, customerId: Number(r.customerId),
      channel: String(r.channel), status: String(r.status), reasonCode: String(r.reasonCode),
      identityVerified: Boolean(r.identityVerified), verificationMethod: (r.verificationMethod as string) ?? null,
      assigneeId: (r.assigneeId as number) ?? null, submittedAt: r.submittedAt as string | null, dueAt: r.dueAt as string | null,
      balanceDecision: (r.balanceDecision as string) ?? null, effectiveDate: (r.effectiveDate as string) ?? null,
      rejectReasonCode: (r.rejectReasonCode as string) ?? null, resolvedAt: r.resolvedAt as string | null,
      completedAt: r.completedAt as string | null,
      stateChanges: (eventsOf.get(id) ?? []).map(stateChange),
      refunds: (refundsOf.get(id) ?? []).map(refund),
    };
  });
}

/**
 * GET /api/closure-requests/export: every request matching the list's filters, oldest first,
 * with its state changes (from the audit trail) and refunds. JSONL nests them; CSV holds them
 * as JSON text cells.
 */
export async function exportClosureRecords(ctx: AppContext, req: Request, res: Response): Promise<void> {
  const spec = closureRequestResource(ctx);
  const { format, query } = parseExportQuery(spec, req);
  const where = buildWhere(spec, query);
  const maxId = await ctx.models.ClosureRequest.max('id');
  const headId = maxId == null ? 0 : Number(maxId);
  const pages = keysetPages(async (afterId, limit) => {
    const rows = await ctx.models.ClosureRequest.findAll({
      where: { [Op.and]: [where, { id: { [Op.gt]: afterId, [Op.lte]: headId } }] },
      include: spec.include,
      order: [['id', 'ASC']],
      limit,
      raw: true,
      nest: true,
    });
    return loadRecords(ctx, rows as unknown as Row[]);
  }, (r) => r.id);

  await streamAuditedExport<ClosureRecord>(ctx, req.ctx, res, {
    fileStem: 'closure-records',
    format,
    columns: CLOSURE_EXPORT_COLUMNS,
    pages,
    idOf: (r) => r.id,
    toJson: (r) => ({ ...r }),
    toCells: (r) => CLOSURE_EXPORT_COLUMNS.map((c) => (c === 'stateChanges' || c === 'refunds' ? JSON.stringify(r[c]) : r[c])),
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
      handler: (req: Request, res: Response) => exportClosureRecords(ctx, req, res),
    },
  ];
}
