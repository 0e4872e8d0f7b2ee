import type { Request, Response } from 'express';
import { Op } from 'sequelize';
import type { AppContext } from '../platform/context';
import type { RouteDef } from '../platform/http/routes';
import { EXPORT_MEDIA, exportQueryParameters } from '../platform/http/openapi';
import { iso, num } from '../platform/http/list-resource';
import { filterSql, idWindow, selectPage } from '../platform/http/list-sql';
import {
  AUDIT_READERS, describeFilter, keysetPages, parseExportQuery, renderPage, renderPages, streamAuditedExport,
  type ExportFormat, type RowWriter,
} from '../audit';
import {
  csvNumber, csvText, embeddableJson, intOk, isoSql, jsonValue, lineEnd, sqlitePages, textOk, timeOk,
} from '../audit';
import { SQLITE_EXPORT_PAGE_SIZE } from '../audit';
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
  /** the customer's own words for closing, as given */
  reasonText: string | null;
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
  'id', 'reference', 'accountNo', 'customerId', 'channel', 'status', 'reasonCode', 'reasonText', 'identityVerified',
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
      reasonText: (r.reasonText as string) ?? null, identityVerified: Boolean(r.identityVerified), verificationMethod: (r.verificationMethod as string) ?? null,
      assigneeId: (r.assigneeId as number) ?? null, submittedAt: r.submittedAt as string | null, dueAt: r.dueAt as string | null,
      balanceDecision: (r.balanceDecision as string) ?? null, effectiveDate: (r.effectiveDate as string) ?? null,
      rejectReasonCode: (r.rejectReasonCode as string) ?? null, resolvedAt: r.resolvedAt as string | null,
      completedAt: r.completedAt as string | null,
      stateChanges: (eventsOf.get(id) ?? []).map(stateChange),
      refunds: (refundsOf.get(id) ?? []).map(refund),
    };
  });
}

const WRITER: RowWriter<ClosureRecord> = {
  idOf: (r) => r.id,
  toJson: (r) => ({ ...r }),
  toCells: (r) => CLOSURE_EXPORT_COLUMNS.map((c) => (c === 'stateChanges' || c === 'refunds' ? JSON.stringify(r[c]) : r[c])),
};

const R = '"ClosureRequest"';
const r = (column: string) => `${R}."${column}"`;

/**
 * A JSON array of one object per row, in id order, or NULL when a row is odd (its `ok` is false).
 * `ok` is computed once per row in the inner query, which its LIMIT keeps from being merged into
 * the aggregate; the objects are only built for rows that are ok (json_object fails on a BLOB).
 * The rows come in id order from that ordered inner query: json_group_array's own ORDER BY would
 * pass the objects through a sorter, which turns them into strings.
 */
const jsonArraySql = (columns: string, ok: string, from: string, object: string) =>
  `(SELECT CASE WHEN min(ok) = 0 THEN NULL ELSE json_group_array(CASE WHEN ok THEN json_object(${object}) END) END
  FROM (SELECT ${columns}, ${ok} AS ok ${from} ORDER BY id LIMIT -1))`;

/** A request's history as SQLite writes it: the stateChange() objects of its audit events, oldest first. */
const STATE_CHANGES_SQL = jsonArraySql(
  'e.id, e.at, e.action, e.actor_id, e.actor_email, e.actor_role, e.reason, e.before, e.after',
  [timeOk('e.at'), textOk('e.action'), intOk('e.actor_id'), textOk('e.actor_email'), textOk('e.actor_role'), textOk('e.reason'),
    embeddableJson('e.before'), embeddableJson('e.after')].join(' AND '),
  `FROM "audit_events" AS e WHERE e.entity_type = 'closure_request' AND e.entity_id = CAST(${r('id')} AS TEXT)`,
  `'eventId', id, 'at', ${isoSql('at')}, 'action', action, 'actorId', actor_id, 'actorEmail', actor_email,
    'actorRole', actor_role, 'reason', reason, 'before', ${jsonValue('before')}, 'after', ${jsonValue('after')}`,
);

/** A request's refunds as SQLite writes them: the refund() objects, oldest first. */
const REFUNDS_SQL = jsonArraySql(
  'f.id, f.amount, f.currency, f.method, f.payout_reference, f.status, f.created_by_id, f.approved_by_id, f.created_at, f.decided_at',
  [intOk('f.id', false), intOk('f.amount'), textOk('f.currency'), textOk('f.method'), textOk('f.payout_reference'), textOk('f.status'),
    intOk('f.created_by_id'), intOk('f.approved_by_id'), timeOk('f.created_at'), timeOk('f.decided_at')].join(' AND '),
  `FROM "refunds" AS f WHERE f.closure_request_id = ${r('id')}`,
  `'id', id, 'amount', amount, 'currency', currency, 'method', method, 'payoutReference', payout_reference,
    'status', status, 'createdById', created_by_id, 'approvedById', approved_by_id,
    'createdAt', ${isoSql('created_at')}, 'decidedAt', ${isoSql('decided_at')}`,
);

type Kind = 'int' | 'text' | 'time' | 'bool' | 'json';
/**
 * The record's columns (CLOSURE_EXPORT_COLUMNS order): the SQL of the row query (a name the line
 * refers to), and how loadRecords treats each.
 */
