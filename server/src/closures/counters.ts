import type { Transaction } from 'sequelize';
import { CLOSURE_STATUSES, isOpenStatus } from '@closure-desk/shared';
import type { Database } from '../platform/db/database';
import type { ListQuery } from '../platform/http/list-query';
import type { ClosureRequestRecord, StoredTime } from '../platform/db/records';
import { sqlValue } from '../platform/db/bulk-insert';

/**
 * The totals of the queue views without counting a million rows: closure_request_counts holds,
 * per kind of view, how many requests each key has (migration 0004 describes the kinds). Every
 * write that creates a request or changes its status, assignee or channel calls
 * `countClosureChange` in its own transaction, after its audit event (so on PostgreSQL the
 * chain lock is already held and counter rows are always locked in the same order).
 */

/** What the counters read of a request. */
export type CountedRequest = Pick<ClosureRequestRecord, 'status' | 'assigneeId' | 'channel' | 'dueAt' | 'submittedAt'>;

type Key = readonly [kind: string, status: string, dim: string, dueDay: string];

const dayOf = (v: StoredTime) => new Date(v).toISOString().slice(0, 10);
const hourOf = (v: StoredTime) => new Date(v).toISOString().slice(11, 13);
const assigneeDim = (v: number | null) => (v == null ? '' : String(v));

/** The counter keys one request adds 1 to. */
export function counterKeys(r: CountedRequest): Key[] {
  const status = r.status;
  const assignee = assigneeDim(r.assigneeId);
  const keys: Key[] = [
    ['status', status, '', ''],
    ['status_assignee', status, assignee, ''],
    ['status_channel', status, r.channel, ''],
  ];
  if (isOpenStatus(status)) {
    const due = dayOf(r.dueAt);
    keys.push(['open_due', status, '', due], ['open_due_hour', status, hourOf(r.dueAt), due], ['open_assignee_due', status, assignee, due]);
  }
  return keys;
}

/** Net change of every key between two states of a request (null: absent). */
export function counterDeltas(before: CountedRequest | null, after: CountedRequest | null, into = new Map<string, number>()): Map<string, number> {
  const add = (r: CountedRequest | null, d: number) => {
    for (const k of r ? counterKeys(r) : []) {
      const id = k.join('\u0000');
      into.set(id, (into.get(id) ?? 0) + d);
    }
  };
  add(before, -1);
  add(after, 1);
  return into;
}

/** Smallest due_at - submitted_at (ms): what the overdue page's redundant bound relies on. */
export const slaMs = (r: CountedRequest) => new Date(r.dueAt).getTime() - new Date(r.submittedAt).getTime();

