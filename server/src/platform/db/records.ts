import type {
  AuditAction, AuditEntityType, BalanceDecision, BillStatus, Bucket, Channel, ClosureStatus, Currency, CustomerStatus, DeviceState,
  IdDocumentType, LedgerKind, Locale, NetworkState, NotificationChannel, NotificationStatus, NotificationTemplateCode, ReasonCode,
  RefundMethod, RefundStatus, RejectReasonCode, Role, VerificationMethod,
} from '@closure-desk/shared';

/**
 * Every table's row as stored, typed with the shared domain's types: what a model instance holds,
 * what `raw: true` and the plain-SQL reads (raw-sql.ts) hand back. The models (models.ts) are
 * typed by these, and the compiler holds each model's attribute list to its record's keys, so a
 * column is described here once and the model cannot drift from it.
 *
 * What the drivers hand back differs by dialect, and the types say so rather than pretend:
 * - a time is a Date on PostgreSQL and on a model instance, Sequelize's text on SQLite's plain reads;
 * - a flag is true/false on PostgreSQL and 1/0 on SQLite's plain reads (`isSet` reads either);
 * - a calendar date is `YYYY-MM-DD` text (DATEONLY);
 * - money and other BIGINTs are numbers (database.ts parses them; amounts are integer minor units);
 * - an instance `create` returns lacks the nullable columns it was not given: mappers read those with `?? null`.
 */
export type StoredTime = Date | string;
export type StoredFlag = boolean | number;

/** A stored flag as a boolean, whichever dialect read it. */
export const isSet = (flag: StoredFlag | null | undefined): boolean => flag === true || flag === 1;

/** Created and, where the table keeps it, updated times that Sequelize fills in. */
type Stamped = { createdAt: StoredTime; updatedAt: StoredTime };

export type SettingRecord = { key: string; value: string | null; updatedAt: StoredTime | null };

export type StaffUserRecord = Stamped & {
  id: number; email: string; fullName: string; role: Role; passwordHash: string; active: StoredFlag;
  lastLoginAt: StoredTime | null; locale: Locale | null;
};

export type SessionRecord = {
  id: string; publicId: string; staffUserId: number; csrfToken: string; ip: string | null; userAgent: string | null;
  createdAt: StoredTime; lastSeenAt: StoredTime; expiresAt: StoredTime;
};

export type LoginAttemptRecord = { throttleKey: string; windowStart: number; attempts: number };

/** The intake API's calls of one caller in one epoch minute (no model: plain SQL in intake/repository.ts). */
export type RateLimitHitRecord = { bucket: string; windowStart: number; hits: number };

export type StaffSecondFactorRecord = {
  staffUserId: number; totpSecret: string | null; pendingSecret: string | null; pendingAt: StoredTime | null;
  enabledAt: StoredTime | null; lastUsedStep: number | null; updatedAt: StoredTime | null;
};

export type StaffRecoveryCodeRecord = {
  id: number; staffUserId: number; salt: string; codeHash: string; createdAt: StoredTime; usedAt: StoredTime | null;
};

export type EnrolmentPurpose = 'invite' | 'reset';

export type StaffEnrolmentTokenRecord = {
  id: number; staffUserId: number; tokenHash: string; purpose: EnrolmentPurpose; createdById: number | null;
  createdAt: StoredTime; expiresAt: StoredTime; usedAt: StoredTime | null;
};

export type PendingSettingChangeRecord = { key: string; value: string; proposedById: number; proposedAt: StoredTime };

/** A customer; balances are integer minor units. */
export type CustomerRecord = Stamped & {
  id: number; accountNo: string; fullName: string; email: string | null; phone: string | null; idDocumentType: IdDocumentType | null;
  idDocumentNumber: string | null; locale: Locale; currency: Currency; status: CustomerStatus; cashBalance: number; promoBalance: number;
  outstandingAmount: number; closedAt: StoredTime | null; anonymisedAt: StoredTime | null;
};

