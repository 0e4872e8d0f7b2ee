/**
 * Bodies of `POST /api/closure-requests/<id>/actions/<action>` (API.md's actions table).
 * Strict objects: an unknown field is a 400, never silently dropped.
 */
import { z } from 'zod';
import { INT32_MAX, RecordId } from './ids';
import type { ClosureAction } from '../closure-workflow';
import { BALANCE_DECISIONS, REJECT_REASON_CODES, VERIFICATION_METHODS } from '../domain';
import { CalendarDate } from './calendar-date';
import { NoteText, OptionalNoteText } from './text';

/** The request's version as the caller last saw it. */
export const Version = z.number().int().nonnegative().max(INT32_MAX);

export const ClaimActionBody = z.strictObject({ version: Version });
export type ClaimActionBody = z.infer<typeof ClaimActionBody>;

export const AssignActionBody = z.strictObject({ version: Version, assigneeId: RecordId });
export type AssignActionBody = z.infer<typeof AssignActionBody>;

/** `message` is sent to the customer. */
export const RequestInfoActionBody = z.strictObject({ version: Version, message: NoteText });
export type RequestInfoActionBody = z.infer<typeof RequestInfoActionBody>;

export const ResumeActionBody = z.strictObject({ version: Version, note: OptionalNoteText });
export type ResumeActionBody = z.infer<typeof ResumeActionBody>;

export const VerifyIdentityActionBody = z.strictObject({
  version: Version,
  method: z.enum(VERIFICATION_METHODS),
  note: NoteText,
});
export type VerifyIdentityActionBody = z.infer<typeof VerifyIdentityActionBody>;

export const ApproveActionBody = z.strictObject({
  version: Version,
  balanceDecision: z.enum(BALANCE_DECISIONS),
  effectiveDate: CalendarDate,
  note: OptionalNoteText,
});
export type ApproveActionBody = z.infer<typeof ApproveActionBody>;

export const RejectActionBody = z.strictObject({
  version: Version,
  reasonCode: z.enum(REJECT_REASON_CODES),
  note: NoteText,
});
export type RejectActionBody = z.infer<typeof RejectActionBody>;

export const WithdrawActionBody = z.strictObject({ version: Version, note: NoteText });
export type WithdrawActionBody = z.infer<typeof WithdrawActionBody>;

export const CompleteActionBody = z.strictObject({ version: Version });
export type CompleteActionBody = z.infer<typeof CompleteActionBody>;

export const ReopenActionBody = z.strictObject({ version: Version, note: NoteText });
export type ReopenActionBody = z.infer<typeof ReopenActionBody>;

/** A supervisor sends the failed termination commands again, with the same identifiers. */
export const RetryTerminationActionBody = z.strictObject({ version: Version, note: OptionalNoteText });
export type RetryTerminationActionBody = z.infer<typeof RetryTerminationActionBody>;

/** The body schema of each action; a route validates with `CLOSURE_ACTION_BODIES[action]`. */
export const CLOSURE_ACTION_BODIES = {
  claim: ClaimActionBody,
  assign: AssignActionBody,
  'request-info': RequestInfoActionBody,
  resume: ResumeActionBody,
  'verify-identity': VerifyIdentityActionBody,
  approve: ApproveActionBody,
  reject: RejectActionBody,
  withdraw: WithdrawActionBody,
  complete: CompleteActionBody,
  reopen: ReopenActionBody,
  'retry-termination': RetryTerminationActionBody,
} as const satisfies Record<ClosureAction, z.ZodType>;

export type ClosureActionBodies = { [A in ClosureAction]: z.infer<(typeof CLOSURE_ACTION_BODIES)[A]> };
export type ClosureActionBody<A extends ClosureAction = ClosureAction> = ClosureActionBodies[A];
