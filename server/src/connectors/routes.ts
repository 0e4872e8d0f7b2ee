import type { Request, Response } from 'express';
import type { AppContext } from '../platform/context';
import { z } from 'zod';
import { ALL_STAFF, type RouteDef } from '../platform/http/routes';
import { parseId } from '../platform/http/list-resource';
import { commandsOf } from './repository';

/** One termination command as the request page shows it. */
export const PeerCommandAnswer = z.object({
  id: z.number().int(), iccid: z.string(), peer: z.enum(['smdp', 'network']), kind: z.string(), callId: z.string(),
  status: z.enum(['pending', 'sent', 'confirmed', 'failed']), attempts: z.number().int(), lastError: z.string().nullable(),
  peerReference: z.string().nullable(), confirmedAt: z.string().nullable(), nextAttemptAt: z.string().nullable(),
});
import { Es2plusErrorAnswer, Tmf630ErrorAnswer } from './error-shapes';
import { assertPeerKey, handleDownloadProgressInfo, handleServiceOrderEvent, HandleDownloadProgressInfoBody, ServiceOrderStateChangeEvent } from './inbound';

/**
 * What the peers call: the SM-DP+'s ES2+ HandleDownloadProgressInfo and the network's TMF641
 * listener. `public` to the session guard, since their own key (PEER_INBOUND_KEYS, never an intake
 * key) is checked first thing in the handler.
 */
export function peerRoutes(ctx: AppContext): RouteDef[] {
  return [
    {
      method: 'get', path: '/closure-requests/:id/terminations', access: ALL_STAFF,
      doc: {
        operationId: 'listClosureRequestTerminations', tag: 'closures', summary: 'The termination commands of a closure request, per profile and peer',
        description: 'Empty until complete; then one TMF641 delete per profile and one ES2+ CancelOrder per profile never downloaded, with their status, attempts and last error.',
        ok: { status: 200, description: 'The commands, oldest first', schema: PeerCommandAnswer, array: true },
      },
      handler: async (req: Request) => commandsOf(ctx, parseId(req.params.id as string)),
    },
    {
      method: 'post', path: '/peers/es2plus/handleDownloadProgressInfo', access: 'public',
      doc: {
        operationId: 'es2plusHandleDownloadProgressInfo', tag: 'peers', summary: 'ES2+ HandleDownloadProgressInfo: a device installed, enabled, disabled or deleted a profile',
        description: 'SGP.22 ES2+ from the SM-DP+, with a peer key (Authorization: Bearer, or X-API-Key). A delete (notification point 7) clears the profile from the device as POST /api/intake/profile-events does; an install or enable of a terminated profile is not applied but recorded as an incident. Strict: an unknown field is a 400. Errors answer in ES2+’s shape: `header.functionExecutionStatus` `Failed` with SGP.22 `statusCodeData` (subject 8.1 the call, 8.2.1 the ICCID, 8.1.1 the EID; reason 1.1 unknown requester, 2.1 invalid, 2.2 missing, 3.9 unknown profile).',
        body: HandleDownloadProgressInfoBody, ok: { status: 204, description: 'Received' }, errors: ['unauthenticated', 'not_found'], errorSchema: Es2plusErrorAnswer,
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
        description: 'Registered at the network’s /hub with the peer key in its query (`?key=`). A `completed` order confirms the termination command it was made for. Strict: only TMF641’s Event and ServiceOrder fields. Errors answer in TM Forum’s (TMF630) `Error` shape: `{code, reason, message, status, @type}`.',
        body: ServiceOrderStateChangeEvent, ok: { status: 204, description: 'Received' }, errors: ['unauthenticated'], errorSchema: Tmf630ErrorAnswer,
      },
      handler: async (req: Request, res: Response) => {
        assertPeerKey(ctx, req);
        await handleServiceOrderEvent(ctx, ServiceOrderStateChangeEvent.parse(req.body ?? {}));
        res.status(204).end();
      },
    },
  ];
}
