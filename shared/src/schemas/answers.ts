/**
 * What the API answers, as zod schemas: the server's OpenAPI document (GET /api/openapi.json) is
 * generated from them, and every API test checks the answers it gets against that document. A
 * field the server adds must be added here too, or the tests that see it fail.
 */
import { z } from 'zod';
import {
  BALANCE_DECISIONS, BILL_STATUSES, BUCKETS, CHANNELS, CLOSURE_STATUSES, CURRENCIES, CUSTOMER_STATUSES, DEVICE_STATES,
  ID_DOCUMENT_TYPES, LEDGER_KINDS, LOCALES, NETWORK_STATES, NOTIFICATION_CHANNELS, NOTIFICATION_STATUSES, REASON_CODES,
  REFUND_METHODS, REFUND_STATUSES, REJECT_REASON_CODES, ROLES, VERIFICATION_METHODS,
} from '../domain';
import { CHECK_IDS } from '../closure-workflow';
import { ERROR_CODES } from '../error-codes';

const Id = z.number().int().min(1);
/** An instant, ISO 8601 in UTC as the server writes it (`2026-11-22T08:30:00.000Z`). */
const Instant = z.iso.datetime();
/** A calendar day, `YYYY-MM-DD`. */
const Day = z.iso.date();
/** Money is an integer count of the currency's minor units (fen, cents). */
export const Minor = z.number().int().describe('integer minor units of the currency (fen, cents)');

export const ErrorAnswer = z.object({
  message: z.string(),
  code: z.enum(ERROR_CODES as [string, ...string[]]),
  details: z.array(z.unknown()).optional(),
});

export const ClosureRequestAnswer = z.object({
  id: Id,
  reference: z.string(),
  customerId: Id,
  customerName: z.string().nullable(),
  accountNo: z.string().nullable(),
  channel: z.enum(CHANNELS),
  status: z.enum(CLOSURE_STATUSES),
  reasonCode: z.enum(REASON_CODES),
  reasonText: z.string().nullable(),
  identityVerified: z.boolean(),
  verificationMethod: z.enum(VERIFICATION_METHODS).nullable(),
  assigneeId: Id.nullable(),
  assigneeName: z.string().nullable(),
  submittedAt: Instant,
  dueAt: Instant,
  overdue: z.boolean(),
  requestedEffectiveDate: Day.nullable(),
  effectiveDate: Day.nullable(),
  balanceDecision: z.enum(BALANCE_DECISIONS).nullable(),
  rejectReasonCode: z.enum(REJECT_REASON_CODES).nullable(),
  resolvedAt: Instant.nullable(),
  completedAt: Instant.nullable(),
  appealOfId: Id.nullable().describe('the rejected request this one appeals against (申诉)'),
  version: z.number().int().min(0),
});

/**
 * GET /api/intake/closure-requests/<reference>: where the request stands, as the customer's app
 * shows it. No staff names, no internal notes, nothing masked.
 */
export const CustomerStatusAnswer = z.object({
  reference: z.string(),
  status: z.enum(CLOSURE_STATUSES),
  submittedAt: Instant,
  dueAt: Instant,
  effectiveDate: Day.nullable(),
  steps: z.array(z.object({ status: z.enum(CLOSURE_STATUSES), at: Instant })),
  waitingFor: z.object({ message: z.string(), since: Instant }).optional().describe('what the provider asked the customer for, while awaiting_customer'),
  appealableUntil: Instant.optional().describe('a rejection may be appealed until then'),
  appealOf: z.string().optional().describe('the reference this request appeals against'),
});

/** Who else is on a request's page now (GET /api/closure-requests/<id>/presence). */
export const PresenceAnswer = z.object({
  closureRequestId: Id,
  viewers: z.array(z.object({ staffUserId: Id, fullName: z.string(), since: Instant })),
});

export const CheckAnswer = z.object({ id: z.enum(CHECK_IDS), ok: z.boolean(), blocking: z.boolean(), detail: z.string() });

export const NoteAnswer = z.object({
  id: Id, closureRequestId: Id, authorId: Id, authorName: z.string().nullable(), text: z.string(),
  afterDecision: z.boolean().describe('added by a supervisor after the request’s final decision'), createdAt: Instant,
});

