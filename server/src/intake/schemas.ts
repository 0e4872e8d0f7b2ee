import { z } from 'zod';
import { CalendarDate, CHANNELS, CLOSURE_STATUSES, ERROR_CODES, OptionalNoteText, REASON_CODES } from '@closure-desk/shared';

/** Bodies the provider's other systems send; strict, so a typo is a 400 rather than ignored. */
export const IntakeClosureBody = z.strictObject({
  accountNo: z.string().min(1).max(32),
  reasonCode: z.enum(REASON_CODES),
  reasonText: OptionalNoteText,
  requestedEffectiveDate: CalendarDate.optional(),
});
export type IntakeClosureBody = z.infer<typeof IntakeClosureBody>;

export const IntakeWithdrawBody = z.strictObject({ note: OptionalNoteText });

/** What the intake endpoints answer, described for the OpenAPI document and checked by its test. */
export const ClosureRequestAnswer = z.object({
  id: z.number().int(),
  reference: z.string(),
  customerId: z.number().int(),
  customerName: z.string().nullable(),
  accountNo: z.string().nullable(),
  channel: z.enum(CHANNELS),
  status: z.enum(CLOSURE_STATUSES),
  reasonCode: z.string(),
  reasonText: z.string().nullable(),
  identityVerified: z.boolean(),
  verificationMethod: z.string().nullable(),
  assigneeId: z.number().int().nullable(),
  assigneeName: z.string().nullable(),
  submittedAt: z.string(),
  dueAt: z.string(),
  overdue: z.boolean(),
  requestedEffectiveDate: z.string().nullable(),
  effectiveDate: z.string().nullable(),
  balanceDecision: z.string().nullable(),
  rejectReasonCode: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  version: z.number().int(),
});

export const BillAnswer = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  billNo: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  amountDue: z.number().int(),
  amountPaid: z.number().int(),
  outstanding: z.number().int(),
  currency: z.string().length(3),
  dueDate: z.string(),
  status: z.enum(['open', 'overdue', 'paid', 'waived', 'disputed']),
  waivedReason: z.string().nullable(),
});

export const ProfileAnswer = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  iccid: z.string(),
  msisdn: z.string().nullable(),
  eid: z.string().nullable(),
  deviceModel: z.string().nullable(),
  deviceState: z.enum(['installed', 'deleted', 'none']),
  networkState: z.enum(['active', 'suspended', 'terminated']),
  terminatedAt: z.string().nullable(),
  quarantineUntil: z.string().nullable(),
  updatedAt: z.string().nullable(),
});

export const ErrorAnswer = z.object({
  message: z.string(),
  code: z.enum(ERROR_CODES as [string, ...string[]]),
  details: z.array(z.unknown()).optional(),
});
