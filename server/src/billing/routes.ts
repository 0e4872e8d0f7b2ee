import type { AppContext } from '../platform/context';
import { parseId } from '../platform/http/list-resource';
import type { RouteDef } from '../platform/http/routes';
import { waiveBill } from './waive-bill';

export function billingRoutes(ctx: AppContext): RouteDef[] {
  return [
    {
      method: 'post', path: '/bills/:id/actions/waive', access: ['supervisor'],
      handler: (req) => waiveBill(ctx, req.ctx, parseId(req.params.id), req.body),
    },
  ];
}
