import type { Transaction } from 'sequelize';
import { OPEN_STATUSES, toCalendarDate, type BalanceDecision, type ClosureFacts } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import { notFound } from '../platform/errors';
import { columnsOf, readRows, setClause, sqlParams } from '../platform/db/raw-sql';
import { sqlValue } from '../platform/db/bulk-insert';
import { terminationFacts } from '../connectors';
import type {
  AttachmentRecord, AuditEventRecord, BalanceEntryRecord, BillRecord, ClosureNoteRecord, ClosureRequestRecord, CustomerRecord,
  EsimProfileRecord, NotificationRecord, RefundRecord, StaffUserRecord, StoredTime,
} from '../platform/db/records';
import { closureRequestToApi } from './resources';
import type { ClosureRequestAnswer } from '@closure-desk/shared';

export type { ClosureRequestRecord, CustomerRecord, StoredTime } from '../platform/db/records';

/** What a change may write to a request: never its identity, its customer or its version (updateClosureRequest counts that). */
export type ClosureRequestChanges = Partial<Omit<ClosureRequestRecord, 'id' | 'reference' | 'customerId' | 'createdAt' | 'version' | 'updatedAt'>>;

/** The request, locked for the rest of the transaction on PostgreSQL (SQLite's write lock already covers it). */
export async function lockClosureRequest(ctx: AppContext, tx: Transaction, id: number): Promise<ClosureRequestRecord> {
  return lockRow<ClosureRequestRecord>(ctx, tx, 'ClosureRequest', 'closure_requests', id, 'Closure request');
}

export async function lockCustomer(ctx: AppContext, tx: Transaction, id: number): Promise<CustomerRecord> {
  return lockRow<CustomerRecord>(ctx, tx, 'Customer', 'customers', id, 'Customer');
}

/** The request with this reference, locked as `lockClosureRequest` locks it. */
export async function lockClosureRequestByReference(ctx: AppContext, tx: Transaction, reference: string): Promise<ClosureRequestRecord> {
  const [row] = await ctx.db.query<{ id: number }>(tx, 'SELECT id FROM closure_requests WHERE reference = $1', [reference]);
  if (!row) throw notFound('Closure request');
  return lockClosureRequest(ctx, tx, row.id);
}

/**
 * Writes `changes` and the next version, only if the request is still at the version it was read
 * at: the request as it now stands, or null when someone changed it first (optimistic concurrency).
 */
export async function updateClosureRequest(ctx: AppContext, tx: Transaction, request: ClosureRequestRecord, changes: ClosureRequestChanges): Promise<ClosureRequestRecord | null> {
  const next = { ...changes, version: request.version + 1, updatedAt: new Date() };
  const [count] = await ctx.models.ClosureRequest.update(next, { where: { id: request.id, version: request.version }, transaction: tx });
  return count === 1 ? { ...request, ...next } : null;
}

/** The request as stored, read outside any transaction (plain SQL: no model machinery on a page's reads). */
export async function findClosureRequest(ctx: AppContext, id: number): Promise<ClosureRequestRecord> {
  const [row] = await readRows<ClosureRequestRecord>(ctx.db, undefined, `SELECT ${columnsOf(ctx.models.ClosureRequest, 't')} FROM closure_requests t WHERE t.id = $1`, [id]);
  if (!row) throw notFound('Closure request');
  return row;
}

async function lockRow<T>(ctx: AppContext, tx: Transaction, model: 'ClosureRequest' | 'Customer', table: string, id: number, what: string): Promise<T> {
  const forUpdate = ctx.db.dialect === 'postgres' ? ' FOR UPDATE' : '';
  const [row] = await ctx.db.query<T>(tx, `SELECT ${columnsOf(ctx.models[model], 't')} FROM ${table} t WHERE t.id = $1${forUpdate}`, [id]);
  if (!row) throw notFound(what);
  return row;
}

