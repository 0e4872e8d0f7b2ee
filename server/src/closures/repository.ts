import { Op, type Transaction } from 'sequelize';
import { toCalendarDate, type BalanceDecision, type Channel, type ClosureFacts, type ClosureStatus, type VerificationMethod } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import { notFound } from '../platform/errors';
import { closureIncludes, closureRequestToApi } from './resources';

type Row = Record<string, unknown>;

/** The request, locked for the rest of the transaction on PostgreSQL (SQLite's write lock already covers it). */
export async function lockClosureRequest(ctx: AppContext, tx: Transaction, id: number): Promise<Row> {
  const row = await ctx.models.ClosureRequest.findByPk(id, { transaction: tx, lock: true, raw: true });
  if (!row) throw notFound('Closure request');
  return row;
}

export async function lockCustomer(ctx: AppContext, tx: Transaction, id: number): Promise<Row> {
  const row = await ctx.models.Customer.findByPk(id, { transaction: tx, lock: true, raw: true });
  if (!row) throw notFound('Customer');
  return row;
}

export async function readClosureRequest(ctx: AppContext, id: number, tx?: Transaction): Promise<Row> {
  const row = await ctx.models.ClosureRequest.findOne({
    where: { id },
    include: closureIncludes(ctx),
    raw: true,
    nest: true,
    transaction: tx,
  });
  if (!row) throw notFound('Closure request');
  return closureRequestToApi(row as unknown as Row);
}

/** What the checklist and the approve/complete guards are judged on, read in the caller's transaction. */
export async function loadClosureFacts(
  ctx: AppContext,
  request: Row,
  tx?: Transaction,
  proposal: { balanceDecision?: BalanceDecision; effectiveDate?: string } = {},
): Promise<ClosureFacts> {
  const { Customer, Refund, EsimProfile } = ctx.models;
  const customer = await Customer.findByPk(request.customerId as number, { raw: true, transaction: tx });
  const [refunded, pending, installed] = await Promise.all([
    Refund.sum('amount', { where: { closureRequestId: request.id as number, status: 'recorded' }, transaction: tx }),
    Refund.count({ where: { closureRequestId: request.id as number, status: 'pending_approval' }, transaction: tx }),
    EsimProfile.count({
      where: { customerId: request.customerId as number, deviceState: 'installed', networkState: { [Op.ne]: 'terminated' } },
      transaction: tx,
    }),
  ]);
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
  };
}
