import { z } from 'zod';
import { CalendarDate, NoteText, OptionalNoteText, REASON_CODES } from '@closure-desk/shared';

/** Bodies the provider's other systems send; strict, so a typo is a 400 rather than ignored. */
export const IntakeClosureBody = z.strictObject({
  accountNo: z.string().min(1).max(32),
  reasonCode: z.enum(REASON_CODES),
  reasonText: OptionalNoteText,
  requestedEffectiveDate: CalendarDate.optional(),
});
export type IntakeClosureBody = z.infer<typeof IntakeClosureBody>;

export const IntakeWithdrawBody = z.strictObject({ note: OptionalNoteText });

/** The customer's own words for the appeal (申诉). */
export const IntakeAppealBody = z.strictObject({ text: NoteText });

/** The customer's answer to a request for information. */
export const IntakeAnswerBody = z.strictObject({ text: NoteText });

/** What the intake endpoints answer: the shared answer schemas (shared/src/schemas/answers.ts). */
export { BillAnswer, ClosureRequestAnswer, ErrorAnswer, ProfileAnswer } from '@closure-desk/shared';