/** The request as the API shows it, with its customer's name and account and its assignee's name. */
export async function readClosureRequest(ctx: AppContext, id: number, tx?: Transaction): Promise<ClosureRequestAnswer> {
  const [row] = await readRows<ClosureRequestRecord & { customerName: string | null; accountNo: string | null; assigneeName: string | null }>(ctx.db, tx, `SELECT ${columnsOf(ctx.models.ClosureRequest, 'r')},
      c.full_name AS "customerName", c.account_no AS "accountNo", s.full_name AS "assigneeName"
    FROM closure_requests r JOIN customers c ON c.id = r.customer_id LEFT JOIN staff_users s ON s.id = r.assignee_id
    WHERE r.id = $1`, [id]);
  if (!row) throw notFound('Closure request');
  return closureRequestToApi({ ...row, customer: { fullName: row.customerName, accountNo: row.accountNo }, assignee: { fullName: row.assigneeName } });
}

/** What the checklist and the approve/complete guards are judged on, read in the caller's transaction. */
export async function loadClosureFacts(
  ctx: AppContext,
  request: ClosureRequestRecord,
  tx?: Transaction,
  proposal: { balanceDecision?: BalanceDecision; effectiveDate?: string } = {},
): Promise<ClosureFacts> {
  const [f] = await readRows<{ outstandingAmount: number; cashBalance: number; currency: string; refunded: number | null; pending: number; installed: number }>(ctx.db, tx,
    `SELECT c.outstanding_amount AS "outstandingAmount", c.cash_balance AS "cashBalance", c.currency,
      (SELECT SUM(amount) FROM refunds WHERE closure_request_id = $1 AND status = 'recorded') AS refunded,
      (SELECT COUNT(*) FROM refunds WHERE closure_request_id = $1 AND status = 'pending_approval') AS pending,
      (SELECT COUNT(*) FROM esim_profiles WHERE customer_id = $2 AND device_state = 'installed' AND network_state <> 'terminated') AS installed
    FROM customers c WHERE c.id = $2`, [request.id, request.customerId]);
  const customer = f ? { outstandingAmount: f.outstandingAmount, cashBalance: f.cashBalance, currency: f.currency } : undefined;
  const [refunded, pending, installed] = [f?.refunded ?? 0, Number(f?.pending ?? 0), Number(f?.installed ?? 0)];
  return {
    status: request.status,
    channel: request.channel,
    identityVerified: request.identityVerified === true || request.identityVerified === 1,
    verificationMethod: request.verificationMethod ?? null,
    outstandingAmount: Number(customer?.outstandingAmount ?? 0),
    cashBalance: Number(customer?.cashBalance ?? 0),
    refundedAmount: Number(refunded ?? 0),
    pendingRefunds: pending,
    balanceDecision: proposal.balanceDecision ?? request.balanceDecision ?? null,
    effectiveDate: proposal.effectiveDate ?? request.effectiveDate ?? null,
    today: toCalendarDate(new Date()),
    profilesInstalled: installed,
    currency: customer?.currency as string,
    termination: await terminationFacts(ctx, request.id, tx),
  };
}

/** What a new request is created with: the rest (its assignee, decision, dates) is written as it is worked. */
export type NewClosureRequestRecord = Pick<ClosureRequestRecord,
  'reference' | 'customerId' | 'channel' | 'status' | 'reasonCode' | 'reasonText' | 'identityVerified' | 'verificationMethod'
  | 'submittedAt' | 'dueAt' | 'requestedEffectiveDate' | 'appealOfId' | 'version'>;

/**
 * Writes a new request: the request as created (its nullable columns not given are absent, read
 * with `?? null`). A second open request of the account fails on the unique index (UniqueConstraintError).
 */
export async function insertClosureRequest(ctx: AppContext, tx: Transaction, request: NewClosureRequestRecord): Promise<ClosureRequestRecord> {
  const created = await ctx.models.ClosureRequest.create(request, { transaction: tx });
  return created.get({ plain: true });
}

