/**
 * The codes a person can see that are not enumerations of domain.ts: audit actions, the entity
 * types they concern, and notification templates. The console words every one of them in each
 * language (client/src/i18n/codes*.ts, checked complete by client/test/catalogues.test.ts); the
 * server's audit writer and notification templates are typed by these lists, so a new code cannot
 * be written without being added here, and then not without words.
 */
import { CLOSURE_ACTIONS } from './closure-workflow';

export const AUDIT_ACTIONS = [
  'closure.submitted',
  ...CLOSURE_ACTIONS.map((a) => `closure.${a}` as const),
  'closure.release',
  'closure.note',
  'closure.export',
  'closure.evidence_pack',
  'closure.customer-answer',
  'closure.info-reminder',
  'closure.termination-confirmed',
  'peer.command-failed',
  'peer.command-retried',
  'incident.reactivation-refused',
  'attachment.upload',
  'attachment.view',
  'refund.record',
  'refund.request_approval',
  'refund.approve',
  'refund.reject',
  'bill.payment',
  'bill.waive',
  'customer.reveal',
  'customer.close',
  'esim.installed',
  'esim.deleted',
  'notification.retry',
  'setting.update',
  'setting.propose',
  'setting.approve',
  'setting.reject',
  'staff.create',
  'staff.update',
  'staff.reset_password',
  'auth.login',
  'auth.login_failed',
  'auth.login_burst',
  'auth.lockout',
  'auth.logout',
  'auth.enrol',
  'auth.password_change',
  'auth.password_change_failed',
  'auth.session_ended',
  'auth.sessions_ended',
  'auth.mfa_enrolled',
  'auth.mfa_disabled',
  'auth.mfa_disable_failed',
  'auth.mfa_recovery_code_used',
  'audit.export',
  'audit.checkpoint',
  'audit.tree_checkpoint',
  'retention.anonymise',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ENTITY_TYPES = [
  'closure_request',
  'attachment',
  'refund',
  'bill',
  'customer',
  'esim_profile',
  'peer_command',
  'notification',
  'setting',
  'staff_user',
  'audit_chain',
  'audit_event',
  'audit_tree',
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

/** Every message the customer (or, for `staff_*`, a staff member) can be sent. */
export const NOTIFICATION_TEMPLATE_CODES = [
  'closure_received',
  'info_requested',
  'closure_approved',
  'closure_rejected',
  'closure_withdrawn',
  'closure_completed',
  'refund_recorded',
  'info_reminder',
  'closure_withdrawn_no_answer',
  'staff_invited',
  'staff_password_reset',
] as const;
export type NotificationTemplateCode = (typeof NOTIFICATION_TEMPLATE_CODES)[number];
