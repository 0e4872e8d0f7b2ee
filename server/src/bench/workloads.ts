import { OPEN_STATUSES } from '@closure-desk/shared';
import { sqliteTime } from '../seed/load-rows';
import { listPath } from './load';

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
  phone: string;
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
  const search = (term: string) => {
    const lower = term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
    const plain = term.replace(/[\\%_]/g, (c) => `\\${c}`);
    return `(cr.reference LIKE ${q(`${plain.toUpperCase()}%`)} ESCAPE '\\'
      OR cr.customer_id IN (SELECT id FROM customers WHERE LOWER(full_name) LIKE ${q(`%${lower}%`)} ESCAPE '\\' OR account_no LIKE ${q(`${plain}%`)} ESCAPE '\\'
        OR email LIKE ${q(`${lower}%`)} ESCAPE '\\' OR phone LIKE ${q(`${plain}%`)} ESCAPE '\\')
      OR cr.customer_id IN (SELECT customer_id FROM esim_profiles WHERE iccid LIKE ${q(`${plain}%`)} ESCAPE '\\'))`;
  };
  const deepOffset = Math.min(DEEP_OFFSET, Math.max(0, Math.floor(f.totalRequests / 2)));
  const cursor = f.deepCursor;
  return [
    requests('queue-submitted', 'Queue: submitted, newest first', 'queue', { status: 'submitted' }, `cr.status = 'submitted'`),
    requests('queue-mine', 'Queue: assigned to me', 'queue', { assigneeId: f.agentId }, `cr.assignee_id = ${f.agentId}`),
    requests('queue-mine-review', 'Queue: mine, in review', 'queue', { assigneeId: f.agentId, status: 'in_review' },
      `cr.assignee_id = ${f.agentId} AND cr.status = 'in_review'`),
    requests('queue-overdue', 'Queue: overdue', 'queue', { overdue: true }, `cr.status IN (${open}) AND cr.due_at < ${now}`),
    requests('queue-all', 'Queue: all requests', 'queue', {}, ''),
    requests('search-reference', `Search: a reference (${f.reference})`, 'search', { q: f.reference }, search(f.reference)),
    requests('search-phone', 'Search: a phone number', 'search', { q: f.phone }, search(f.phone)),
    requests('search-name', `Search: a name (${f.surname})`, 'search', { q: f.surname }, search(f.surname)),
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