/** Gives a request just created its reference, once its id is known (not a change of the request: no new version). */
export async function setClosureRequestReference(ctx: AppContext, tx: Transaction, id: number, reference: string): Promise<void> {
  await ctx.models.ClosureRequest.update({ reference }, { where: { id }, transaction: tx });
}

/** The request with this reference, read in the caller's transaction (not locked). */
export async function findClosureRequestByReference(ctx: AppContext, tx: Transaction, reference: string): Promise<ClosureRequestRecord> {
  const request = await ctx.models.ClosureRequest.findOne({ where: { reference }, raw: true, transaction: tx });
  if (!request) throw notFound('Closure request');
  return request;
}

/** The appeal made against a request, if one was. */
export async function findAppealOf(ctx: AppContext, tx: Transaction, originalId: number): Promise<ClosureRequestRecord | null> {
  return ctx.models.ClosureRequest.findOne({ where: { appealOfId: originalId }, raw: true, transaction: tx });
}

/** The customer's open request, if there is one (at most one: the unique index holds it). */
export async function findOpenClosureRequestOf(ctx: AppContext, tx: Transaction, customerId: number): Promise<ClosureRequestRecord | null> {
  return ctx.models.ClosureRequest.findOne({ where: { customerId, status: [...OPEN_STATUSES] }, raw: true, transaction: tx });
}

/** Who decided a request (the one an appeal is against): null when no one has, or there is no such request. */
export async function deciderOf(ctx: AppContext, tx: Transaction, id: number): Promise<number | null> {
  const [request] = await ctx.db.query<Pick<ClosureRequestRecord, 'decidedById'>>(tx,
    'SELECT decided_by_id AS "decidedById" FROM closure_requests WHERE id = $1', [id]);
  return request?.decidedById ?? null;
}

/**
 * Writes `changes` (the next version and time among them) only if the request is still at
 * `version`: false when someone changed it first. Plain SQL: an action's write path runs while
 * the single write lock is held (raw-sql.ts).
 */
export async function writeClosureRequestAtVersion(ctx: AppContext, tx: Transaction, id: number, version: number, changes: Partial<ClosureRequestRecord>): Promise<boolean> {
  const set = setClause(ctx.db, ctx.models.ClosureRequest, changes, 3);
  const updated = await ctx.db.query(tx, `UPDATE closure_requests SET ${set.sql} WHERE id = $1 AND version = $2 RETURNING id`,
    [id, version, ...set.values]);
  return updated.length === 1;
}

/** Writes `changes` to a request this transaction holds locked (so no version is compared), in plain SQL. */
export async function writeLockedClosureRequest(ctx: AppContext, tx: Transaction, id: number, changes: Partial<ClosureRequestRecord>): Promise<void> {
  const set = setClause(ctx.db, ctx.models.ClosureRequest, changes, 2);
  await ctx.db.query(tx, `UPDATE closure_requests SET ${set.sql} WHERE id = $1`, [id, ...set.values]);
}

/** Open requests someone holds, oldest first: what a hand-over moves. */
export async function openRequestIdsOf(ctx: AppContext, tx: Transaction, staffId: number): Promise<number[]> {
  const rows = await ctx.db.query<Pick<ClosureRequestRecord, 'id'>>(tx,
    `SELECT id FROM closure_requests WHERE assignee_id = $1 AND status IN (${OPEN_STATUSES.map((_, i) => `$${i + 2}`).join(', ')}) ORDER BY id`,
    [staffId, ...OPEN_STATUSES]);
  return rows.map((r) => Number(r.id));
}

/** Requests `closing` whose every termination command is confirmed, at most 100, oldest first. */
export async function closingRequestIdsConfirmed(ctx: AppContext): Promise<number[]> {
  const rows = await ctx.db.transaction((tx) => ctx.db.query<Pick<ClosureRequestRecord, 'id'>>(tx, `SELECT r.id FROM closure_requests r WHERE r.status = 'closing'
      AND NOT EXISTS (SELECT 1 FROM peer_commands c WHERE c.closure_request_id = r.id AND c.status <> 'confirmed') ORDER BY r.id LIMIT 100`, []));
  return rows.map((r) => Number(r.id));
}

