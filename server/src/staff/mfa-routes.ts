import type { AppContext } from '../platform/context';
import { ALL_STAFF, type RouteDef } from '../platform/http/routes';
import { z } from 'zod';
import { RecoveryCodesAnswer, TotpSetupAnswer } from '@closure-desk/shared';
import { confirmTotp, ConfirmTotpBody, disableTotp, DisableTotpBody, setupTotp } from './second-factor';

/** A staff member's own second factor (API.md "Second factor"). Setup and confirm stay open to an account that must enrol. */
export function mfaRoutes(ctx: AppContext): RouteDef[] {
  return [
    {
      method: 'post', path: '/auth/mfa/totp/setup', access: ALL_STAFF, duringMfaEnrolment: true,
      doc: {
        operationId: 'setupTotp', summary: 'Start enrolling an authenticator app: a new pending secret', tag: 'auth',
        body: z.object({}).describe('no fields are read'), bodyOptional: true,
        ok: { status: 200, description: 'The pending secret and its otpauth URL', schema: TotpSetupAnswer },
        errors: ['precondition_failed'],
      },
      handler: (req) => setupTotp(ctx, req.ctx),
    },
    {
      method: 'post', path: '/auth/mfa/totp/confirm', access: ALL_STAFF, duringMfaEnrolment: true,
      doc: {
        operationId: 'confirmTotp', summary: 'Confirm the pending secret with a code from the app; answers the recovery codes once', tag: 'auth',
        body: ConfirmTotpBody, bodyExample: { code: '123456' },
        ok: { status: 200, description: 'The second factor is on; ten single-use recovery codes', schema: RecoveryCodesAnswer },
        errors: ['precondition_failed'],
      },
      handler: (req) => confirmTotp(ctx, req.ctx, req.body),
    },
    {
      method: 'post', path: '/auth/mfa/totp/disable', access: ALL_STAFF,
      doc: {
        operationId: 'disableTotp', summary: 'Turn the second factor off, with the password and a code', tag: 'auth',
        body: DisableTotpBody, bodyExample: { password: 'the current passphrase', code: '123456' },
        ok: { status: 204, description: 'Turned off' },
        errors: ['precondition_failed', 'rate_limited'],
      },
      handler: async (req, res) => {
        await disableTotp(ctx, req.ctx, req.body);
        res.status(204).end();
      },
    },
  ];
}
