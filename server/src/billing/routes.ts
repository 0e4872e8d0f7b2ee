import type { AppContext } from '../platform/context';
import { parseId } from '../platform/http/list-resource';
import type { RouteDef } from '../platform/http/routes';
import { BillAnswer } from '@closure-desk/shared';
import { WaiveBody, waiveBill } from './waive-bill';

export function billingRoutes(ctx: AppContext): RouteDef[] {
  return [
    {
      method: 'post', path: '/bills/:id/actions/waive', access: ['supervisor'],
      doc: {
        operationId: 'waiveBill', summary: 'Waive what is left of a bill', tag: 'billing',
        body: WaiveBody, bodyExample: { reason: 'Goodwill on closure' },
        ok: { status: 200, description: 'The bill, waived', schema: BillAnswer },
        errors: ['invalid_transition'],
      },
      handler: (req) => waiveBill(ctx, req.ctx, parseId(req.params.id), req.body),
    },
  ];
}