/** Requests awaiting the customer since `before` or earlier (and, if asked, not reminded yet), longest waiting first. */
export async function awaitingCustomerIds(ctx: AppContext, before: Date, notRemindedOnly: boolean, limit: number): Promise<number[]> {
  const rows = await ctx.db.select<Pick<ClosureRequestRecord, 'id'>>(
    `SELECT id FROM closure_requests WHERE status = 'awaiting_customer' AND waiting_since <= $1${notRemindedOnly ? ' AND info_reminded_at IS NULL' : ''}
     ORDER BY waiting_since LIMIT ${limit}`, [sqlValue(ctx.db, before)]);
  return rows.map((r) => Number(r.id));
}

/** Marks that the customer was reminded. Not a change of the request the staff see (no new version). */
export async function markInfoReminded(ctx: AppContext, tx: Transaction, id: number, at: Date): Promise<void> {
  await ctx.models.ClosureRequest.update({ infoRemindedAt: at }, { where: { id }, transaction: tx });
}

/** What the customer's app is shown of a request: no staff member, no note; the reference it appeals against, if any. */
export type CustomerViewOfRequest = Pick<ClosureRequestRecord, 'id' | 'reference' | 'status' | 'submittedAt' | 'dueAt' | 'effectiveDate' | 'resolvedAt' | 'waitingSince'>
  & { appealOf: string | null };

/** The request with this reference as its customer's app shows it, read outside any transaction. */
export async function findCustomerViewOfRequest(ctx: AppContext, reference: string): Promise<CustomerViewOfRequest> {
  const [request] = await readRows<CustomerViewOfRequest>(ctx.db, undefined,
    `SELECT r.id, r.reference, r.status, r.submitted_at AS "submittedAt", r.due_at AS "dueAt", r.effective_date AS "effectiveDate",
       r.resolved_at AS "resolvedAt", r.waiting_since AS "waitingSince", o.reference AS "appealOf"
     FROM closure_requests r LEFT JOIN closure_requests o ON o.id = r.appeal_of_id WHERE r.reference = $1`, [reference]);
  if (!request) throw notFound('Closure request');
  return request;
}

/** The audit events of a request, oldest first, as far as the customer's status reads them. */
export async function requestEventsForCustomer(ctx: AppContext, id: number): Promise<Pick<AuditEventRecord, 'action' | 'at' | 'after' | 'reason'>[]> {
  return readRows<Pick<AuditEventRecord, 'action' | 'at' | 'after' | 'reason'>>(ctx.db, undefined,
    `SELECT action, at, after, reason FROM audit_events WHERE entity_type = 'closure_request' AND entity_id = $1 ORDER BY id`, [String(id)]);
}

/** The message the customer was last sent when asked for information (the request-info event's reason), if any. */
export async function lastInfoRequestMessage(ctx: AppContext, id: number): Promise<string | null> {
  const [event] = await ctx.db.select<Pick<AuditEventRecord, 'reason'>>(
    `SELECT reason FROM audit_events WHERE entity_type = 'closure_request' AND entity_id = $1 AND action = 'closure.request-info' ORDER BY id DESC LIMIT 1`, [String(id)]);
  return event?.reason ?? null;
}

/** Closes the customer at completion: its balances, forfeited by then, are zero. */
export async function closeCustomer(ctx: AppContext, tx: Transaction, id: number, at: Date): Promise<void> {
  await ctx.models.Customer.update(
    { status: 'closed', closedAt: at, cashBalance: 0, promoBalance: 0, updatedAt: at },
    { where: { id }, transaction: tx },
  );
}

/** Writes ledger entries, all in one statement. */
export async function insertBalanceEntries(ctx: AppContext, tx: Transaction, entries: Omit<BalanceEntryRecord, 'id'>[]): Promise<void> {
  await ctx.models.BalanceEntry.bulkCreate(entries, { transaction: tx });
}

