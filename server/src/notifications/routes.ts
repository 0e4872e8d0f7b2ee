import type { AppContext } from '../platform/context';
import { parseId } from '../platform/http/list-resource';
import type { RouteDef } from '../platform/http/routes';
import { notificationResource } from './resources';
import { retryNotification } from './retry-notification';

/** The notifications' commands; the list and show routes come from resources.ts. */
export function notificationRoutes(ctx: AppContext): RouteDef[] {
  const { toApi } = notificationResource(ctx);
  return [
    {
      method: 'post',
      path: '/notifications/:id/actions/retry',
      access: ['agent', 'supervisor'],
      handler: async (req) => toApi(await retryNotification(ctx, req.ctx, parseId(req.params.id))),
    },
  ];
}
