import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import type { AppContext } from '../platform/context';
import { notFound } from '../platform/errors';
import type { RouteDef } from '../platform/http/routes';
import type { RouteDoc } from '../platform/http/openapi';
import { z } from 'zod';
import { BillAnswer, ClosureRequestAnswer, CustomerStatusAnswer, ProfileAnswer } from '@closure-desk/shared';
import { applyBillPayment, BillPaymentBody } from '../billing';
import { createClosureRequest } from '../closures';
import { withdrawByCustomer } from '../closures';
import { appealRejection } from '../closures';
import { answerByCustomer } from '../closures';
import { customerStatus } from '../closures';
import { applyProfileEvent, findCustomerByAccountNo, ProfileEventBody } from '../customers';
import { idempotencyScope, idempotent, readIdempotencyKey, type StoredAnswer } from '../platform/http/idempotency';
import { intakeOpenApi } from './openapi';
import { enforceIntakeRateLimit } from './rate-limit';
import { IntakeAnswerBody, IntakeAppealBody, IntakeClosureBody, IntakeWithdrawBody } from './schemas';
import type { Transaction } from 'sequelize';

/** The caller's key, hashed: idempotency keys are scoped per calling system, never shared. */
const callerScope = (req: Request) =>
  createHash('sha256').update(req.get('authorization') ?? '').digest('hex').slice(0, 16);

function intake<S extends z.ZodType>(
  ctx: AppContext, path: string, schema: S, doc: RouteDoc,
  work: (req: Request, body: z.output<S>, tx: Transaction) => Promise<StoredAnswer>,
): RouteDef {
  return {
    method: 'post',
    path: `/intake${path}`,
    access: 'intake',
    doc: { ...doc, tag: 'intake', idempotent: true },
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
  const routes = [
    intake(ctx, '/closure-requests', IntakeClosureBody, {
      operationId: 'intakeCreateClosureRequest', summary: 'A customer asks to close the account in the app', tag: 'intake',
      body: IntakeClosureBody, bodyExample: { accountNo: 'A10000001', reasonCode: 'switching_provider' },
      ok: { status: 201, description: 'The request, created (or the first answer again)', schema: ClosureRequestAnswer },
      errors: ['not_found', 'duplicate_open_request', 'account_closed', 'idempotency_conflict'],
    }, async (req, body, tx) => {
      const customer = await findCustomerByAccountNo(ctx, tx, body.accountNo);
      if (!customer) throw notFound('Account');
      const created = await createClosureRequest(ctx, tx, req.ctx, {
        customerId: customer.id, channel: 'app', reasonCode: body.reasonCode, reasonText: body.reasonText,
        verificationMethod: 'app_login', identityVerified: true, requestedEffectiveDate: body.requestedEffectiveDate ?? null,
      });
      return { status: 201, body: created };
    }),
    intake(ctx, '/closure-requests/:reference/withdraw', IntakeWithdrawBody, {
      operationId: 'intakeWithdrawClosureRequest', summary: 'The customer withdraws the request in the app', tag: 'intake',
      body: IntakeWithdrawBody, bodyOptional: true, params: { reference: z.string().min(1).max(200) },
      ok: { status: 200, description: 'The request, withdrawn', schema: ClosureRequestAnswer },
      errors: ['invalid_transition', 'version_conflict', 'idempotency_conflict'],
    }, async (req, body, tx) => ({
      status: 200, body: await withdrawByCustomer(ctx, tx, req.ctx, String(req.params.reference), body.note ?? null),
    })),
    intake(ctx, '/closure-requests/:reference/appeal', IntakeAppealBody, {
      operationId: 'intakeAppealClosureRequest', summary: 'The customer appeals a rejection (申诉): a new request linked to it', tag: 'intake',
      description: 'Within the appealDays setting of the rejection. The appeal is decided by a supervisor who did not decide the rejected request.',
      body: IntakeAppealBody, bodyExample: { text: 'I have paid the bill since; please look again.' }, params: { reference: z.string().min(1).max(200) },
      ok: { status: 201, description: 'The appeal, a new request (or the first answer again)', schema: ClosureRequestAnswer },
      errors: ['invalid_transition', 'appeal_window_closed', 'duplicate_open_request', 'account_closed', 'idempotency_conflict'],
    }, async (req, body, tx) => ({
      status: 201, body: await appealRejection(ctx, tx, req.ctx, String(req.params.reference), body.text),
    })),
    intake(ctx, '/closure-requests/:reference/answer', IntakeAnswerBody, {
      operationId: 'intakeAnswerClosureRequest', summary: 'The customer answers the request for information in the app', tag: 'intake',
      description: 'The request goes back to in_review and its dueAt moves later by the time waited for the answer.',
      body: IntakeAnswerBody, bodyExample: { text: 'The eSIM is on my iPhone 15.' }, params: { reference: z.string().min(1).max(200) },
      ok: { status: 200, description: 'The request, back in review', schema: ClosureRequestAnswer },
      errors: ['invalid_transition', 'version_conflict', 'idempotency_conflict'],
    }, async (req, body, tx) => ({
      status: 200, body: await answerByCustomer(ctx, tx, req.ctx, String(req.params.reference), body.text),
    })),
    intake(ctx, '/bill-payments', BillPaymentBody, {
      operationId: 'intakeRecordBillPayment', summary: 'The billing system reports a payment', tag: 'intake',
      body: BillPaymentBody,
      ok: { status: 200, description: 'The bill after the payment', schema: BillAnswer },
      errors: ['not_found', 'invalid_transition', 'precondition_failed', 'idempotency_conflict'],
    }, async (req, body, tx) => ({
      status: 200, body: await applyBillPayment(ctx, tx, req.ctx, body),
    })),
    intake(ctx, '/profile-events', ProfileEventBody, {
      operationId: 'intakeRecordProfileEvent', summary: 'The eSIM platform reports a profile deleted or installed', tag: 'intake',
      body: ProfileEventBody,
      ok: { status: 200, description: 'The profile after the event', schema: ProfileAnswer },
      errors: ['not_found', 'idempotency_conflict'],
    }, async (req, body, tx) => ({
      status: 200, body: await applyProfileEvent(ctx, tx, req.ctx, body),
    })),
  ];
  routes.push({
    method: 'get', path: '/intake/closure-requests/:reference', access: 'intake',
    doc: {
      operationId: 'intakeGetClosureRequestStatus', summary: 'Where a request stands, as the customer’s app shows it', tag: 'intake',
      description: 'No staff names, no internal notes, nothing masked. No Idempotency-Key: it changes nothing.',
      params: { reference: z.string().min(1).max(200) },
      ok: { status: 200, description: 'The request’s status and steps', schema: CustomerStatusAnswer },
    },
    handler: async (req) => {
      await enforceIntakeRateLimit(ctx, req);
      return customerStatus(ctx, String(req.params.reference));
    },
  });
  const document = intakeOpenApi(routes);
  return [
    {
      method: 'get', path: '/intake/openapi.json', access: 'public', handler: () => document,
      doc: {
        operationId: 'getIntakeOpenApi', summary: 'The intake API’s OpenAPI 3.1 document', tag: 'ops',
        ok: { status: 200, description: 'The intake slice of /api/openapi.json', media: { 'application/json': { type: 'object' } } },
      },
    },
    ...routes,
  ];
}