/** The customer's profiles, in order, as their termination needs them. */
export async function profilesToTerminate(ctx: AppContext, tx: Transaction, customerId: number): Promise<Pick<EsimProfileRecord, 'id' | 'iccid' | 'deviceState'>[]> {
  // Plain SQL: a Sequelize read on SQLite asks `PRAGMA table_info` first, inside the writer's transaction.
  return ctx.db.query<Pick<EsimProfileRecord, 'id' | 'iccid' | 'deviceState'>>(
    tx, 'SELECT id, iccid, device_state AS "deviceState" FROM esim_profiles WHERE customer_id = $1 ORDER BY id', [customerId],
  );
}

/** Marks a profile terminated at `at` and its number quarantined until the given day. */
export async function terminateProfile(ctx: AppContext, tx: Transaction, iccid: string, at: Date, quarantineUntil: string): Promise<void> {
  await ctx.models.EsimProfile.update({ networkState: 'terminated', terminatedAt: at, quarantineUntil, updatedAt: new Date() }, { where: { iccid }, transaction: tx });
}

/**
 * Whether a staff member may hold requests is judged on these. Read with `lock` on PostgreSQL;
 * plain SQL: a Sequelize read on SQLite asks `PRAGMA table_info` first, inside the writer's transaction.
 */
export async function lockStaffMember(ctx: AppContext, tx: Transaction, staffId: number, lock: 'FOR SHARE' | 'FOR UPDATE'): Promise<Pick<StaffUserRecord, 'active' | 'role'> | null> {
  const suffix = ctx.db.dialect === 'postgres' ? ` ${lock}` : '';
  const [staff] = await ctx.db.query<Pick<StaffUserRecord, 'active' | 'role'>>(tx, `SELECT active, role FROM staff_users WHERE id = $1${suffix}`, [staffId]);
  return staff ?? null;
}

/** A staff member's console language, if they chose one. */
export async function findStaffLocale(ctx: AppContext, staffId: number): Promise<Pick<StaffUserRecord, 'locale'> | null> {
  return ctx.models.StaffUser.findByPk(staffId, { raw: true, attributes: ['locale'] });
}

/** Writes a note of a request: the note as created. */
export async function insertClosureNote(ctx: AppContext, tx: Transaction, note: Omit<ClosureNoteRecord, 'id'>): Promise<ClosureNoteRecord> {
  const created = await ctx.models.ClosureNote.create(note, { transaction: tx });
  return created.get({ plain: true });
}

/** A note as stored, with its author's name. */
export type ClosureNoteWithAuthor = ClosureNoteRecord & { authorName: string | null };

/** The request's notes, newest first (at most 500), each with its author's name: one plain query. */
export async function notesOf(ctx: AppContext, closureRequestId: number): Promise<ClosureNoteWithAuthor[]> {
  return ctx.db.select<ClosureNoteWithAuthor>(
    `SELECT n.id, n.closure_request_id AS "closureRequestId", n.author_id AS "authorId", s.full_name AS "authorName", n.text,
       n.after_decision AS "afterDecision", n.created_at AS "createdAt"
     FROM closure_notes n LEFT JOIN staff_users s ON s.id = n.author_id
     WHERE n.closure_request_id = $1 ORDER BY n.created_at DESC, n.id DESC LIMIT 500`, [closureRequestId]);
}

/** Writes an attachment's row (its file is stored already): the row as created. */
export async function insertAttachment(ctx: AppContext, tx: Transaction, attachment: Omit<AttachmentRecord, 'id' | 'deletedAt'>): Promise<AttachmentRecord> {
  const created = await ctx.models.Attachment.create(attachment, { transaction: tx });
  return created.get({ plain: true });
}

