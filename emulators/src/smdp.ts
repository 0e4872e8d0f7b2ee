import type { Request, Response } from 'express';
import { createHarness, faulted, listen, type Harness, type RunningEmulator } from './harness';

/**
 * An SM-DP+ as the operator sees it through GSMA SGP.22 ES2+ (JSON over HTTP(S)): CancelOrder and
 * ReleaseProfile. Every request carries `header {functionRequesterIdentifier, functionCallIdentifier}`,
 * every answer `header.functionExecutionStatus`. A functionCallIdentifier seen before is answered as
 * the first time, and nothing is done again.
 */
export interface SmdpOptions {
  /** the operator's key: `Authorization: Bearer <key>` or `X-API-Key: <key>` */
  apiKey: string;
  /** ICCIDs whose profile was already downloaded: a cancel is refused with 8.2.1 / 3.3 */
  downloaded?: string[];
}

type Status = { status: 'Executed-Success' | 'Executed-WithWarning' | 'Failed' | 'Expired'; statusCodeData?: { subjectCode: string; reasonCode: string; subjectIdentifier?: string; message?: string } };
interface Answer { http: number; body: { header: { functionExecutionStatus: Status } } }

const answer = (status: Status, http = 200): Answer => ({ http, body: { header: { functionExecutionStatus: status } } });
const failed = (subjectCode: string, reasonCode: string, message: string) => answer({ status: 'Failed', statusCodeData: { subjectCode, reasonCode, message } });

export interface Smdp extends Harness {
  /** iccid → the profile's state at this SM-DP+ */
  profiles: Map<string, 'released' | 'downloaded' | 'unavailable'>;
}

export function createSmdp(opts: SmdpOptions): Smdp {
  const h = createHarness({
    authorised: (req) => bearer(req) === opts.apiKey,
    unauthorised: (res) => res.status(401).json(failed('8.1', '1.2', 'function requester not authorised').body),
  }) as Smdp;
  h.profiles = new Map((opts.downloaded ?? []).map((iccid) => [iccid, 'downloaded'] as const));
  const done = new Map<string, Answer>();

  // The test control: which profiles were downloaded (the SM-DP+'s own knowledge).
  h.app.post('/_emulator/profiles', (req, res) => {
    const b = (req.body ?? {}) as { iccid?: string; state?: 'released' | 'downloaded' };
    if (b.iccid) h.profiles.set(b.iccid, b.state ?? 'downloaded');
    res.json(Object.fromEntries(h.profiles));
  });

  const handle = (kind: 'cancelOrder' | 'releaseProfile') => (req: Request, res: Response) => {
    const send = (a: Answer) => res.status(a.http).json(a.body);
    if (faulted(h, req, res, (reason) => send(failed('8.1', '4.2', reason)))) return;
    const b = (req.body ?? {}) as { header?: { functionRequesterIdentifier?: unknown; functionCallIdentifier?: unknown }; iccid?: unknown; finalProfileStatusIndicator?: unknown };
    const callId = b.header?.functionCallIdentifier;
    if (typeof callId !== 'string' || !callId || typeof b.header?.functionRequesterIdentifier !== 'string') {
      return send(answer({ status: 'Failed', statusCodeData: { subjectCode: '1.2', reasonCode: '2.1', message: 'header.functionRequesterIdentifier and header.functionCallIdentifier are mandatory' } }, 400));
    }
    const seen = done.get(callId);
    if (seen) return send(seen);
    let a: Answer;
    if (typeof b.iccid !== 'string' || !/^\d{18,20}F?$/.test(b.iccid)) a = failed('8.2.1', '2.2', 'iccid missing or malformed');
    else if (kind === 'cancelOrder') {
      if (b.finalProfileStatusIndicator !== 'Unavailable' && b.finalProfileStatusIndicator !== 'Available') a = failed('8.2.1', '2.2', 'finalProfileStatusIndicator must be Unavailable or Available');
      else if (h.profiles.get(b.iccid) === 'downloaded') a = failed('8.2.1', '3.3', 'Profile ICCID already downloaded: the order can no longer be cancelled');
      else {
        h.profiles.set(b.iccid, 'unavailable');
        a = answer({ status: 'Executed-Success' });
      }
    } else {
      h.profiles.set(b.iccid, 'released');
      a = answer({ status: 'Executed-Success' });
    }
    done.set(callId, a);
    send(a);
  };
  h.app.post('/gsma/rsp2/es2plus/cancelOrder', handle('cancelOrder'));
  h.app.post('/gsma/rsp2/es2plus/releaseProfile', handle('releaseProfile'));
  return h;
}

export function bearer(req: Request): string | undefined {
  const auth = req.get('authorization');
  if (auth?.startsWith('Bearer ')) return auth.slice(7);
  return req.get('x-api-key') ?? undefined;
}

export async function startSmdp(port: number, opts: SmdpOptions): Promise<RunningEmulator & { smdp: Smdp }> {
  const smdp = createSmdp(opts);
  return { ...(await listen(smdp.app, port)), smdp };
}
