import { Faker, base, en, zh_CN } from '@faker-js/faker';
import type { Channel, ClosureStatus } from '@closure-desk/shared';
import { counterDeltas, slaMs } from '../src/closures/counters';
import type { StoredTime } from '../src/platform/db/records';
import { renderEvent } from './audit-chain-builder';
import { generateCustomer, newBatch, type Batch, type Ids, type StaffRef } from './generate-customer';
import { insertStatements } from './load-rows';
import { customerDigests } from '../src/customers/search-index';

export const SEED = 20261122;
export const BATCH_CUSTOMERS = 2_000;

/**
 * The most rows of each kind one customer can have (see generate-customer.ts). A batch's ids
 * start at batch × BATCH_CUSTOMERS × this, so batches are generated independently, in any order
 * and on any thread, and still give the same data; batch 0 starts at 0, as a single batch did.
 */
const PER_CUSTOMER = { profile: 2, bill: 3, entry: 10, request: 3, refund: 1, notification: 3 } as const;

export const COLUMNS = {
  customers: ['id', 'account_no', 'full_name', 'email', 'phone', 'id_document_type', 'id_document_number', 'locale',
    'currency', 'status', 'cash_balance', 'promo_balance', 'outstanding_amount', 'created_at', 'updated_at', 'closed_at', 'anonymised_at'],
  esim_profiles: ['id', 'customer_id', 'iccid', 'msisdn', 'eid', 'device_model', 'device_state', 'network_state',
    'terminated_at', 'quarantine_until', 'created_at', 'updated_at'],
  search_digests: ['customer_id', 'digest'],
  bills: ['id', 'customer_id', 'bill_no', 'period_start', 'period_end', 'amount_due', 'amount_paid', 'currency', 'due_date',
    'status', 'waived_reason', 'created_at', 'updated_at'],
  closure_requests: ['id', 'reference', 'customer_id', 'channel', 'status', 'reason_code', 'reason_text', 'identity_verified',
    'verification_method', 'assignee_id', 'submitted_at', 'due_at', 'requested_effective_date', 'effective_date',
    'balance_decision', 'reject_reason_code', 'resolved_at', 'completed_at', 'version', 'created_at', 'updated_at'],
  balance_entries: ['id', 'customer_id', 'kind', 'bucket', 'amount', 'currency', 'occurred_at', 'reference', 'closure_request_id'],
  refunds: ['id', 'closure_request_id', 'customer_id', 'amount', 'currency', 'method', 'payout_reference', 'note', 'status',
    'created_by_id', 'approved_by_id', 'decision_note', 'created_at', 'decided_at'],
  notifications: ['id', 'customer_id', 'closure_request_id', 'channel', 'recipient', 'template', 'locale', 'subject', 'body',
    'status', 'attempts', 'next_attempt_at', 'last_error', 'created_at', 'sent_at'],
} as const;
export type BulkTable = keyof typeof COLUMNS;
/** In the order foreign keys need. */
export const BULK_TABLES = Object.keys(COLUMNS) as BulkTable[];

export interface BatchSpec {
  index: number;
  first: number;
  last: number;
  anchor: number;
  agents: StaffRef[];
  supervisors: StaffRef[];
  slaDays: number;
  threshold: number;
  /** the blind index's key (customers/search-index.ts), hex: the batch writes its customers' digests */
  searchKey: string;
  /** SQLite gets its rows as INSERT statements (built here, off the writing thread), PostgreSQL as rows */
  as: 'sql' | 'rows';
}

/** An audit event before the chain: [at (ms), actorId, actorEmail, actorRole, ip, action, entityType, entityId, reason, before, after] */
export type PackedEvent = [number, number | null, string | null, string | null, string | null, string, string, string | null, string | null, string | null, string | null];

export interface GeneratedBatch {
  index: number;
  customers: number;
  requests: number;
  sql: string[];
  rows: Partial<Record<BulkTable, unknown[][]>>;
  /** PostgreSQL: the audit events, to be chained in order on the writing thread */
  events: PackedEvent[];
  /** SQLite: the audit events already written but for their place in the chain (renderEvent), text and tuple by turns */
  renderedEvents: string[];
  counters: [string, number][];
  minSlaMs: number | undefined;
}

const fakers = () => ({ zh: new Faker({ locale: [zh_CN, en, base] }), en: new Faker({ locale: [en, base] }) });
let shared: ReturnType<typeof fakers> | null = null;

