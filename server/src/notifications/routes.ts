import type { AppContext } from '../platform/context';
import { parseId } from '../platform/http/list-resource';
import type { RouteDef } from '../platform/http/routes';
import { notificationResource } from './resources';
import { z } from 'zod';
import { NotificationAnswer } from '@closure-desk/shared';
import { retryNotification } from './retry-notification';

/** The notifications' commands; the list and show routes come from resources.ts. */
export function notificationRoutes(ctx: AppContext): RouteDef[] {
  const { toApi } = notificationResource(ctx);
  return [
    {
      method: 'post',
      path: '/notifications/:id/actions/retry',
      access: ['agent', 'supervisor'],
      doc: {
        operationId: 'retryNotification', summary: 'Send a failed notification again', tag: 'notifications',
        body: z.object({}).describe('no fields are read'), bodyOptional: true,
        ok: { status: 200, description: 'The notification, pending again', schema: NotificationAnswer },
        errors: ['invalid_transition'],
      },
      handler: async (req) => toApi(await retryNotification(ctx, req.ctx, parseId(req.params.id))),
    },
  ];
}
