import type { AuditAction, AuditEntityType, ErrorCode, NotificationTemplateCode } from '@closure-desk/shared';

/**
 * The words of every code a person can see that is not an enumeration of domain.ts (those are in
 * enums*.ts): audit actions, the entity types they concern, notification templates, and error codes (the
 * checklist's checks are `app.checks`). One catalogue per language, under `codes.` in the messages; the compiler
 * wants one text per code, and client/test/catalogues.test.ts proves it against shared's lists.
 */
export type CodeLabels = {
  /** Keys are dotted (`closure.approve`): Polyglot joins nested keys with dots, so they resolve as written. */
  auditAction: Record<AuditAction, string>;
  entityType: Record<AuditEntityType, string>;
  template: Record<NotificationTemplateCode, string>;
  errorCode: Record<ErrorCode, string>;
};

export const codeKey = (group: keyof CodeLabels, code: string): string => `codes.${group}.${code}`;
