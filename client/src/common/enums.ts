import {
  BALANCE_DECISIONS,
  BILL_STATUSES,
  BUCKETS,
  CHANNELS,
  CLOSURE_STATUSES,
  CURRENCIES,
  CUSTOMER_STATUSES,
  DEVICE_STATES,
  ID_DOCUMENT_TYPES,
  LEDGER_KINDS,
  LOCALES,
  NETWORK_STATES,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_STATUSES,
  REASON_CODES,
  REFUND_METHODS,
  REFUND_STATUSES,
  REJECT_REASON_CODES,
  ROLES,
  VERIFICATION_METHODS,
} from '@closure-desk/shared';

/**
 * Every enumeration of shared/domain.ts the console displays, by the name of its
 * translation group: the label of `in_review` is `enums.closureStatus.in_review`.
 */
export const ENUMS = {
  role: ROLES,
  channel: CHANNELS,
  verificationMethod: VERIFICATION_METHODS,
  closureStatus: CLOSURE_STATUSES,
  reasonCode: REASON_CODES,
  rejectReasonCode: REJECT_REASON_CODES,
  balanceDecision: BALANCE_DECISIONS,
  customerStatus: CUSTOMER_STATUSES,
  locale: LOCALES,
  currency: CURRENCIES,
  idDocumentType: ID_DOCUMENT_TYPES,
  billStatus: BILL_STATUSES,
  ledgerKind: LEDGER_KINDS,
  bucket: BUCKETS,
  deviceState: DEVICE_STATES,
  networkState: NETWORK_STATES,
  refundMethod: REFUND_METHODS,
  refundStatus: REFUND_STATUSES,
  notificationChannel: NOTIFICATION_CHANNELS,
  notificationStatus: NOTIFICATION_STATUSES,
} as const;

export type EnumName = keyof typeof ENUMS;

/** The shape each language file must give: one label per value, checked by the compiler. */
export type EnumLabels = { [K in EnumName]: Record<(typeof ENUMS)[K][number], string> };

export const enumLabelKey = (name: EnumName, value: string): string => `enums.${name}.${value}`;

/** Choices for SelectInput; react-admin translates the `name` keys. */
export const enumChoices = (name: EnumName) =>
  ENUMS[name].map((id: string) => ({ id, name: enumLabelKey(name, id) }));

type ChipColor = 'default' | 'primary' | 'secondary' | 'error' | 'info' | 'success' | 'warning';

/** Colours of the status chips; values not listed are neutral. */
export const ENUM_COLORS: Partial<{ [K in EnumName]: Partial<Record<(typeof ENUMS)[K][number], ChipColor>> }> = {
  closureStatus: {
    submitted: 'info',
    in_review: 'primary',
    awaiting_customer: 'warning',
    approved: 'secondary',
    // the peers are terminating the profiles: on its way, not yet done
    closing: 'info',
    completed: 'success',
    rejected: 'error',
  },
  customerStatus: { active: 'success' },
  billStatus: { open: 'info', overdue: 'error', paid: 'success', disputed: 'warning' },
  deviceState: { installed: 'warning' },
  networkState: { active: 'success', suspended: 'warning' },
  refundStatus: { recorded: 'success', pending_approval: 'warning', rejected: 'error' },
  notificationStatus: { pending: 'info', sent: 'success', failed: 'error' },
};

export const enumColor = (name: EnumName, value: string): ChipColor =>
  (ENUM_COLORS[name] as Record<string, ChipColor> | undefined)?.[value] ?? 'default';
