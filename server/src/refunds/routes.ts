import type { AppContext } from '../platform/context';
import { parseId } from '../platform/http/list-resource';
import type { RouteDef } from '../platform/http/routes';
import { idempotencyScope, idempotent, readIdempotencyKey } from '../intake/idempotency';
import { decideRefund } from './decide-refund';
import { recordRefund, RecordRefundBody } from './record-refund';

export function refundRoutes(ctx: AppContext): RouteDef[] {
  return [
    {
      method: 'post', path: '/refunds', access: ['agent', 'supervisor'],
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
      handler: (req) => decideRefund(ctx, req.ctx, parseId(req.params.id), 'approve', req.body),
    },
    {
      method: 'post', path: '/refunds/:id/actions/reject', access: ['supervisor'],
      handler: (req) => decideRefund(ctx, req.ctx, parseId(req.params.id), 'reject', req.body),
    },
  ];
}
