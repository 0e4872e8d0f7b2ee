import { OPEN_STATUSES } from '@closure-desk/shared';
import { sqliteTime } from '../demo-data/load-rows';
import { listPath } from './load';
import { digestOf, normaliseEmail, normaliseIccid, normalisePhone, searchIndexKey } from '../src/customers/search-index';
import { loadConfig } from '../src/platform/config';

/** One list request of the bench, with the plain SQL a hand-written handler would run for it. */
export interface ListWorkload {
  key: string;
  label: string;
  /** queue views are the ones the ≥ 1,000 req/s goal is about; others are held to 2× raw */
  kind: 'queue' | 'search' | 'deep' | 'other';
  resource: string;
  path: string;
  /** as auditor (audit events) or agent */
  as: 'agent' | 'auditor';
  /** page and total in plain SQL, for the raw reference (SQLite) */
  raw: string[];
  /** measured under load too (others only one request after another) */
  throughput: boolean;
}

export interface BenchFacts {
  agentId: number;
  now: Date;
  anchor: Date;
  totalRequests: number;
  /** existing request ids, spread over the table (ids have gaps between seed batches) */
  requestIds: number[];
  reference: string;
  /** a customer's phone number as a person would type it (country code, spaces, dashes) */
  phone: string;
  email: string;
  iccid: string;
  surname: string;
  entityId: string;
  /** the row before the deep page, for the keyset comparison */
  deepCursor: { submittedAt: string; id: number } | null;
}

const REQUEST_PAGE = `SELECT cr.*, c.full_name AS customer_name, c.account_no, u.full_name AS assignee_name
  FROM closure_requests cr LEFT JOIN customers c ON c.id = cr.customer_id LEFT JOIN staff_users u ON u.id = cr.assignee_id`;
const NEWEST = 'ORDER BY cr.submitted_at DESC, cr.id DESC';
const q = (s: string) => `'${s.replaceAll("'", "''")}'`;
const open = OPEN_STATUSES.map(q).join(', ');

export const DEEP_OFFSET = 500_000;

