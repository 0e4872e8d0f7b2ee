import { DataTypes, type Model, type ModelAttributes, type ModelStatic, type Optional, type Sequelize } from 'sequelize';
import type * as R from './records';

/**
 * The tables as Sequelize models, defined once per Sequelize instance (so two instances in one
 * process, as the multi-instance tests run, never share a model). Columns are snake_case,
 * attributes camelCase; the schema itself is owned by the migrations, never by sync().
 */
const { INTEGER, BIGINT, STRING, TEXT, BOOLEAN, DATE, DATEONLY } = DataTypes;

type Stamp = 'createdAt' | 'updatedAt';
/** What a create may leave out: the key the database numbers, the stamps Sequelize fills in, and any nullable column. */
type Defaulted<T> = Extract<keyof T, 'id' | Stamp> | { [K in keyof T]-?: null extends T[K] ? K : never }[keyof T];
/** A model typed by its table's record (records.ts): instances carry the record's attributes. */
export type TableModel<T extends object, D extends keyof T = never> = ModelStatic<Model<T, Optional<T, Defaulted<T> | D>> & T>;
/** Any of the tables, for code that works on a model without knowing which (the list machinery). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyModel = TableModel<any>;

const pk = () => ({ type: INTEGER, primaryKey: true, autoIncrement: true });
// A function, not a shared object: Sequelize writes the column name into the attribute object it is given.
const money = () => ({ type: BIGINT, allowNull: false, defaultValue: 0 });

export function defineModels(sequelize: Sequelize) {
  const opts = (tableName: string, timestamps: boolean | 'createdOnly' = false) => ({
    tableName,
    underscored: true,
    timestamps: timestamps !== false,
    updatedAt: timestamps === true ? 'updatedAt' : false,
  }) as const;
  // The attribute list is held by the compiler to the record's keys (Sequelize adds the stamps itself).
  // define() is typed for a Model class with no attributes; TableModel is that model typed by its record.
  const define = <T extends object, D extends keyof T = never>(name: string, attrs: ModelAttributes<Model<T>, Omit<T, Stamp> & Partial<Pick<T, Extract<keyof T, Stamp>>>>, options: object) =>
    sequelize.define(name, attrs, options) as unknown as TableModel<T, D>;

  const Setting = define<R.SettingRecord>('Setting', { key: { type: STRING, primaryKey: true }, value: TEXT, updatedAt: DATE }, {
    tableName: 'settings', underscored: true, timestamps: false,
  });
  const StaffUser = define<R.StaffUserRecord>('StaffUser', {
    id: pk(), email: STRING, fullName: STRING, role: STRING, passwordHash: STRING, active: BOOLEAN, lastLoginAt: DATE, locale: STRING,
  }, opts('staff_users', true));
  const Session = define<R.SessionRecord>('Session', {
    id: { type: STRING, primaryKey: true }, publicId: STRING, staffUserId: INTEGER, csrfToken: STRING, ip: STRING, userAgent: STRING,
    createdAt: DATE, lastSeenAt: DATE, expiresAt: DATE,
  }, { tableName: 'sessions', underscored: true, timestamps: false });
  const LoginAttempt = define<R.LoginAttemptRecord>('LoginAttempt', { throttleKey: { type: STRING, primaryKey: true }, windowStart: BIGINT, attempts: INTEGER }, {
    tableName: 'login_attempts', underscored: true, timestamps: false,
  });
  const StaffSecondFactor = define<R.StaffSecondFactorRecord>('StaffSecondFactor', {
    staffUserId: { type: INTEGER, primaryKey: true }, totpSecret: TEXT, pendingSecret: TEXT, pendingAt: DATE,
    enabledAt: DATE, lastUsedStep: BIGINT, updatedAt: DATE,
  }, { tableName: 'staff_second_factors', underscored: true, timestamps: false });
  const StaffRecoveryCode = define<R.StaffRecoveryCodeRecord>('StaffRecoveryCode', {
    id: pk(), staffUserId: INTEGER, salt: STRING, codeHash: STRING, createdAt: DATE, usedAt: DATE,
  }, { tableName: 'staff_recovery_codes', underscored: true, timestamps: false });
  const StaffEnrolmentToken = define<R.StaffEnrolmentTokenRecord>('StaffEnrolmentToken', {
    id: pk(), staffUserId: INTEGER, tokenHash: STRING, purpose: STRING, createdById: INTEGER, createdAt: DATE,
    expiresAt: DATE, usedAt: DATE,
  }, { tableName: 'staff_enrolment_tokens', underscored: true, timestamps: false });
  const PendingSettingChange = define<R.PendingSettingChangeRecord>('PendingSettingChange', {
    key: { type: STRING, primaryKey: true }, value: TEXT, proposedById: INTEGER, proposedAt: DATE,
  }, { tableName: 'pending_setting_changes', underscored: true, timestamps: false });
  const Customer = define<R.CustomerRecord, 'cashBalance' | 'promoBalance' | 'outstandingAmount'>('Customer', {
    id: pk(), accountNo: STRING, fullName: STRING, email: STRING, phone: STRING, idDocumentType: STRING,
    idDocumentNumber: STRING, locale: STRING, currency: STRING, status: STRING, cashBalance: money(),
    promoBalance: money(), outstandingAmount: money(), closedAt: DATE, anonymisedAt: DATE,
  }, opts('customers', true));
  const EsimProfile = define<R.EsimProfileRecord>('EsimProfile', {
    id: pk(), customerId: INTEGER, iccid: STRING, msisdn: STRING, eid: STRING, deviceModel: STRING,
    deviceState: STRING, networkState: STRING, terminatedAt: DATE, quarantineUntil: DATEONLY,
  }, opts('esim_profiles', true));
  const PeerCommand = define<R.PeerCommandRecord>('PeerCommand', {
    id: pk(), closureRequestId: INTEGER, profileId: INTEGER, iccid: STRING, peer: STRING, kind: STRING, callId: STRING,
    status: STRING, attempts: INTEGER, nextAttemptAt: DATE, lastError: TEXT, peerReference: STRING, confirmedAt: DATE,
  }, opts('peer_commands', true));
  const Bill = define<R.BillRecord, 'amountDue' | 'amountPaid'>('Bill', {
    id: pk(), customerId: INTEGER, billNo: STRING, periodStart: DATEONLY, periodEnd: DATEONLY, amountDue: money(),
    amountPaid: money(), currency: STRING, dueDate: DATEONLY, status: STRING, waivedReason: TEXT,
  }, opts('bills', true));
  const BalanceEntry = define<R.BalanceEntryRecord>('BalanceEntry', {
    id: pk(), customerId: INTEGER, kind: STRING, bucket: STRING, amount: BIGINT, currency: STRING,
    occurredAt: DATE, reference: STRING, closureRequestId: INTEGER,
  }, opts('balance_entries'));
  const ClosureRequest = define<R.ClosureRequestRecord>('ClosureRequest', {
    id: pk(), reference: STRING, customerId: INTEGER, channel: STRING, status: STRING, reasonCode: STRING,
    reasonText: TEXT, identityVerified: BOOLEAN, verificationMethod: STRING, assigneeId: INTEGER,
    submittedAt: DATE, dueAt: DATE, requestedEffectiveDate: DATEONLY, effectiveDate: DATEONLY,
    balanceDecision: STRING, rejectReasonCode: STRING, resolvedAt: DATE, completedAt: DATE,
    appealOfId: INTEGER, decidedById: INTEGER, waitingSince: DATE, infoRemindedAt: DATE,
    version: INTEGER,
  }, opts('closure_requests', true));
  const Refund = define<R.RefundRecord>('Refund', {
    id: pk(), closureRequestId: INTEGER, customerId: INTEGER, amount: BIGINT, currency: STRING, method: STRING,
    payoutReference: STRING, note: TEXT, status: STRING, createdById: INTEGER, approvedById: INTEGER,
    decisionNote: TEXT, createdAt: DATE, decidedAt: DATE,
  }, { tableName: 'refunds', underscored: true, timestamps: false });
  const Notification = define<R.NotificationRecord>('Notification', {
    id: pk(), customerId: INTEGER, staffUserId: INTEGER, closureRequestId: INTEGER, channel: STRING, recipient: STRING, template: STRING,
    locale: STRING, subject: STRING, body: TEXT, status: STRING, attempts: INTEGER, nextAttemptAt: DATE,
    lastError: TEXT, createdAt: DATE, sentAt: DATE,
  }, { tableName: 'notifications', underscored: true, timestamps: false });
  const ClosureNote = define<R.ClosureNoteRecord, 'afterDecision'>('ClosureNote', {
    id: pk(), closureRequestId: INTEGER, authorId: INTEGER, text: TEXT, afterDecision: BOOLEAN, createdAt: DATE,
  }, { tableName: 'closure_notes', underscored: true, timestamps: false });
  const Attachment = define<R.AttachmentRecord, 'afterDecision'>('Attachment', {
    id: pk(), closureRequestId: INTEGER, fileName: STRING, contentType: STRING, size: INTEGER, sha256: STRING,
    storagePath: STRING, uploadedById: INTEGER, afterDecision: BOOLEAN, createdAt: DATE, deletedAt: DATE,
  }, { tableName: 'attachments', underscored: true, timestamps: false });
  const IdempotencyKey = define<R.IdempotencyKeyRecord>('IdempotencyKey', {
    id: pk(), scope: STRING, key: STRING, requestHash: STRING, statusCode: INTEGER, responseBody: TEXT, createdAt: DATE,
  }, { tableName: 'idempotency_keys', underscored: true, timestamps: false });
  const AuditEvent = define<R.AuditEventRecord>('AuditEvent', {
    id: { type: BIGINT, primaryKey: true }, at: DATE, actorId: INTEGER, actorEmail: STRING, actorRole: STRING,
    ip: STRING, action: STRING, entityType: STRING, entityId: STRING, reason: TEXT, before: TEXT, after: TEXT,
    prevHash: STRING, hash: STRING,
  }, { tableName: 'audit_events', underscored: true, timestamps: false });
  const AuditCheckpoint = define<R.AuditCheckpointRecord>('AuditCheckpoint', {
    id: pk(), treeSize: BIGINT, rootHash: STRING, origin: STRING, keyId: STRING, note: TEXT, eventId: BIGINT, createdAt: DATE,
  }, { tableName: 'audit_checkpoints', underscored: true, timestamps: false });

  ClosureRequest.belongsTo(Customer, { as: 'customer', foreignKey: 'customerId' });
  ClosureRequest.belongsTo(StaffUser, { as: 'assignee', foreignKey: 'assigneeId' });

  return {
    AuditCheckpoint, PeerCommand, Setting, StaffUser, Session, LoginAttempt, StaffEnrolmentToken, PendingSettingChange, Customer, EsimProfile, Bill, BalanceEntry, ClosureRequest,
    Refund, Notification, ClosureNote, Attachment, IdempotencyKey, AuditEvent,
    StaffSecondFactor, StaffRecoveryCode,
  };
}

export type Models = ReturnType<typeof defineModels>;