const RECORD_SQL: [key: (typeof CLOSURE_EXPORT_COLUMNS)[number], sql: string, kind: Kind, nullable: boolean][] = [
  ['id', r('id'), 'int', false],
  ['reference', r('reference'), 'text', false],
  ['accountNo', '"customer"."account_no"', 'text', true],
  ['customerId', r('customer_id'), 'int', false],
  ['channel', r('channel'), 'text', false],
  ['status', r('status'), 'text', false],
  ['reasonCode', r('reason_code'), 'text', false],
  ['reasonText', r('reason_text'), 'text', true],
  ['identityVerified', r('identity_verified'), 'bool', false],
  ['verificationMethod', r('verification_method'), 'text', true],
  ['assigneeId', r('assignee_id'), 'int', true],
  ['submittedAt', r('submitted_at'), 'time', true],
  ['dueAt', r('due_at'), 'time', true],
  ['balanceDecision', r('balance_decision'), 'text', true],
  ['effectiveDate', r('effective_date'), 'text', true],
  ['rejectReasonCode', r('reject_reason_code'), 'text', true],
  ['resolvedAt', r('resolved_at'), 'time', true],
  ['completedAt', r('completed_at'), 'time', true],
  ['stateChanges', STATE_CHANGES_SQL, 'json', false],
  ['refunds', REFUNDS_SQL, 'json', false],
];

/** The row query's columns, each named after its key: the JSON subqueries run once per record. */
const RECORD_COLUMNS = RECORD_SQL.filter(([key]) => key !== 'id').map(([key, sql]) => `${sql} AS "${key}"`).join(', ');

/**
 * One record's export line written by SQLite over RECORD_COLUMNS, exactly as loadRecords + the
 * JavaScript writers write it, or NULL when a value is not of the form SQL renders the same
 * (audit/sqlite-export.ts). The history and refunds come as JSON subqueries: one query per page.
 */
function recordLineSql(format: ExportFormat): string {
  const name = (key: string) => (key === 'id' ? 'id' : `"${key}"`);
  const ok = RECORD_SQL.map(([key, , kind, nullable]) => {
    const c = name(key);
    // the arrays are NULL when one of their rows is odd
    return kind === 'int' ? intOk(c, nullable) : kind === 'text' ? textOk(c, nullable) : kind === 'time' ? timeOk(c) : kind === 'json' ? `${c} IS NOT NULL` : '1';
  });
  // bool(): 1, '1', 'true' or true; the column's integer affinity stores '1' as 1.
  const bool = (c: string) => `CASE WHEN ${c} = 1 OR ${c} = 'true' THEN 'true' ELSE 'false' END`;
  const json = (c: string, kind: Kind) =>
    kind === 'time' ? `json_quote(${isoSql(c)})` : kind === 'bool' ? bool(c) : kind === 'json' ? c : `json_quote(${c})`;
  const csv = (c: string, kind: Kind) =>
    kind === 'int' ? csvNumber(c) : kind === 'time' ? `coalesce(${isoSql(c)}, '')` : kind === 'bool' ? bool(c) : csvText(c);
  const line = format === 'jsonl'
    ? `'{' || ${RECORD_SQL.map(([key, , kind], i) => `'${i ? ',' : ''}"${key}":' || ${json(name(key), kind)}`).join(' || ')} || '}'`
    : RECORD_SQL.map(([key, , kind]) => csv(name(key), kind)).join(` || ',' || `);
  return `CASE WHEN ${ok.join(' AND ')} THEN ${line} || ${lineEnd(format)} END`;
}

/**
 * GET /api/closure-requests/export: every request matching the list's filters, oldest first,
 * with its state changes (from the audit trail) and refunds. JSONL nests them; CSV holds them
 * as JSON text cells. On SQLite the lines are written by SQLite, a page at a time; on PostgreSQL by JavaScript.
 */
export async function exportClosureRecords(ctx: AppContext, req: Request, res: Response): Promise<void> {
  const spec = closureRequestResource(ctx);
  const { format, query } = parseExportQuery(spec, req);
  const maxId = await ctx.models.ClosureRequest.max('id');
  const headId = maxId == null ? 0 : Number(maxId);
  // The list's own SQL, every value a parameter (sqlitePages keeps ?1–?3 for its keyset).
  const filter = filterSql(ctx.db, spec, query, 3);
  const fetchPage = async (afterId: number, limit: number, lastId = headId) => {
    const rows = await selectPage(ctx.db, spec, {
      ...query, filters: [...query.filters, ...idWindow(afterId, lastId)], sort: { field: 'id', order: 'ASC' }, range: { offset: 0, limit },
    });
    return loadRecords(ctx, rows);
  };
  const pages = ctx.db.dialect === 'sqlite'
    ? sqlitePages({
      db: ctx.db,
      from: `FROM "closure_requests" AS ${R} LEFT OUTER JOIN "customers" AS "customer" ON ${r('customer_id')} = "customer"."id"`,
      where: filter.sql,
      params: filter.params,
      idColumn: r('id'),
      columns: RECORD_COLUMNS,
      line: recordLineSql(format),
      headId,
      pageSize: SQLITE_EXPORT_PAGE_SIZE,
      fallback: async (afterId, lastId) => renderPage(format, await fetchPage(afterId, SQLITE_EXPORT_PAGE_SIZE, lastId), WRITER),
    })
    : renderPages(format, keysetPages((afterId, limit) => fetchPage(afterId, limit), (rec) => rec.id), WRITER);

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
