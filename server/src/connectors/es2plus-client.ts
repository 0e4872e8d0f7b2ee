import type { PeerEndpoints } from './peers-config';

/** What a peer said to one attempt: done (with its reference and time), not yet, or a failure to retry. */
export type PeerAnswer =
  | { outcome: 'confirmed'; reference: string; at: Date }
  | { outcome: 'sent'; reference: string }
  | { outcome: 'error'; error: string };

interface Es2Status { status?: string; statusCodeData?: { subjectCode?: string; reasonCode?: string; message?: string } }

/**
 * ES2+ CancelOrder (SGP.22 §5.3.4): the order of a profile never downloaded is cancelled, the
 * profile made Unavailable. `functionCallIdentifier` is the command's own id, the same on every
 * resend, so the SM-DP+ answers a repeat as the first call and does nothing again.
 */
export async function cancelOrder(
  peer: PeerEndpoints['es2plus'], command: { callId: string; iccid: string }, signal: AbortSignal,
): Promise<PeerAnswer> {
  const res = await fetch(`${peer.url.replace(/\/+$/, '')}/gsma/rsp2/es2plus/cancelOrder`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-admin-protocol': 'gsma/rsp/v2.5.0', authorization: `Bearer ${peer.apiKey}` },
    body: JSON.stringify({
      header: { functionRequesterIdentifier: peer.requesterId, functionCallIdentifier: command.callId },
      iccid: command.iccid,
      finalProfileStatusIndicator: 'Unavailable',
    }),
    signal,
  });
  const body = (await res.json().catch(() => null)) as { header?: { functionExecutionStatus?: Es2Status } } | null;
  const status = body?.header?.functionExecutionStatus;
  if (status?.status === 'Executed-Success' || status?.status === 'Executed-WithWarning') {
    return { outcome: 'confirmed', reference: `ES2+ ${command.callId}`, at: new Date() };
  }
  if (status?.status) {
    const c = status.statusCodeData;
    return { outcome: 'error', error: `SM-DP+ ${status.status}${c ? ` ${c.subjectCode ?? '?'}/${c.reasonCode ?? '?'}` : ''}${c?.message ? `: ${c.message}` : ''}` };
  }
  return { outcome: 'error', error: `SM-DP+ answered HTTP ${res.status}` };
}
