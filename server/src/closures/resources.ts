import { ClosureRequestAnswer } from '@closure-desk/shared';
import {
  CHANNELS, CLOSURE_STATUSES, REASON_CODES, isOverdue, type ClosureStatus,
} from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import type { ClosureRequestRecord, StoredTime } from '../platform/db/records';
import { ALL_STAFF } from '../platform/http/routes';
import { bool, epochMs, iso, type ListResource } from '../platform/http/list-resource';
import type { ListQuery, ParsedFilter } from '../platform/http/list-query';
import { customerIdsSql, requestIdsByReferenceSql, searchTerm, type Bind, type SearchTerm } from '../customers';
import { keyFor } from '../customers';
import { overdueSql as overdueAt } from './open-status-sql';
import { countedTotal } from './counters';

/** A request as its list and reads give it: the record, its customer's name and account, its assignee's name. */
export type ClosureRequestRow = ClosureRequestRecord & {
  customer: { fullName: string | null; accountNo: string | null };
  assignee: { fullName: string | null };
};

/** The workflow's overdue rule (shared isOverdue) for a stored row, whose due time may be text or a Date. */
const overdueNow = (status: ClosureStatus, dueAt: StoredTime) => isOverdue(status, new Date(epochMs(dueAt)), new Date());

export function closureRequestToApi(r: ClosureRequestRow): ClosureRequestAnswer {
  const { customer, assignee } = r;
  return {
    id: r.id,
    reference: r.reference,
    customerId: r.customerId,
    customerName: customer.fullName ?? null,
    accountNo: customer.accountNo ?? null,
    channel: r.channel,
    status: r.status,
    reasonCode: r.reasonCode,
    reasonText: r.reasonText ?? null,
    identityVerified: bool(r.identityVerified),
    verificationMethod: r.verificationMethod ?? null,
    assigneeId: r.assigneeId ?? null,
    assigneeName: assignee.fullName ?? null,
    submittedAt: iso(r.submittedAt),
    dueAt: iso(r.dueAt),
    overdue: overdueNow(r.status, r.dueAt),
    requestedEffectiveDate: r.requestedEffectiveDate ?? null,
    effectiveDate: r.effectiveDate ?? null,
    balanceDecision: r.balanceDecision ?? null,
    rejectReasonCode: r.rejectReasonCode ?? null,
    resolvedAt: iso(r.resolvedAt),
    completedAt: iso(r.completedAt),
    appealOfId: r.appealOfId ?? null,
    version: r.version,
  };
}

/** The joins every closure-request answer needs: the customer's name and account, the assignee's name. */
export const closureIncludes = (ctx: AppContext) => [
  { model: ctx.models.Customer, as: 'customer', attributes: ['fullName', 'accountNo'] },
  { model: ctx.models.StaffUser, as: 'assignee', attributes: ['fullName'] },
];

export function closureRequestResource(ctx: AppContext): ListResource<ClosureRequestRow, ClosureRequestAnswer> {
  const { ClosureRequest } = ctx.models;
  const { dialect } = ctx.db;
  const overdueWanted = (f: ParsedFilter) => new Set(Array.isArray(f.value) ? f.value : [f.value]);
  return {
    name: 'closure-requests',
    tag: 'closures', answer: ClosureRequestAnswer,
    model: ClosureRequest,
    access: ALL_STAFF,
    filters: {
      status: { type: { kind: 'enum', values: CLOSURE_STATUSES } },
      channel: { type: { kind: 'enum', values: CHANNELS } },
      reasonCode: { type: { kind: 'enum', values: REASON_CODES } },
      assigneeId: { type: { kind: 'int' } },
      customerId: { type: { kind: 'int' } },
      appealOfId: { type: { kind: 'int' } },
      overdue: { type: { kind: 'bool' } },
      submittedAt: { type: { kind: 'datetime' }, range: true },
      dueAt: { type: { kind: 'datetime' }, range: true },
    },
    sorts: {
      id: 'id', reference: 'reference', status: 'status', channel: 'channel', submittedAt: 'submittedAt',
      dueAt: 'dueAt', effectiveDate: 'effectiveDate', resolvedAt: 'resolvedAt', completedAt: 'completedAt',
      assigneeId: 'assigneeId',
    },
    defaultSort: ['submittedAt', 'DESC'],
    customSql: {
      overdue: (f) => (p) => overdueSql(dialect, p, overdueWanted(f), new Date()),
    },
    searchSql: (q) => (p) => searchSql(dialect, p, searchTerm(keyFor(ctx), q)),
    indexHint: overdueIndex,
    include: closureIncludes(ctx),
    toApi: closureRequestToApi,
    countTotal: (query) => countedTotal(ctx.db, query),
  };
}

const A = '"ClosureRequest"';

/**
 * q finds a request by its reference (contains q), or by its customer (customers/search-sql.ts:
 * name or account number contains q; a phone number, MSISDN, e-mail address, document number or
 * ICCID is the whole of q). Each way is its own index read (trigram indexes, the blind index),
 * joined by UNION, and the requests come by the customer_id index: a search reads what matches
 * instead of every row of three large tables, and never compares a personal value with part of one.
 */
function searchSql(dialect: string, bind: Bind, term: SearchTerm): string {
  return `${A}."id" IN (${requestIdsByReferenceSql(dialect, bind, term)}
    UNION SELECT id FROM closure_requests WHERE customer_id IN (${customerIdsSql(dialect, bind, term)}))`;
}

/**
 * Open and past due, written so the overdue queue's first page is an index read of 25 rows
 * rather than a walk past every open request not yet due. The status list is the one the
 * partial indexes of migration 0004 are declared on (SQLite uses a partial index only when the
 * query repeats its condition). The last condition is redundant: a request overdue now was
 * submitted before now − its SLA, so before now − the smallest SLA any request has had (kept
 * by the counters; a second of slack covers rounding). It lets the index start at the first
 * candidate instead of at the newest open request.
 */
function overdueSql(dialect: string, bind: Bind, wanted: Set<unknown>, now: Date): string {
  if (wanted.size > 1) return '1 = 1';
  const open = overdueAt(bind(now), A);
  if (!wanted.has(true)) return `NOT (${open})`;
  const slaMin = `COALESCE((SELECT n FROM closure_request_counts WHERE kind = 'sla_min' AND status = '' AND dim = '' AND due_day = ''), 0) - 1000`;
  const latestSubmission = dialect === 'postgres'
    ? `(CAST(${bind(now)} AS timestamptz) - (${slaMin}) * INTERVAL '1 millisecond')`
    : `strftime('%Y-%m-%d %H:%M:%f +00:00', ${bind(now)}, ((${slaMin}) / -1000.0) || ' seconds')`;
  return `(${open} AND ${A}."submitted_at" < ${latestSubmission})`;
}

/** Without planner statistics SQLite would sort every open request; the partial indexes give the overdue queue in order. */
function overdueIndex(query: ListQuery): string | null {
  const overdue = query.filters.find((f) => f.field === 'overdue');
  if (!overdue || overdue.value !== true || query.ids || query.q || query.sort.field !== 'submittedAt') return null;
  const others = query.filters.filter((f) => f !== overdue);
  if (others.length === 0) return 'closure_requests_open_submitted_at_idx';
  if (others.length === 1 && others[0]!.field === 'assigneeId' && others[0]!.op === 'eq') return 'closure_requests_open_assignee_submitted_at_idx';
  return null;
}
