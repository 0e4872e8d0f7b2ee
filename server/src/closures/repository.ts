import type { Transaction } from 'sequelize';
import { toCalendarDate, type BalanceDecision, type ClosureFacts } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import { notFound } from '../platform/errors';
import { columnsOf, readRows } from '../platform/db/raw-sql';
import { terminationFacts } from '../connectors';
import type { ClosureRequestRecord, CustomerRecord } from '../platform/db/records';
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
