import type { Request, Response } from 'express';
import type { AppContext } from '../platform/context';
import type { RouteDef } from '../platform/http/routes';
import { assertPeerKey, handleDownloadProgressInfo, handleServiceOrderEvent, HandleDownloadProgressInfoBody, ServiceOrderStateChangeEvent } from './inbound';

/**
 * What the peers call: the SM-DP+'s ES2+ HandleDownloadProgressInfo and the network's TMF641
 * listener. `public` to the session guard, since their own key (PEER_INBOUND_KEYS, never an intake
 * key) is checked first thing in the handler.
 */
export function peerRoutes(ctx: AppContext): RouteDef[] {
  return [
    {
      method: 'post', path: '/peers/es2plus/handleDownloadProgressInfo', access: 'public',
      doc: {
        operationId: 'es2plusHandleDownloadProgressInfo', tag: 'peers', summary: 'ES2+ HandleDownloadProgressInfo: a device installed, enabled, disabled or deleted a profile',
        description: 'SGP.22 ES2+ from the SM-DP+, with a peer key (Authorization: Bearer, or X-API-Key). A delete (notification point 7) clears the profile from the device as POST /api/intake/profile-events does; an install or enable of a terminated profile is not applied but recorded as an incident.',
        body: HandleDownloadProgressInfoBody, ok: { status: 204, description: 'Received' }, errors: ['unauthenticated', 'not_found'],
      },
      handler: async (req: Request, res: Response) => {
        assertPeerKey(ctx, req);
        await handleDownloadProgressInfo(ctx, HandleDownloadProgressInfoBody.parse(req.body ?? {}));
        res.status(204).end();
      },
    },
    {
      method: 'post', path: '/peers/tmf641/listener', access: 'public',
      doc: {
        operationId: 'tmf641Listener', tag: 'peers', summary: 'TMF641 listener: a ServiceOrderStateChangeEvent from the network',
        description: 'Registered at the network’s /hub with the peer key in its query (`?key=`). A `completed` order confirms the termination command it was made for.',
        body: ServiceOrderStateChangeEvent, ok: { status: 204, description: 'Received' }, errors: ['unauthenticated'],
      },
      handler: async (req: Request, res: Response) => {
        assertPeerKey(ctx, req);
        await handleServiceOrderEvent(ctx, ServiceOrderStateChangeEvent.parse(req.body ?? {}));
        res.status(204).end();
      },
    },
  ];
}
