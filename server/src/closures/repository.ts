import type { Transaction } from 'sequelize';
import { toCalendarDate, type BalanceDecision, type Channel, type ClosureFacts, type ClosureStatus, type VerificationMethod } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import { notFound } from '../platform/errors';
import { columnsOf, readRows } from '../platform/db/raw-sql';
import { terminationFacts } from '../connectors';
import { closureRequestToApi } from './resources';

type Row = Record<string, unknown>;

/** The request, locked for the rest of the transaction on PostgreSQL (SQLite's write lock already covers it). */
export async function lockClosureRequest(ctx: AppContext, tx: Transaction, id: number): Promise<Row> {
  return lockRow(ctx, tx, 'ClosureRequest', 'closure_requests', id, 'Closure request');
}

export async function lockCustomer(ctx: AppContext, tx: Transaction, id: number): Promise<Row> {
  return lockRow(ctx, tx, 'Customer', 'customers', id, 'Customer');
}

async function lockRow(ctx: AppContext, tx: Transaction, model: 'ClosureRequest' | 'Customer', table: string, id: number, what: string): Promise<Row> {
  const forUpdate = ctx.db.dialect === 'postgres' ? ' FOR UPDATE' : '';
  const [row] = await ctx.db.query(tx, `SELECT ${columnsOf(ctx.models[model], 't')} FROM ${table} t WHERE t.id = $1${forUpdate}`, [id]);
  if (!row) throw notFound(what);
  return row;
}

/** The request as the API shows it, with its customer's name and account and its assignee's name. */
export async function readClosureRequest(ctx: AppContext, id: number, tx?: Transaction): Promise<Row> {
  const [row] = await readRows(ctx.db, tx, `SELECT ${columnsOf(ctx.models.ClosureRequest, 'r')},
      c.full_name AS "customerName", c.account_no AS "accountNo", s.full_name AS "assigneeName"
    FROM closure_requests r JOIN customers c ON c.id = r.customer_id LEFT JOIN staff_users s ON s.id = r.assignee_id
    WHERE r.id = $1`, [id]);
  if (!row) throw notFound('Closure request');
  return closureRequestToApi({ ...row, customer: { fullName: row.customerName, accountNo: row.accountNo }, assignee: { fullName: row.assigneeName } });
}

/** What the checklist and the approve/complete guards are judged on, read in the caller's transaction. */
export async function loadClosureFacts(
  ctx: AppContext,
  request: Row,
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
    status: request.status as ClosureStatus,
    channel: request.channel as Channel,
    identityVerified: request.identityVerified === true || request.identityVerified === 1,
    verificationMethod: (request.verificationMethod as VerificationMethod | null) ?? null,
    outstandingAmount: Number(customer?.outstandingAmount ?? 0),
    cashBalance: Number(customer?.cashBalance ?? 0),
    refundedAmount: Number(refunded ?? 0),
    pendingRefunds: pending,
    balanceDecision: proposal.balanceDecision ?? (request.balanceDecision as BalanceDecision | null) ?? null,
    effectiveDate: proposal.effectiveDate ?? (request.effectiveDate as string | null) ?? null,
    today: toCalendarDate(new Date()),
    profilesInstalled: installed,
    currency: customer?.currency as string,
    termination: await terminationFacts(ctx, request.id as number, tx),
  };
}
