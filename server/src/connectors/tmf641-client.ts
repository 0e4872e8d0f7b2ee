import type { PeerEndpoints } from './peers-config';
import type { PeerAnswer } from './es2plus-client';

const BASE = '/tmf-api/serviceOrdering/v4';
interface Order { id?: string; state?: string; completionDate?: string; note?: { text?: string }[] }

const root = (peer: PeerEndpoints['tmf641']) => peer.url.replace(/\/+$/, '');
const headers = (peer: PeerEndpoints['tmf641']) => ({ 'content-type': 'application/json', authorization: `Bearer ${peer.token}` });

/** An order's state as the command's next step: completed (confirmed), still moving (sent), or failed. */
export function orderAnswer(order: Order): PeerAnswer {
  if (!order.id) return { outcome: 'error', error: 'network answered an order without an id' };
  if (order.state === 'completed') return { outcome: 'confirmed', reference: order.id, at: order.completionDate ? new Date(order.completionDate) : new Date() };
  if (order.state === 'failed' || order.state === 'partial' || order.state === 'rejected' || order.state === 'cancelled') {
    return { outcome: 'error', error: `network order ${order.id} ${order.state}${order.note?.[0]?.text ? `: ${order.note[0].text}` : ''}` };
  }
  return { outcome: 'sent', reference: order.id };
}

async function problem(res: Response): Promise<string> {
  const b = (await res.json().catch(() => null)) as { code?: string; reason?: string; message?: string } | null;
  return `network answered HTTP ${res.status}${b?.reason ? ` ${b.reason}` : ''}${b?.message ? `: ${b.message}` : ''}`;
}

/**
 * TMF641 POST /serviceOrder: one item, `action: "delete"`, for the profile's subscription. The
 * command's id is the order's `externalId`: a resend answers the order already made.
 */
export async function deleteSubscription(
  peer: PeerEndpoints['tmf641'], command: { callId: string; iccid: string; msisdn: string | null }, signal: AbortSignal,
): Promise<PeerAnswer> {
  const res = await fetch(`${root(peer)}${BASE}/serviceOrder`, {
    method: 'POST',
    headers: headers(peer),
    body: JSON.stringify({
      externalId: command.callId,
      description: 'Account closure: terminate the subscription',
      serviceOrderItem: [{
        id: '1', action: 'delete', '@type': 'ServiceOrderItem',
        service: { id: command.iccid, '@type': 'Service', serviceCharacteristic: [{ name: 'ICCID', value: command.iccid }, ...(command.msisdn ? [{ name: 'MSISDN', value: command.msisdn }] : [])] },
      }],
    }),
    signal,
  });
  if (res.status !== 201 && res.status !== 200) return { outcome: 'error', error: await problem(res) };
  return orderAnswer((await res.json()) as Order);
}

/** TMF641 GET /serviceOrder/{id}: where an order sent earlier stands (when a callback did not come). */
export async function readOrder(peer: PeerEndpoints['tmf641'], id: string, signal: AbortSignal): Promise<PeerAnswer> {
  const res = await fetch(`${root(peer)}${BASE}/serviceOrder/${encodeURIComponent(id)}`, { headers: headers(peer), signal });
  if (res.status !== 200) return { outcome: 'error', error: await problem(res) };
  return orderAnswer((await res.json()) as Order);
}

/** TMF641 POST /hub: our listener gets every ServiceOrderStateChangeEvent. */
export async function registerListener(peer: PeerEndpoints['tmf641'], callback: string, signal: AbortSignal): Promise<string> {
  const res = await fetch(`${root(peer)}${BASE}/hub`, { method: 'POST', headers: headers(peer), body: JSON.stringify({ callback, query: 'eventType=ServiceOrderStateChangeEvent' }), signal });
  if (res.status !== 201) throw new Error(await problem(res));
  return String(((await res.json()) as { id?: string }).id);
}