/** The request's attachments, newest first, deleted ones included. */
export async function attachmentsOf(ctx: AppContext, closureRequestId: number): Promise<AttachmentRecord[]> {
  return ctx.models.Attachment.findAll({ where: { closureRequestId }, order: [['id', 'DESC']], raw: true });
}

export async function findAttachment(ctx: AppContext, id: number): Promise<AttachmentRecord | null> {
  return ctx.models.Attachment.findByPk(id, { raw: true });
}

/** Every row an evidence pack records of a request: its customer's, and the request's own. */
export interface EvidenceRows {
  request: ClosureRequestRecord;
  customer: CustomerRecord | null;
  refunds: RefundRecord[];
  bills: BillRecord[];
  profiles: EsimProfileRecord[];
  notifications: NotificationRecord[];
  notes: ClosureNoteRecord[];
  attachments: AttachmentRecord[];
  ledger: BalanceEntryRecord[];
}

/** The rows of an evidence pack, each table in id order, read outside any transaction. */
export async function readEvidenceRows(ctx: AppContext, id: number): Promise<EvidenceRows> {
  const m = ctx.models;
  const request = await m.ClosureRequest.findByPk(id, { raw: true });
  if (!request) throw notFound('Closure request');
  const customerId = request.customerId;
  const [customer, refunds, bills, profiles, notifications, notes, attachments, ledger] = await Promise.all([
    m.Customer.findByPk(customerId, { raw: true }),
    m.Refund.findAll({ where: { closureRequestId: id }, order: [['id', 'ASC']], raw: true }),
    m.Bill.findAll({ where: { customerId }, order: [['id', 'ASC']], raw: true }),
    m.EsimProfile.findAll({ where: { customerId }, order: [['id', 'ASC']], raw: true }),
    m.Notification.findAll({ where: { closureRequestId: id }, order: [['id', 'ASC']], raw: true }),
    m.ClosureNote.findAll({ where: { closureRequestId: id }, order: [['id', 'ASC']], raw: true }),
    m.Attachment.findAll({ where: { closureRequestId: id }, order: [['id', 'ASC']], raw: true }),
    m.BalanceEntry.findAll({ where: { closureRequestId: id }, order: [['id', 'ASC']], raw: true }),
  ]);
  return { request, customer, refunds, bills, profiles, notifications, notes, attachments, ledger };
}

// --- The queue's next request ------------------------------------------------------------------

/**
 * The id of the most urgent submitted request (earliest dueAt, then oldest), or null when none is
 * seen. On PostgreSQL the row is locked and rows other callers hold are skipped (SKIP LOCKED), so
 * callers at once each see a different one; on SQLite the write transaction admits one at a time.
 */
export async function pickNextSubmitted(ctx: AppContext, tx: Transaction): Promise<number | null> {
  const lock = ctx.db.dialect === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '';
  const [next] = await ctx.db.query<Pick<ClosureRequestRecord, 'id'>>(tx,
    `SELECT id FROM closure_requests WHERE status = 'submitted' ORDER BY due_at ASC, submitted_at ASC, id ASC LIMIT 1${lock}`);
  return next ? Number(next.id) : null;
}

/** Whether any request waits in the queue, locked or not. */
export async function anySubmitted(ctx: AppContext, tx: Transaction): Promise<boolean> {
  return (await ctx.db.query(tx, `SELECT id FROM closure_requests WHERE status = 'submitted' LIMIT 1`)).length > 0;
}

// --- History -----------------------------------------------------------------------------------
// The history is the one view of a request that gathers other components' rows (its refunds, its
// customer's bills, the messages sent, the audit events, the staff names). Refunds and staff
// depend on closures, so closures reads those rows here rather than importing them back.

/** The audit event's fields a history step reads (not the IP or `before`; the e-mail only names an intake key). */
export type HistoryEvent = Pick<AuditEventRecord, 'id' | 'at' | 'actorId' | 'actorEmail' | 'actorRole' | 'action' | 'entityType' | 'entityId' | 'reason' | 'after'>;
/** A message sent to the customer, as the history shows it. */
export type HistoryMessage = Pick<NotificationRecord, 'template' | 'channel' | 'status' | 'subject' | 'body' | 'createdAt'>;