export function listWorkloads(f: BenchFacts): ListWorkload[] {
  const requests = (key: string, label: string, kind: ListWorkload['kind'], filter: object, where: string, throughput = true): ListWorkload => ({
    key, label, kind, resource: 'closure-requests', as: 'agent', throughput,
    path: listPath('closure-requests', { filter, sort: ['submittedAt', 'DESC'], range: [0, 24] }),
    raw: [`${REQUEST_PAGE} ${where ? `WHERE ${where}` : ''} ${NEWEST} LIMIT 25`, `SELECT COUNT(*) FROM closure_requests cr ${where ? `WHERE ${where}` : ''}`],
  });
  const now = q(sqliteTime(f.now));
  const monthAgo = new Date(f.anchor.getTime() - 30 * 86_400_000);
  // The raw references of the searches: what a handler that knew the kind of the term would read
  // (the same indexes the server reads: trigram tables, the blind index with the server's key).
  const key = searchIndexKey(loadConfig());
  const phrase = (t: string) => q(`"${t.replaceAll('"', '""')}"`);
  const byCustomers = (sql: string) => `cr.customer_id IN (${sql})`;
  const digest = (kind: 'phone' | 'email' | 'iccid', v: string | null) => `SELECT customer_id FROM search_digests WHERE digest = ${q(digestOf(key, kind, v ?? ''))}`;
  const rawSearch = {
    reference: `cr.id IN (SELECT rowid FROM closure_request_search WHERE closure_request_search MATCH ${phrase(f.reference)})`,
    name: byCustomers(`SELECT rowid FROM customer_search WHERE customer_search MATCH ${phrase(f.surname.slice(1))}`),
    phone: byCustomers(digest('phone', normalisePhone(f.phone))),
    email: byCustomers(digest('email', normaliseEmail(f.email))),
    iccid: byCustomers(digest('iccid', normaliseIccid(f.iccid))),
  };
  const customerSearch = (key: string, label: string, term: string, where: string): ListWorkload => ({
    key, label, kind: 'search', resource: 'customers', as: 'agent', throughput: true,
    path: listPath('customers', { filter: { q: term }, sort: ['id', 'DESC'], range: [0, 24] }),
    raw: [`SELECT * FROM customers WHERE id IN (${where}) ORDER BY id DESC LIMIT 25`, `SELECT COUNT(*) FROM customers WHERE id IN (${where})`],
  });
  const deepOffset = Math.min(DEEP_OFFSET, Math.max(0, Math.floor(f.totalRequests / 2)));
  const cursor = f.deepCursor;
  return [
    requests('queue-submitted', 'Queue: submitted, newest first', 'queue', { status: 'submitted' }, `cr.status = 'submitted'`),
    requests('queue-mine', 'Queue: assigned to me', 'queue', { assigneeId: f.agentId }, `cr.assignee_id = ${f.agentId}`),
    requests('queue-mine-review', 'Queue: mine, in review', 'queue', { assigneeId: f.agentId, status: 'in_review' },
      `cr.assignee_id = ${f.agentId} AND cr.status = 'in_review'`),
    requests('queue-overdue', 'Queue: overdue', 'queue', { overdue: true }, `cr.status IN (${open}) AND cr.due_at < ${now}`),
    requests('queue-all', 'Queue: all requests', 'queue', {}, ''),
    requests('search-reference', `Search: a reference (${f.reference})`, 'search', { q: f.reference }, rawSearch.reference),
    requests('search-name', `Search: part of a name (${f.surname.slice(1)})`, 'search', { q: f.surname.slice(1) }, rawSearch.name),
    requests('search-phone', 'Search: a whole phone number', 'search', { q: f.phone }, rawSearch.phone),
    requests('search-email', 'Search: a whole e-mail address', 'search', { q: f.email }, rawSearch.email),
    requests('search-iccid', 'Search: a whole ICCID', 'search', { q: f.iccid }, rawSearch.iccid),
    customerSearch('customers-search-name', `Customers: part of a name (${f.surname.slice(1)})`, f.surname.slice(1),
      `SELECT rowid FROM customer_search WHERE customer_search MATCH ${phrase(f.surname.slice(1))}`),
    customerSearch('customers-search-phone', 'Customers: a whole phone number', f.phone, digest('phone', normalisePhone(f.phone))),
    {
      key: 'deep-page', label: `Deep page: OFFSET ${deepOffset.toLocaleString('en')}`, kind: 'deep', resource: 'closure-requests', as: 'agent',
      throughput: true,
      path: listPath('closure-requests', { sort: ['submittedAt', 'DESC'], range: [deepOffset, deepOffset + 24] }),
      raw: [`${REQUEST_PAGE} ${NEWEST} LIMIT 25 OFFSET ${deepOffset}`, 'SELECT COUNT(*) FROM closure_requests'],
    },
    ...(cursor ? [{
      key: 'deep-keyset', label: 'Deep page by keyset (raw SQL only)', kind: 'deep' as const, resource: 'closure-requests', as: 'agent' as const,
      throughput: false, path: '',
      raw: [`${REQUEST_PAGE} WHERE (cr.submitted_at, cr.id) < (${q(cursor.submittedAt)}, ${cursor.id}) ${NEWEST} LIMIT 25`],
    }] : []),
    {
      key: 'customers-balance', label: 'Customers: cash balance ≥ 1,000.00', kind: 'other', resource: 'customers', as: 'agent', throughput: true,
      path: listPath('customers', { filter: { cashBalance_gte: 100_000 }, sort: ['id', 'DESC'], range: [0, 24] }),
      raw: ['SELECT * FROM customers WHERE cash_balance >= 100000 ORDER BY id DESC LIMIT 25', 'SELECT COUNT(*) FROM customers WHERE cash_balance >= 100000'],
    },
    {
      key: 'customers-arrears', label: 'Customers: active, with arrears', kind: 'other', resource: 'customers', as: 'agent', throughput: false,
      path: listPath('customers', { filter: { status: 'active', outstandingAmount_gte: 1 }, sort: ['id', 'DESC'], range: [0, 24] }),
      raw: [`SELECT * FROM customers WHERE status = 'active' AND outstanding_amount >= 1 ORDER BY id DESC LIMIT 25`,
        `SELECT COUNT(*) FROM customers WHERE status = 'active' AND outstanding_amount >= 1`],
    },
    requests('requests-email-month', 'Requests: e-mail channel, last 30 days', 'other', { channel: 'email', submittedAt_gte: monthAgo.toISOString() },
      `cr.channel = 'email' AND cr.submitted_at >= ${q(sqliteTime(monthAgo))}`, false),
    requests('requests-reason', 'Requests: reason "too expensive"', 'other', { reasonCode: 'too_expensive' }, `cr.reason_code = 'too_expensive'`, false),
    requests('requests-review-due', 'Requests: in review, due before a date', 'other', { status: 'in_review', dueAt_lte: f.anchor.toISOString() },
      `cr.status = 'in_review' AND cr.due_at <= ${q(sqliteTime(f.anchor))}`, false),
    {
      key: 'bills-overdue', label: 'Bills: overdue, by due date', kind: 'other', resource: 'bills', as: 'agent', throughput: false,
      path: listPath('bills', { filter: { status: 'overdue' }, sort: ['dueDate', 'DESC'], range: [0, 24] }),
      raw: [`SELECT * FROM bills WHERE status = 'overdue' ORDER BY due_date DESC, id DESC LIMIT 25`, `SELECT COUNT(*) FROM bills WHERE status = 'overdue'`],
    },
    {
      key: 'audit-entity', label: 'Audit trail of one request', kind: 'other', resource: 'audit-events', as: 'auditor', throughput: false,
      path: listPath('audit-events', { filter: { entityType: 'closure_request', entityId: f.entityId }, sort: ['id', 'DESC'], range: [0, 24] }),
      raw: [`SELECT * FROM audit_events WHERE entity_type = 'closure_request' AND entity_id = ${q(f.entityId)} ORDER BY id DESC LIMIT 25`,
        `SELECT COUNT(*) FROM audit_events WHERE entity_type = 'closure_request' AND entity_id = ${q(f.entityId)}`],
    },
  ];
}
