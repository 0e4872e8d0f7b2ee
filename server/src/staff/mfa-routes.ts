import type { AppContext } from '../platform/context';
import { ALL_STAFF, type RouteDef } from '../platform/http/routes';
import { confirmTotp, disableTotp, setupTotp } from './second-factor';

/** A staff member's own second factor (API.md "Second factor"). Setup and confirm stay open to an account that must enrol. */
export function mfaRoutes(ctx: AppContext): RouteDef[] {
  return [
    {
      method: 'post', path: '/auth/mfa/totp/setup', access: ALL_STAFF, duringMfaEnrolment: true,
      handler: (req) => setupTotp(ctx, req.ctx),
    },
    {
      method: 'post', path: '/auth/mfa/totp/confirm', access: ALL_STAFF, duringMfaEnrolment: true,
      handler: (req) => confirmTotp(ctx, req.ctx, req.body),
    },
    {
      method: 'post', path: '/auth/mfa/totp/disable', access: ALL_STAFF,
      handler: async (req, res) => {
        await disableTotp(ctx, req.ctx, req.body);
        res.status(204).end();
      },
    },
  ];
}
