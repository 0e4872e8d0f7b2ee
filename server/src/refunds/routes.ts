import type { AppContext } from '../platform/context';
import { parseId } from '../platform/http/list-resource';
import type { RouteDef } from '../platform/http/routes';
import { idempotencyScope, idempotent, readIdempotencyKey } from '../platform/http/idempotency';
import { z } from 'zod';
import { CURRENCIES, RefundAnswer, RefundThresholdAnswer } from '@closure-desk/shared';
import { getRefundThreshold } from '../platform/settings-store';
import { ApproveRefundBody, decideRefund, RejectRefundBody } from './decide-refund';
import { recordRefund, RecordRefundBody } from './record-refund';

export function refundRoutes(ctx: AppContext): RouteDef[] {
  return [
    {
      // Everyone who records refunds reads the threshold the refund dialog states; only admins change it (settings).
      method: 'get', path: '/refund-thresholds/:currency', access: ['agent', 'supervisor', 'admin', 'auditor'],
      doc: {
        operationId: 'getRefundThreshold', summary: 'The refund approval threshold that applies in one currency', tag: 'refunds',
        params: { currency: z.enum(CURRENCIES) },
        ok: { status: 200, description: 'The currency and its threshold in minor units', schema: RefundThresholdAnswer },
      },
      handler: async (req) => {
        const currency = z.enum(CURRENCIES).parse(req.params.currency);
        return { currency, threshold: await getRefundThreshold(ctx.models, currency) };
      },
    },
    {
      method: 'post', path: '/refunds', access: ['agent', 'supervisor'],
      doc: {
        operationId: 'recordRefund', summary: 'Record a refund of an approved request’s cash balance', tag: 'refunds',
        description: 'A refund that takes the request’s refunds above the threshold of the account’s currency (setting refundApprovalThreshold<CODE>, '
          + 'else refundApprovalThreshold) waits for another supervisor (status pending_approval).',
        body: RecordRefundBody, idempotent: true,
        bodyExample: { closureRequestId: 1, amount: 12000, method: 'bank_transfer', payoutReference: 'PAY-0001' },
        ok: {
          status: 201, description: 'The refund, recorded or waiting for approval (or the first answer again)', schema: RefundAnswer,
          links: {
            Approve: { operationId: 'approveRefund', parameters: { id: '$response.body#/id' }, description: 'A pending refund is approved by its id' },
            Reject: { operationId: 'rejectRefund', parameters: { id: '$response.body#/id' }, description: 'A pending refund is rejected by its id' },
          },
        },
        errors: ['not_found', 'invalid_transition', 'exceeds_refundable', 'idempotency_conflict'],
      },
      handler: async (req, res) => {
        const key = readIdempotencyKey(req.get('idempotency-key'));
        // Validated before it is hashed: nothing walks a body its schema has not accepted.
        const body = RecordRefundBody.parse(req.body ?? {});
        const answer = await idempotent(ctx, idempotencyScope(`staff:${req.ctx.actor!.id}`, req), key, req.body, async (tx) => ({
          status: 201,
          body: await recordRefund(ctx, tx, req.ctx, body),
        }));
        if (answer.replayed) res.setHeader('Idempotent-Replayed', 'true');
        res.status(answer.status).json(answer.body);
      },
    },
    {
      method: 'post', path: '/refunds/:id/actions/approve', access: ['supervisor'],
      doc: {
        operationId: 'approveRefund', summary: 'Approve a refund waiting for approval', tag: 'refunds',
        body: ApproveRefundBody, bodyOptional: true,
        ok: { status: 200, description: 'The refund, recorded', schema: RefundAnswer },
        errors: ['same_person', 'invalid_transition', 'exceeds_refundable', 'version_conflict'],
      },
      handler: (req) => decideRefund(ctx, req.ctx, parseId(req.params.id), 'approve', req.body),
    },
    {
      method: 'post', path: '/refunds/:id/actions/reject', access: ['supervisor'],
      doc: {
        operationId: 'rejectRefund', summary: 'Reject a refund waiting for approval', tag: 'refunds',
        body: RejectRefundBody, bodyExample: { note: 'Wrong account' },
        ok: { status: 200, description: 'The refund, rejected', schema: RefundAnswer },
        errors: ['same_person', 'invalid_transition', 'version_conflict'],
      },
      handler: (req) => decideRefund(ctx, req.ctx, parseId(req.params.id), 'reject', req.body),
    },
  ];
}