export const AttachmentAnswer = z.object({
  id: Id, closureRequestId: Id, fileName: z.string(), contentType: z.enum(['application/pdf', 'image/jpeg', 'image/png']),
  size: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/), uploadedById: Id,
  afterDecision: z.boolean().describe('added by a supervisor after the request’s final decision'), createdAt: Instant, deleted: z.boolean(),
});

export const CustomerAnswer = z.object({
  id: Id,
  accountNo: z.string(),
  fullName: z.string(),
  email: z.string().nullable().describe('masked'),
  phone: z.string().nullable().describe('masked'),
  idDocumentType: z.enum(ID_DOCUMENT_TYPES).nullable(),
  idDocumentNumber: z.string().nullable().describe('masked'),
  locale: z.enum(LOCALES),
  currency: z.enum(CURRENCIES),
  status: z.enum(CUSTOMER_STATUSES),
  cashBalance: Minor,
  promoBalance: Minor,
  outstandingAmount: Minor,
  createdAt: Instant,
  closedAt: Instant.nullable(),
});

export const ProfileAnswer = z.object({
  id: Id,
  customerId: Id,
  iccid: z.string(),
  msisdn: z.string().nullable(),
  eid: z.string().nullable(),
  deviceModel: z.string().nullable(),
  deviceState: z.enum(DEVICE_STATES),
  networkState: z.enum(NETWORK_STATES),
  terminatedAt: Instant.nullable(),
  quarantineUntil: Day.nullable(),
  updatedAt: Instant.nullable(),
});

export const RevealAnswer = z.object({ value: z.string().nullable() });

export const BillAnswer = z.object({
  id: Id,
  customerId: Id,
  billNo: z.string(),
  periodStart: Day,
  periodEnd: Day,
  amountDue: Minor,
  amountPaid: Minor,
  outstanding: Minor,
  currency: z.enum(CURRENCIES),
  dueDate: Day,
  status: z.enum(BILL_STATUSES),
  waivedReason: z.string().nullable(),
});

export const BalanceEntryAnswer = z.object({
  id: Id,
  customerId: Id,
  kind: z.enum(LEDGER_KINDS),
  bucket: z.enum(BUCKETS),
  amount: Minor,
  currency: z.enum(CURRENCIES),
  occurredAt: Instant,
  reference: z.string().nullable(),
  closureRequestId: Id.nullable(),
});

export const RefundAnswer = z.object({
  id: Id,
  closureRequestId: Id,
  customerId: Id,
  amount: Minor,
  currency: z.enum(CURRENCIES),
  method: z.enum(REFUND_METHODS),
  payoutReference: z.string(),
  note: z.string().nullable(),
  status: z.enum(REFUND_STATUSES),
  createdById: Id,
  approvedById: Id.nullable(),
  decisionNote: z.string().nullable(),
  createdAt: Instant,
  decidedAt: Instant.nullable(),
});

/** The refund approval threshold that applies in one currency (its own setting or the default one). */
export const RefundThresholdAnswer = z.object({
  currency: z.enum(CURRENCIES),
  threshold: Minor,
});
export type RefundThresholdAnswer = z.infer<typeof RefundThresholdAnswer>;

export const NotificationAnswer = z.object({
  id: Id,
  customerId: Id,
  closureRequestId: Id.nullable(),
  channel: z.enum(NOTIFICATION_CHANNELS),
  recipient: z.string().nullable().describe('masked'),
  template: z.string(),
  locale: z.enum(LOCALES),
  subject: z.string().nullable(),
  body: z.string().describe('the text sent, in the customer\'s language'),
  status: z.enum(NOTIFICATION_STATUSES),
  attempts: z.number().int().min(0),
  lastError: z.string().nullable(),
  createdAt: Instant,
  sentAt: Instant.nullable(),
});

export const AuditEventAnswer = z.object({
  id: Id,
  at: Instant,
  actorId: Id.nullable(),
  actorEmail: z.string().nullable(),
  actorRole: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  reason: z.string().nullable(),
  before: z.unknown().describe('the state before, as JSON (null for none)'),
  after: z.unknown().describe('the state after, as JSON (null for none)'),
  prevHash: z.string(),
  hash: z.string(),
});