/** Writes counter deltas (and, for new requests, the smallest SLA) in the caller's transaction. */
export async function applyCounterDeltas(db: Database, tx: Transaction, deltas: Map<string, number>, minSlaMs?: number): Promise<void> {
  const run = (sql: string, params: unknown[]) => db.query(tx, sql, params);
  const changed = [...deltas].filter(([, d]) => d !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (changed.length) {
    const params: unknown[] = [];
    const tuples = changed.map(([id, d]) => {
      params.push(...id.split('\u0000'), d);
      const n = params.length;
      return `($${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n})`;
    });
    await run(
      `INSERT INTO closure_request_counts (kind, status, dim, due_day, n) VALUES ${tuples.join(', ')}
       ON CONFLICT (kind, status, dim, due_day) DO UPDATE SET n = closure_request_counts.n + excluded.n`,
      params,
    );
    // Keys of a past due day fall to zero as requests close: drop them so the overdue sum stays short.
    const emptied = changed.filter(([, d]) => d < 0);
    if (emptied.length) {
      const keys = emptied.flatMap(([id]) => id.split('\u0000'));
      const conditions = emptied.map((_, i) => `(kind = $${4 * i + 1} AND status = $${4 * i + 2} AND dim = $${4 * i + 3} AND due_day = $${4 * i + 4})`);
      await run(`DELETE FROM closure_request_counts WHERE n = 0 AND (${conditions.join(' OR ')})`, keys);
    }
  }
  if (minSlaMs !== undefined && Number.isFinite(minSlaMs)) {
    const least = db.dialect === 'postgres' ? 'LEAST' : 'MIN';
    await run(
      `INSERT INTO closure_request_counts (kind, status, dim, due_day, n) VALUES ('sla_min', '', '', '', $1)
       ON CONFLICT (kind, status, dim, due_day) DO UPDATE SET n = ${least}(closure_request_counts.n, excluded.n)`,
      [Math.floor(minSlaMs)],
    );
  }
}

/**
 * Keeps the counters right for one write: `before` is the request as it was (null when it is
 * being created), `after` as it is now.
 */
export async function countClosureChange(db: Database, tx: Transaction, before: CountedRequest | null, after: CountedRequest | null): Promise<void> {
  await applyCounterDeltas(db, tx, counterDeltas(before, after), before === null && after ? slaMs(after) : undefined);
}

// ---------------------------------------------------------------------------------------------
// Reading: the total of a list query from the counters, when its filters are a counted view

const COUNTED_FILTERS = new Set(['status', 'assigneeId', 'channel', 'overdue']);
const list = (v: unknown) => (Array.isArray(v) ? v : [v]).map(String);

/**
 * The total of `query` from the counters, or null when its filters are not a counted view (then
 * the caller counts for real). Counted: any mix of status, overdue and one of assigneeId or
 * channel (channel without overdue), each as one value or a list.
 */
export async function countedTotal(db: Database, query: ListQuery, now = new Date()): Promise<number | null> {
  if (query.q || query.ids) return null;
  let statuses: string[] = [...CLOSURE_STATUSES];
  let assignees: string[] | null = null;
  let channels: string[] | null = null;
  let overdue: boolean | null = null;
  for (const f of query.filters) {
    if (!COUNTED_FILTERS.has(f.field) || (f.op !== 'eq' && f.op !== 'in')) return null;
    if (f.field === 'status') statuses = statuses.filter((s) => list(f.value).includes(s));
    else if (f.field === 'assigneeId') assignees = list(f.value);
    else if (f.field === 'channel') channels = list(f.value);
    else if (f.op === 'eq') overdue = f.value === true;
    else return null;
  }
  if (assignees && channels) return null;
  if (channels && overdue !== null) return null;

  // Parameters are bound in the order the SQL below is written.
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return db.placeholder(params.length);
  };
  const inList = (values: unknown[]) => (values.length ? values : ['']).map(p).join(', ');
  const dims = assignees ?? channels;
  const kind = assignees ? 'status_assignee' : channels ? 'status_channel' : 'status';
  const all = () =>
    `(SELECT COALESCE(SUM(n), 0) FROM closure_request_counts WHERE kind = '${kind}' AND status IN (${inList(statuses)})${dims ? ` AND dim IN (${inList(dims)})` : ''})`;
  let sql: string;
  if (overdue === null) sql = all();
  else {
    const open = statuses.filter(isOpenStatus);
    const today = now.toISOString().slice(0, 10);
    // Whole past due days from the counters. Without an assignee, the whole past hours of today too
    // (open_due_hour), so only the requests due earlier in this hour are counted for real; with one,
    // those due earlier today (an index range of at most one day).
    const countedUpTo = new Date(assignees ? `${today}T00:00:00.000Z` : `${now.toISOString().slice(0, 13)}:00:00.000Z`);
    const pastDays = () => `(SELECT COALESCE(SUM(n), 0) FROM closure_request_counts WHERE kind = '${assignees ? 'open_assignee_due' : 'open_due'}'
      AND status IN (${inList(open)})${assignees ? ` AND dim IN (${inList(assignees)})` : ''} AND due_day < ${p(today)})`;
    const pastHours = () => (assignees ? '0' : `(SELECT COALESCE(SUM(n), 0) FROM closure_request_counts WHERE kind = 'open_due_hour'
      AND status IN (${inList(open)}) AND due_day = ${p(today)} AND dim < ${p(now.toISOString().slice(11, 13))})`);
    const live = () => `(SELECT COUNT(*) FROM closure_requests WHERE status IN (${inList(open)}) AND due_at >= ${p(sqlValue(db, countedUpTo))}
      AND due_at < ${p(sqlValue(db, now))}${assignees ? ` AND assignee_id IN (${inList(assignees.map(Number))})` : ''})`;
    sql = overdue ? `${pastDays()} + ${pastHours()} + ${live()}` : `${all()} - ${pastDays()} - ${pastHours()} - ${live()}`;
  }
  const [row] = await db.select<{ total: number | string }>(`SELECT ${sql} AS total`, params);
  return Number(row?.total ?? 0);
}
