/** The vocabulary of DOMAIN.md, shared by server and client. */
export const ROLES = ['agent', 'supervisor', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const CHANNELS = ['app', 'phone', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

export const VERIFICATION_METHODS = ['app_login', 'security_questions', 'id_document'] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

/** The identity evidence each channel requires (DOMAIN.md's channel table). */
export const CHANNEL_EVIDENCE: Record<Channel, VerificationMethod> = {
  app: 'app_login',
  phone: 'security_questions',
  email: 'id_document',
};

export const CLOSURE_STATUSES = [
  'submitted',
  'in_review',
  'awaiting_customer',
  'approved',
  // complete was done: the peers (SM-DP+, network) are told, and the request waits for their confirmations
  'closing',
  'completed',
  'rejected',
  'withdrawn',
] as const;
export type ClosureStatus = (typeof CLOSURE_STATUSES)[number];

export const FINAL_STATUSES: readonly ClosureStatus[] = ['completed', 'rejected', 'withdrawn'];
export const OPEN_STATUSES: readonly ClosureStatus[] = CLOSURE_STATUSES.filter(
  (s) => !FINAL_STATUSES.includes(s),
);

/** True for a status a request is still being worked in (not final). */
export const isOpenStatus = (status: string): status is ClosureStatus => (OPEN_STATUSES as readonly string[]).includes(status);

export const REASON_CODES = [
  'moving_abroad',
  'switching_provider',
  'too_expensive',
  'no_longer_needed',
  'service_quality',
  'other',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export const REJECT_REASON_CODES = [
  'identity_not_verified',
  'outstanding_bills',
  'customer_unreachable',
  'duplicate_request',
  'fraud_suspected',
  'other',
] as const;
export type RejectReasonCode = (typeof REJECT_REASON_CODES)[number];

export const BALANCE_DECISIONS = ['refund', 'forfeit', 'none'] as const;
export type BalanceDecision = (typeof BALANCE_DECISIONS)[number];

export const CUSTOMER_STATUSES = ['active', 'closed'] as const;
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD', 'GBP'] as const;
export type Currency = (typeof CURRENCIES)[number];

export const ID_DOCUMENT_TYPES = ['national_id', 'passport', 'hk_macau_permit'] as const;
export type IdDocumentType = (typeof ID_DOCUMENT_TYPES)[number];

export const BILL_STATUSES = ['open', 'overdue', 'paid', 'waived', 'disputed'] as const;
export type BillStatus = (typeof BILL_STATUSES)[number];

/** A bill in one of these statuses owes nothing more: paid in full, or waived by a supervisor. */
export const SETTLED_BILL_STATUSES = ['paid', 'waived'] as const satisfies readonly BillStatus[];

/** What a bill still owes, in minor units: nothing once it is settled, else what is due less what was paid. */
export function billOutstanding(bill: { status: BillStatus; amountDue: number; amountPaid: number }): number {
  return (SETTLED_BILL_STATUSES as readonly BillStatus[]).includes(bill.status) ? 0 : bill.amountDue - bill.amountPaid;
}

export const LEDGER_KINDS = ['top_up', 'promo_credit', 'usage', 'refund', 'forfeit', 'adjustment'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export const BUCKETS = ['cash', 'promo'] as const;
export type Bucket = (typeof BUCKETS)[number];

export const DEVICE_STATES = ['installed', 'deleted', 'none'] as const;
export type DeviceState = (typeof DEVICE_STATES)[number];

export const NETWORK_STATES = ['active', 'suspended', 'terminated'] as const;
export type NetworkState = (typeof NETWORK_STATES)[number];

export const REFUND_METHODS = ['original_payment', 'bank_transfer', 'other'] as const;
export type RefundMethod = (typeof REFUND_METHODS)[number];

export const REFUND_STATUSES = ['recorded', 'pending_approval', 'rejected'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

export const NOTIFICATION_CHANNELS = ['email', 'sms'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export const NOTIFICATION_STATUSES = ['pending', 'sent', 'failed'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** Minor units per major unit, by ISO 4217 exponent. */
export const CURRENCY_EXPONENT: Record<Currency, number> = { CNY: 2, USD: 2, EUR: 2, HKD: 2, GBP: 2 };
