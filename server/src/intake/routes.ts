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
import type { z } from 'zod';

/** The caller's key, hashed: idempotency keys are scoped per calling system, never shared. */
const callerScope = (req: Request) =>
  createHash('sha256').update(req.get('authorization') ?? '').digest('hex').slice(0, 16);

function intake<S extends z.ZodType>(
  ctx: AppContext, path: string, schema: S, work: (req: Request, body: z.output<S>, tx: Transaction) => Promise<StoredAnswer>,
): RouteDef {
  return {
    method: 'post',
    path: `/intake${path}`,
    access: 'intake',
    handler: async (req: Request, res: Response) => {
      await enforceIntakeRateLimit(ctx, req);
      const key = readIdempotencyKey(req.get('idempotency-key'));
      // Validated before it is hashed: nothing walks a body its schema has not accepted.
      const body = schema.parse(req.body ?? {});
      // Scoped by the route pattern, not the path as spelt. A route's parameters (a :reference) are
      // part of what the key stands for: the same key on another reference is 409 idempotency_conflict.
      const scope = idempotencyScope(`intake:${callerScope(req)}`, req);
      const request = Object.keys(req.params).length > 0 ? { params: req.params, body: req.body ?? null } : req.body;
      const answer = await idempotent(ctx, scope, key, request, (tx) => work(req, body, tx));
      if (answer.replayed) res.setHeader('Idempotent-Replayed', 'true');
      res.status(answer.status).json(answer.body);
    },
  };
}

export function intakeRoutes(ctx: AppContext): RouteDef[] {
  const document = intakeOpenApi();
  return [
    { method: 'get', path: '/intake/openapi.json', access: 'public', handler: () => document },
    intake(ctx, '/closure-requests', IntakeClosureBody, async (req, body, tx) => {
      const customer = await ctx.models.Customer.findOne({ where: { accountNo: body.accountNo }, raw: true, transaction: tx });
      if (!customer) throw notFound('Account');
      const created = await createClosureRequest(ctx, tx, req.ctx, {
        customerId: customer.id as number, channel: 'app', reasonCode: body.reasonCode, reasonText: body.reasonText,
        verificationMethod: 'app_login', identityVerified: true, requestedEffectiveDate: body.requestedEffectiveDate ?? null,
      });
      return { status: 201, body: created };
    }),
    intake(ctx, '/closure-requests/:reference/withdraw', IntakeWithdrawBody, async (req, body, tx) => ({
      status: 200, body: await withdrawByCustomer(ctx, tx, req.ctx, String(req.params.reference), body.note ?? null),
    })),
    intake(ctx, '/bill-payments', BillPaymentBody, async (req, body, tx) => ({
      status: 200, body: await applyBillPayment(ctx, tx, req.ctx, body),
    })),
    intake(ctx, '/profile-events', ProfileEventBody, async (req, body, tx) => ({
      status: 200, body: await applyProfileEvent(ctx, tx, req.ctx, body),
    })),
  ];
}