export const ChainVerificationAnswer = z.object({
  ok: z.boolean(),
  checked: z.number().int().min(0),
  lastId: z.number().int().min(0),
  lastHash: z.string(),
  firstBadId: z.number().int().optional(),
  problem: z.string().optional(),
});

export const StaffUserAnswer = z.object({
  id: Id, email: z.string(), fullName: z.string(), role: z.enum(ROLES), active: z.boolean(), locale: z.enum(LOCALES),
  lastLoginAt: Instant.nullable(),
  enrolmentExpiresAt: Instant.optional().describe('after a create or a password reset: when the enrolment link sent to the member expires'),
});

export const SessionAnswer = z.object({
  user: z.object({ id: Id, email: z.string(), fullName: z.string(), role: z.enum(ROLES) }),
  csrfToken: z.string().describe('send it back as X-CSRF-Token on every write'),
  mfaEnabled: z.boolean().describe('the account has a confirmed second factor'),
  mfaRequired: z.boolean().describe('the account’s role is in mfaRequiredRoles'),
  mfaEnrolmentRequired: z.boolean().describe('required and not enabled: every route but me, logout and the TOTP setup answers 403 mfa_enrolment_required'),
});

/** `GET /api/auth/session`: a question, never a 401 — whether this browser is signed in, and if so the session. */
export const SessionStateAnswer = z.discriminatedUnion('signedIn', [
  z.object({ signedIn: z.literal(false) }).strict(),
  SessionAnswer.extend({ signedIn: z.literal(true) }),
]);

/** One of the signed-in member's own sessions (never another person's). */
export const OwnSessionAnswer = z.object({
  id: z.string().describe('the session’s public id (not its cookie)'), createdAt: Instant, lastSeenAt: Instant,
  ip: z.string().nullable(), userAgent: z.string().nullable(), current: z.boolean().describe('the session that made this request'),
});

export const TotpSetupAnswer = z.object({
  secret: z.string().describe('base32, to type into an authenticator app'), otpauthUrl: z.string().describe('the otpauth:// URL, for a QR code'),
});

export const RecoveryCodesAnswer = z.object({
  recoveryCodes: z.array(z.string()).describe('single-use codes, shown once'),
});

const SettingValue = z.union([z.number().int(), z.string()]).describe('an integer; mfaRequiredRoles: a comma-separated list of roles');
export const SettingAnswer = z.object({
  id: z.string(), value: SettingValue, defaultValue: SettingValue,
  updatedAt: z.unknown().describe('when an admin last changed it; null for the default'),
  fourEyes: z.boolean().describe('a change waits for a second admin’s approval'),
  pending: z.object({
    value: SettingValue, proposedById: Id, proposedByName: z.string().nullable().optional(), proposedAt: Instant.nullable(),
  }).nullable().describe('the change waiting for approval, if any'),
});

export const StaffEntryAnswer = z.object({ id: Id, fullName: z.string(), role: z.enum(ROLES), open: z.number().int().min(0), overdue: z.number().int().min(0) });

const Count = z.number().int().min(0);
const ExportRecordAnswer = z.object({
  id: Id, at: Instant.nullable(), action: z.string(), actorId: Id.nullable(), actorEmail: z.string().nullable(), actorRole: z.string().nullable(),
  format: z.string().nullable(), rows: z.number().int().nullable(), outcome: z.string().nullable(), filter: z.record(z.string(), z.unknown()).nullable(),
});
export const DashboardAnswer = z.object({
  role: z.enum(ROLES),
  generatedAt: Instant,
  dueSoonHours: z.number(),
  queue: z.object({ assigned: Count, dueSoon: Count, overdue: Count, unassigned: Count }).optional(),
  team: z.object({
    unassigned: Count,
    overdue: Count,
    refundsPendingApproval: z.object({ total: Count, byOthers: Count }),
    workload: z.array(z.object({ assigneeId: Id, fullName: z.string(), role: z.enum(ROLES), active: z.boolean(), open: Count, overdue: Count })),
    incidents: z.object({
      total: Count,
      latest: z.array(z.object({
        id: Id, at: Instant.nullable(), profileId: Id, iccid: z.string().nullable(), notificationPointId: z.number().int().nullable(), reason: z.string().nullable(),
      })).describe('reactivation attempts of terminated eSIM profiles (audit incident.reactivation-refused), newest first, at most 10'),
    }),
  }).optional(),
  exports: z.array(ExportRecordAnswer).optional(),
  staff: z.array(z.object({ role: z.enum(ROLES), active: Count, inactive: Count })).optional(),
  activity: z.object({
    from: Day,
    to: Day,
    days: z.array(z.object({ date: Day, received: Count, completed: Count })),
    byChannel: z.array(z.object({ channel: z.enum(CHANNELS), received: Count, completed: Count })),
  }),
});