/** What the history is built around: the request's customer and start, and the rows its events name. */
export interface HistorySources {
  customerId: number;
  submittedAt: StoredTime;
  refunds: Pick<RefundRecord, 'id' | 'amount' | 'currency' | 'note'>[];
  attachments: Pick<AttachmentRecord, 'id' | 'fileName'>[];
  bills: Pick<BillRecord, 'id' | 'billNo'>[];
  /** oldest first, at most 500 */
  messages: HistoryMessage[];
}

/** The request's history sources, or null when there is no such request. */
export async function readHistorySources(ctx: AppContext, id: number): Promise<HistorySources | null> {
  const { db } = ctx;
  const [request] = await db.select<Pick<ClosureRequestRecord, 'customerId' | 'submittedAt'>>(
    'SELECT customer_id AS "customerId", submitted_at AS "submittedAt" FROM closure_requests WHERE id = $1', [id]);
  if (!request) return null;
  const [refunds, attachments, bills, messages] = await Promise.all([
    db.select<HistorySources['refunds'][number]>('SELECT id, amount, currency, note FROM refunds WHERE closure_request_id = $1', [id]),
    db.select<HistorySources['attachments'][number]>('SELECT id, file_name AS "fileName" FROM attachments WHERE closure_request_id = $1', [id]),
    db.select<HistorySources['bills'][number]>('SELECT id, bill_no AS "billNo" FROM bills WHERE customer_id = $1', [request.customerId]),
    db.select<HistoryMessage>(`SELECT template, channel, status, subject, body, created_at AS "createdAt" FROM notifications
      WHERE closure_request_id = $1 ORDER BY created_at ASC, id ASC LIMIT 500`, [id]),
  ]);
  return { ...request, refunds, attachments, bills, messages };
}

/**
 * The audit events of a request's history, oldest first (at most 2,000): the request's own (not
 * its exports), its refunds', its attachments' uploads, its customer's bills' since `billsSince`.
 */
export async function historyEvents(
  ctx: AppContext, id: number, of: { refundIds: readonly number[]; attachmentIds: readonly number[]; billIds: readonly number[]; billsSince: Date },
): Promise<HistoryEvent[]> {
  const { db } = ctx;
  const { params, p } = sqlParams(db);
  const ids = (list: readonly number[]) => list.map((v) => p(String(v))).join(', ');
  return db.select<HistoryEvent>(
    `SELECT id, at, actor_id AS "actorId", actor_email AS "actorEmail", actor_role AS "actorRole", action,
       entity_type AS "entityType", entity_id AS "entityId", reason, after
     FROM audit_events
     WHERE (entity_type = 'closure_request' AND entity_id = ${p(String(id))} AND action <> 'closure.export')
       ${of.refundIds.length ? `OR (entity_type = 'refund' AND entity_id IN (${ids(of.refundIds)}))` : ''}
       ${of.attachmentIds.length ? `OR (entity_type = 'attachment' AND entity_id IN (${ids(of.attachmentIds)}) AND action = 'attachment.upload')` : ''}
       ${of.billIds.length ? `OR (entity_type = 'bill' AND entity_id IN (${ids(of.billIds)}) AND at >= ${p(sqlValue(db, of.billsSince))})` : ''}
     ORDER BY id ASC LIMIT 2000`, params);
}

/** The full names of these staff members, by id. */
export async function staffNames(ctx: AppContext, ids: readonly number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await ctx.db.select<Pick<StaffUserRecord, 'id' | 'fullName'>>(
    `SELECT id, full_name AS "fullName" FROM staff_users WHERE id IN (${ids.map((_, i) => ctx.db.placeholder(i + 1)).join(', ')})`, [...ids]);
  return new Map(rows.map((s) => [Number(s.id), String(s.fullName)]));
}
