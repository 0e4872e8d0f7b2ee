import type { AppContext } from '../platform/context';
import { registerListener } from './tmf641-client';
import type { PeerEndpoints } from './peers-config';

/** Our listener's address as the network calls it; the inbound key rides in the query (TMF641 hubs carry no headers). */
export async function registerTmfListener(ctx: AppContext, endpoints: PeerEndpoints, baseUrl: string): Promise<string> {
  const key = ctx.config.peerInboundKeys[0];
  const callback = `${baseUrl.replace(/\/+$/, '')}/api/peers/tmf641/listener${key ? `?key=${encodeURIComponent(key)}` : ''}`;
  const id = await registerListener(endpoints.tmf641, callback, AbortSignal.timeout(5000));
  ctx.logger.info({ listener: id }, 'TMF641 listener registered');
  return id;
}
