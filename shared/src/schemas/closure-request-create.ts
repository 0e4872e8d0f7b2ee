/** Body of `POST /api/closure-requests`: an agent or supervisor logs a phone or e-mail request. */
import { z } from 'zod';
import { RecordId } from './ids';
import { CHANNEL_EVIDENCE, REASON_CODES, VERIFICATION_METHODS } from '../domain';
import { OptionalNoteText } from './text';

/** Staff log only these; `app` requests arrive through the intake API. */
export const STAFF_CHANNELS = ['phone', 'email'] as const;
export type StaffChannel = (typeof STAFF_CHANNELS)[number];

export const ClosureRequestCreateBody = z
  .strictObject({
    customerId: RecordId,
    channel: z.enum(STAFF_CHANNELS),
    reasonCode: z.enum(REASON_CODES),
    reasonText: OptionalNoteText,
    verificationMethod: z.enum(VERIFICATION_METHODS),
    // False is allowed: the request can be logged first and verified later with `verify-identity`.
    identityVerified: z.boolean(),
  })
  .refine((body) => body.verificationMethod === CHANNEL_EVIDENCE[body.channel], {
    path: ['verificationMethod'],
    message: 'Does not match the channel: phone needs security_questions, email needs id_document',
  });
export type ClosureRequestCreateBody = z.infer<typeof ClosureRequestCreateBody>;