export type EsimProfileRecord = Stamped & {
  id: number; customerId: number; iccid: string; msisdn: string | null; eid: string | null; deviceModel: string | null;
  deviceState: DeviceState; networkState: NetworkState; terminatedAt: StoredTime | null; quarantineUntil: string | null;
};

/** The two peers: the eSIM platform (SM-DP+, GSMA ES2+) and the network (TM Forum TMF641). */
export type Peer = 'smdp' | 'network';
export type PeerCommandKind = 'service_order_delete' | 'cancel_order';
export type PeerCommandStatus = 'pending' | 'sent' | 'confirmed' | 'failed';

export type PeerCommandRecord = Stamped & {
  id: number; closureRequestId: number; profileId: number; iccid: string; peer: Peer; kind: PeerCommandKind; callId: string;
  status: PeerCommandStatus; attempts: number; nextAttemptAt: StoredTime | null; lastError: string | null;
  peerReference: string | null; confirmedAt: StoredTime | null;
};

export type BillRecord = Stamped & {
  id: number; customerId: number; billNo: string; periodStart: string; periodEnd: string; amountDue: number; amountPaid: number;
  currency: Currency; dueDate: string; status: BillStatus; waivedReason: string | null;
};

export type BalanceEntryRecord = {
  id: number; customerId: number; kind: LedgerKind; bucket: Bucket; amount: number; currency: Currency;
  occurredAt: StoredTime; reference: string | null; closureRequestId: number | null;
};

export type ClosureRequestRecord = Stamped & {
  id: number; reference: string; customerId: number; channel: Channel; status: ClosureStatus; reasonCode: ReasonCode;
  reasonText: string | null; identityVerified: StoredFlag; verificationMethod: VerificationMethod | null;
  assigneeId: number | null; submittedAt: StoredTime; dueAt: StoredTime; requestedEffectiveDate: string | null;
  effectiveDate: string | null; balanceDecision: BalanceDecision | null; rejectReasonCode: RejectReasonCode | null;
  resolvedAt: StoredTime | null; completedAt: StoredTime | null; appealOfId: number | null; decidedById: number | null;
  waitingSince: StoredTime | null; infoRemindedAt: StoredTime | null; version: number;
};

export type RefundRecord = {
  id: number; closureRequestId: number; customerId: number; amount: number; currency: Currency; method: RefundMethod;
  payoutReference: string; note: string | null; status: RefundStatus; createdById: number; approvedById: number | null;
  decisionNote: string | null; createdAt: StoredTime; decidedAt: StoredTime | null;
};

export type NotificationRecord = {
  id: number; customerId: number | null; staffUserId: number | null; closureRequestId: number | null;
  channel: NotificationChannel; recipient: string; template: NotificationTemplateCode; locale: Locale; subject: string | null;
  body: string; status: NotificationStatus; attempts: number; nextAttemptAt: StoredTime | null; lastError: string | null;
  createdAt: StoredTime; sentAt: StoredTime | null;
};

export type ClosureNoteRecord = {
  id: number; closureRequestId: number; authorId: number; text: string; afterDecision: StoredFlag; createdAt: StoredTime;
};

export type AttachmentRecord = {
  id: number; closureRequestId: number; fileName: string; contentType: string; size: number; sha256: string;
  storagePath: string; uploadedById: number; afterDecision: StoredFlag; createdAt: StoredTime; deletedAt: StoredTime | null;
};

export type IdempotencyKeyRecord = {
  id: number; scope: string; key: string; requestHash: string; statusCode: number | null; responseBody: string | null; createdAt: StoredTime;
};

export type AuditEventRecord = {
  id: number; at: StoredTime; actorId: number | null; actorEmail: string | null; actorRole: Role | 'system' | null; ip: string | null;
  action: AuditAction; entityType: AuditEntityType; entityId: string | null; reason: string | null;
  before: string | null; after: string | null; prevHash: string; hash: string;
};

export type AuditCheckpointRecord = {
  id: number; treeSize: number; rootHash: string; origin: string; keyId: string; note: string; eventId: number; createdAt: StoredTime;
};
