/**
 * The refund rules (DOMAIN.md "Money", API.md "Refunds"): how much a request may still refund,
 * whether a refund is recorded at once or waits for a supervisor, and who may decide it.
 * Pure functions, no I/O: the server enforces them inside the refund's transaction, with the
 * request's row locked (so the sums below cannot change underneath), and the client shows them.
 * Money in integer minor units of the account's currency.
 */
import { CURRENCIES, type Currency, type RefundStatus } from './domain';
import type { ErrorCode } from './error-codes';

/**
 * The refund approval threshold is set per currency (500 HKD, 500 USD and 500 CNY are very different
 * sums): one setting per ISO code, `refundApprovalThreshold<CODE>`, and `refundApprovalThreshold` the
 * default for a currency without its own. Both sides name the keys from here.
 */
export const REFUND_THRESHOLD_CURRENCIES = CURRENCIES;
export type RefundThresholdKey = `refundApprovalThreshold${Currency}`;
export const refundThresholdKey = (currency: Currency): RefundThresholdKey => `refundApprovalThreshold${currency}`;
export const isThresholdCurrency = (currency: string): currency is Currency => (CURRENCIES as readonly string[]).includes(currency);

/** What a request already holds, in minor units. */
export interface RequestRefunds {
  /** Sum of the request's refunds `recorded` (already paid out of the cash). */
  recorded: number;
  /** Sum of the request's refunds `pending_approval` (not paid yet, but spoken for). */
  pending: number;
}

/** Cash balance − this request's refunds waiting for approval (never below zero). */
export function refundableAmount(cashBalance: number, pending: number): number {
  return Math.max(0, cashBalance - pending);
}

/**
 * A refund is `recorded` at once only while everything the request has refunded or has waiting,
 * plus this refund, stays within the threshold; otherwise it waits as `pending_approval`. The
 * threshold is per request, not per refund: ten refunds of 100.00 need the same checker as one of
 * 1,000.00. A supervisor making the refund is no exception (maker-checker).
 */
export function refundStatusFor(amount: number, threshold: number, already: RequestRefunds): Exclude<RefundStatus, 'rejected'> {
  return already.recorded + already.pending + amount <= threshold ? 'recorded' : 'pending_approval';
}

export type RefundDecision = { ok: true } | { ok: false; code: Extract<ErrorCode, 'same_person'>; message: string };

/** Maker ≠ checker: the person who made a refund never approves or rejects it. */
export function decideRefundChecker(makerId: number, checkerId: number): RefundDecision {
  return makerId === checkerId
    ? { ok: false, code: 'same_person', message: 'You created this refund; another supervisor must decide it' }
    : { ok: true };
}
