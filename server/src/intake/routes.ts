import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import type { AppContext } from '../platform/context';
import { notFound } from '../platform/errors';
import type { RouteDef } from '../platform/http/routes';
import { applyBillPayment, BillPaymentBody } from '../billing/apply-payment';
import { createClosureRequest } from '../closures/create-closure-request';
import { withdrawByCustomer } from '../closures/withdraw-by-customer';
import { applyProfileEvent, ProfileEventBody } from '../customers/apply-profile-event';
import { idempotencyScope, idempotent, readIdempotencyKey, type StoredAnswer } from './idempotency';
import { intakeOpenApi } from './openapi';
import { enforceIntakeRateLimit } from './rate-limit';
import { IntakeClosureBody, IntakeWithdrawBody } from './schemas';
import type { Transaction } from 'sequelize';

/** The caller's key, hashed: idempotency keys are scoped per calling system, never shared. */
const callerScope = (req: Request) =>
  createHash('sha256').update(req.get('authorization') ?? '').digest('hex').slice(0, 16);

function intake(ctx: AppContext, path: string, work: (req: Request, tx: Transaction) => Promise<StoredAnswer>): RouteDef {
  return {
    method: 'post',
    path: `/intake${path}`,
    access: 'intake',
    handler: async (req: Request, res: Response) => {
      await enforceIntakeRateLimit(ctx, req);
      const key = readIdempotencyKey(req.get('idempotency-key'));
      // Scoped by the route pattern, not the path as spelt. A route's parameters (a :reference) are
      // part of what the key stands for: the same key on another reference is 409 idempotency_conflict.
      const scope = idempotencyScope(`intake:${callerScope(req)}`, req);
      const request = Object.keys(req.params).length > 0 ? { params: req.params, body: req.body ?? null } : req.body;
      const answer = await idempotent(ctx, scope, key, request, (tx) => work(req, tx));
      if (answer.replayed) res.setHeader('Idempotent-Replayed', 'true');
      res.status(answer.status).json(answer.body);
    },
  };
}

export function intakeRoutes(ctx: AppContext): RouteDef[] {
  const document = intakeOpenApi();
  return [
    { method: 'get', path: '/intake/openapi.json', access: 'public', handler: () => document },
    intake(ctx, '/closure-requests', async (req, tx) => {
      const body = IntakeClosureBody.parse(req.body ?? {});
      const customer = await ctx.models.Customer.findOne({ where: { accountNo: body.accountNo }, raw: true, transaction: tx });
      if (!customer) throw notFound('Account');
      const created = await createClosureRequest(ctx, tx, req.ctx, {
        customerId: customer.id as number, channel: 'app', reasonCode: body.reasonCode, reasonText: body.reasonText,
        verificationMethod: 'app_login', identityVerified: true, requestedEffectiveDate: body.requestedEffectiveDate ?? null,
      });
      return { status: 201, body: created };
    }),
    intake(ctx, '/closure-requests/:reference/withdraw', async (req, tx) => {
      const body = IntakeWithdrawBody.parse(req.body ?? {});
      return { status: 200, body: await withdrawByCustomer(ctx, tx, req.ctx, String(req.params.reference), body.note ?? null) };
    }),
    intake(ctx, '/bill-payments', async (req, tx) => ({
      status: 200, body: await applyBillPayment(ctx, tx, req.ctx, BillPaymentBody.parse(req.body ?? {})),
    })),
    intake(ctx, '/profile-events', async (req, tx) => ({
      status: 200, body: await applyProfileEvent(ctx, tx, req.ctx, ProfileEventBody.parse(req.body ?? {})),
    })),
  ];
}