/** Generates one batch of customers, deterministically from its index alone. */
export function generateBatch(spec: BatchSpec): GeneratedBatch {
  const f = (shared ??= fakers());
  f.zh.seed(spec.index === 0 ? SEED : [SEED, spec.index]);
  f.en.seed(spec.index === 0 ? SEED + 1 : [SEED + 1, spec.index]);
  const anchor = new Date(spec.anchor);
  // Fixed faker reference date so relative dates do not depend on the clock.
  f.zh.setDefaultRefDate(anchor);
  f.en.setDefaultRefDate(anchor);
  const world = {
    zh: f.zh, en: f.en, anchor, agents: spec.agents, supervisors: spec.supervisors,
    slaDays: spec.slaDays, threshold: spec.threshold, withNotifications: spec.first < 5_000,
  };
  const base = (per: number) => spec.index * BATCH_CUSTOMERS * per;
  const ids: Ids = {
    customer: spec.first, profile: base(PER_CUSTOMER.profile), bill: base(PER_CUSTOMER.bill), entry: base(PER_CUSTOMER.entry),
    request: base(PER_CUSTOMER.request), refund: base(PER_CUSTOMER.refund), notification: base(PER_CUSTOMER.notification),
  };
  const batch = newBatch();
  for (let i = spec.first; i < spec.last; i++) generateCustomer(world, i, ids, batch);

  const { deltas, minSlaMs } = countRequests(batch.requests);
  const events = batch.events.map((e): PackedEvent => [
    e.at.getTime(), e.actorId, e.actorEmail, e.actorRole, e.ip, e.action, e.entityType, e.entityId, e.reason,
    e.before === undefined ? null : JSON.stringify(e.before), e.after === undefined ? null : JSON.stringify(e.after),
  ]);
  const tables: Record<BulkTable, unknown[][]> = {
    customers: batch.customers, esim_profiles: batch.profiles, search_digests: digestRows(spec.searchKey, batch), bills: batch.bills, closure_requests: batch.requests,
    balance_entries: batch.entries, refunds: batch.refunds, notifications: batch.notifications,
  };
  return {
    index: spec.index,
    customers: batch.customers.length,
    requests: batch.requests.length,
    sql: spec.as === 'sql' ? BULK_TABLES.flatMap((t) => insertStatements(t, COLUMNS[t], tables[t])) : [],
    rows: spec.as === 'rows' ? tables : {},
    events: spec.as === 'rows' ? events : [],
    renderedEvents: spec.as === 'sql' ? events.flatMap(renderEvent) : [],
    counters: [...deltas],
    minSlaMs,
  };
}

/** The blind index rows of the batch's customers: their phone, e-mail and document, and their profiles' MSISDNs and ICCIDs. */
function digestRows(searchKey: string, batch: Batch): unknown[][] {
  const key = Buffer.from(searchKey, 'hex');
  const profiles = new Map<number, { iccids: string[]; msisdns: string[] }>();
  for (const p of batch.profiles) {
    const id = p[1] as number;
    let v = profiles.get(id);
    if (!v) profiles.set(id, (v = { iccids: [], msisdns: [] }));
    v.iccids.push(p[2] as string);
    v.msisdns.push(p[3] as string);
  }
  const rows: unknown[][] = [];
  for (const c of batch.customers) {
    const id = c[0] as number;
    const values = { email: c[3] as string | null, phone: c[4] as string | null, document: c[6] as string | null, ...profiles.get(id) };
    for (const digest of customerDigests(key, values)) rows.push([id, digest]);
  }
  return rows;
}

const REQUEST_COLUMN = Object.fromEntries(COLUMNS.closure_requests.map((c, i) => [c, i])) as Record<(typeof COLUMNS.closure_requests)[number], number>;

/** The queue counters a batch of new requests adds (closures/counters.ts), and the smallest SLA among them. */
function countRequests(rows: Batch['requests']): { deltas: Map<string, number>; minSlaMs: number | undefined } {
  const deltas = new Map<string, number>();
  let minSlaMs: number | undefined;
  for (const row of rows) {
    // The batch's columns are the generator's own typed values (writeBatch builds them from the domain's types).
    const request = {
      status: row[REQUEST_COLUMN.status] as ClosureStatus, assigneeId: row[REQUEST_COLUMN.assignee_id] as number | null,
      channel: row[REQUEST_COLUMN.channel] as Channel, dueAt: row[REQUEST_COLUMN.due_at] as StoredTime,
      submittedAt: row[REQUEST_COLUMN.submitted_at] as StoredTime,
    };
    counterDeltas(null, request, deltas);
    const sla = slaMs(request);
    if (minSlaMs === undefined || sla < minSlaMs) minSlaMs = sla;
  }
  return { deltas, minSlaMs };
}