export const HealthAnswer = z.object({ status: z.literal('ok') });
export const ReadinessAnswer = z.object({
  status: z.literal('ready'), migrations: z.object({ applied: Count, pending: Count }),
});

/**
 * One step of a closure request's history (GET /closure-requests/<id>/history): a step someone (or
 * the system) took, or a message sent to the customer with the text they received.
 */
export const HistoryEntryAnswer = z.object({
  at: Instant,
  kind: z.enum(['step', 'message']),
  action: z.string().describe('the audit action of a step (closure.approve, refund.record, …); for a message, notification.queued'),
  actorName: z.string().nullable().describe('the staff member, or the intake key, who took the step; null for the system'),
  actorRole: z.enum(ROLES).nullable(),
  note: z.string().nullable().describe('what they typed: the note, reason or message to the customer'),
  status: z.enum(CLOSURE_STATUSES).nullable().describe('the request’s state after the step, when it changed it'),
  detail: z.string().nullable().describe('what the step concerned, in the caller’s language: an amount, an assignee, a file name, a bill'),
  message: z.object({
    template: z.string(),
    channel: z.enum(NOTIFICATION_CHANNELS),
    status: z.enum(NOTIFICATION_STATUSES),
    subject: z.string().nullable(),
    text: z.string().describe('the text sent, in the customer’s language'),
  }).nullable(),
});
export type HistoryEntry = z.infer<typeof HistoryEntryAnswer>;

/** Each answer's TypeScript type, for the server's mappers to return and the client to read. */
export type ErrorAnswer = z.infer<typeof ErrorAnswer>;
export type ClosureRequestAnswer = z.infer<typeof ClosureRequestAnswer>;
export type CustomerStatusAnswer = z.infer<typeof CustomerStatusAnswer>;
export type PresenceAnswer = z.infer<typeof PresenceAnswer>;
export type CheckAnswer = z.infer<typeof CheckAnswer>;
export type NoteAnswer = z.infer<typeof NoteAnswer>;
export type AttachmentAnswer = z.infer<typeof AttachmentAnswer>;
export type CustomerAnswer = z.infer<typeof CustomerAnswer>;
export type ProfileAnswer = z.infer<typeof ProfileAnswer>;
export type RevealAnswer = z.infer<typeof RevealAnswer>;
export type BillAnswer = z.infer<typeof BillAnswer>;
export type BalanceEntryAnswer = z.infer<typeof BalanceEntryAnswer>;
export type RefundAnswer = z.infer<typeof RefundAnswer>;
export type NotificationAnswer = z.infer<typeof NotificationAnswer>;
export type AuditEventAnswer = z.infer<typeof AuditEventAnswer>;
export type ChainVerificationAnswer = z.infer<typeof ChainVerificationAnswer>;
export type StaffUserAnswer = z.infer<typeof StaffUserAnswer>;
export type SessionAnswer = z.infer<typeof SessionAnswer>;
export type SessionStateAnswer = z.infer<typeof SessionStateAnswer>;
export type OwnSessionAnswer = z.infer<typeof OwnSessionAnswer>;
export type TotpSetupAnswer = z.infer<typeof TotpSetupAnswer>;
export type RecoveryCodesAnswer = z.infer<typeof RecoveryCodesAnswer>;
export type SettingAnswer = z.infer<typeof SettingAnswer>;
export type StaffEntryAnswer = z.infer<typeof StaffEntryAnswer>;
export type DashboardAnswer = z.infer<typeof DashboardAnswer>;
export type HealthAnswer = z.infer<typeof HealthAnswer>;
export type ReadinessAnswer = z.infer<typeof ReadinessAnswer>;
export type HistoryEntryAnswer = z.infer<typeof HistoryEntryAnswer>;
