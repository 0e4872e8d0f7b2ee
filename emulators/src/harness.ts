import type { Server } from 'node:http';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';

/** One call an emulator received, as the tests read it back from GET /_emulator/received. */
export interface Received {
  at: string;
  method: string;
  path: string;
  body: unknown;
  /** the fault that answered it instead of the emulated peer, if any */
  fault: string | null;
}

/**
 * Faults the next calls meet (POST /_emulator/faults). `failNext` answers N calls with an HTTP
 * `status` or, given a `reason`, with the peer's own `Failed` answer; `timeoutNext` holds N calls
 * unanswered; `refuseForGood` answers every call `Failed` with its reason until `clear`;
 * `dropCallbacks` skips the next N callbacks (TMF641).
 */
export interface Faults {
  failNext: { count: number; status?: number; reason?: string } | null;
  timeoutNext: number;
  refuseForGood: string | null;
  dropCallbacks: number;
}

export type Fault = { kind: 'status'; status: number } | { kind: 'failed'; reason: string } | { kind: 'timeout' } | null;

export interface Harness {
  app: Express;
  faults: Faults;
  received: Received[];
  /** the fault the call now arriving meets (and uses up) */
  takeFault(): Fault;
}

const noFaults = (): Faults => ({ failNext: null, timeoutNext: 0, refuseForGood: null, dropCallbacks: 0 });

/** Express with auth, the record of calls and the fault controls every emulator shares. */
export function createHarness(opts: { authorised(req: Request): boolean; unauthorised(res: Response): void }): Harness {
  const app = express();
  app.use(express.json({ limit: '1mb' }));
  const received: Received[] = [];
  const h: Harness = {
    app,
    faults: noFaults(),
    received,
    takeFault() {
      const f = h.faults;
      if (f.refuseForGood) return { kind: 'failed', reason: f.refuseForGood };
      if (f.timeoutNext > 0) {
        f.timeoutNext--;
        return { kind: 'timeout' };
      }
      if (f.failNext && f.failNext.count > 0) {
        const { status, reason } = f.failNext;
        if (--f.failNext.count === 0) f.failNext = null;
        return reason ? { kind: 'failed', reason } : { kind: 'status', status: status ?? 503 };
      }
      return null;
    },
  };
  // The test controls: no auth, they are the emulator's own, not the peer's interface.
  app.get('/_emulator/received', (_req, res) => {
    res.json(received);
  });
  app.post('/_emulator/faults', (req, res) => {
    const b = (req.body ?? {}) as Record<string, unknown>;
    if (b.clear) h.faults = noFaults();
    if (b.failNext !== undefined) {
      const n = typeof b.failNext === 'number' ? b.failNext : Number((b.failNext as { count?: number }).count ?? 0);
      h.faults.failNext = n > 0 ? { count: n, status: typeof b.status === 'number' ? b.status : undefined, reason: typeof b.reason === 'string' ? b.reason : undefined } : null;
    }
    if (typeof b.timeoutNext === 'number') h.faults.timeoutNext = b.timeoutNext;
    if (b.refuseForGood !== undefined) h.faults.refuseForGood = typeof b.refuseForGood === 'string' && b.refuseForGood ? b.refuseForGood : null;
    if (typeof b.dropCallbacks === 'number') h.faults.dropCallbacks = b.dropCallbacks;
    res.json(h.faults);
  });
  app.delete('/_emulator/received', (_req, res) => {
    received.length = 0;
    res.status(204).end();
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.path.startsWith('/_emulator/')) return next();
    if (!opts.authorised(req)) return opts.unauthorised(res);
    next();
  });
  return h;
}

/** Records the call; answers true when a fault already answered it. */
export function faulted(h: Harness, req: Request, res: Response, failed: (reason: string) => void): boolean {
  const fault = h.takeFault();
  h.received.push({ at: new Date().toISOString(), method: req.method, path: req.path, body: req.body ?? null, fault: fault ? (fault.kind === 'failed' ? `failed: ${fault.reason}` : fault.kind === 'status' ? `status ${fault.status}` : 'timeout') : null });
  if (!fault) return false;
  if (fault.kind === 'timeout') return true; // never answered: the caller's timeout ends it
  if (fault.kind === 'status') res.status(fault.status).json({ code: String(fault.status), reason: 'injected fault' });
  else failed(fault.reason);
  return true;
}

export interface RunningEmulator {
  url: string;
  port: number;
  close(): Promise<void>;
}

export function listen(app: Express, port: number, host = '127.0.0.1'): Promise<RunningEmulator> {
  return new Promise((resolve, reject) => {
    const server: Server = app.listen(port, host, () => {
      const a = server.address();
      const p = typeof a === 'object' && a ? a.port : port;
      resolve({
        url: `http://${host}:${p}`,
        port: p,
        close: () => new Promise<void>((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
    server.once('error', reject);
  });
}
