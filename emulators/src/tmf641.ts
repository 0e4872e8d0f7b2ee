import { randomUUID } from 'node:crypto';
import { createHarness, faulted, listen, type Harness, type RunningEmulator } from './harness';
import { bearer } from './smdp';

/**
 * A network's order handling as TM Forum TMF641 Service Ordering v4 shows it: POST /serviceOrder
 * (201, `acknowledged`), then after `delayMs` `inProgress` and `completed`, each change sent as a
 * ServiceOrderStateChangeEvent to every listener registered through /hub. An `externalId` seen
 * before answers the order already made: a resend never makes a second order.
 */
export interface Tmf641Options {
  token: string;
  /** time from acknowledged to completed (default 500 ms) */
  delayMs?: number;
}

const BASE = '/tmf-api/serviceOrdering/v4';
type State = 'acknowledged' | 'inProgress' | 'completed' | 'failed' | 'partial';
interface Order {
  id: string;
  href: string;
  externalId?: string;
  state: State;
  orderDate: string;
  completionDate?: string;
  serviceOrderItem: { id: string; action: string; state: State; service: Record<string, unknown> }[];
  note?: { text: string }[];
  '@type': 'ServiceOrder';
}

export interface Tmf641 extends Harness {
  orders: Map<string, Order>;
  listeners: Map<string, { id: string; callback: string; query?: string }>;
}

export function createTmf641(opts: Tmf641Options): Tmf641 {
  const h = createHarness({
    authorised: (req) => bearer(req) === opts.token,
    unauthorised: (res) => res.status(401).json({ code: '401', reason: 'Unauthorized', message: 'missing or wrong bearer token' }),
  }) as Tmf641;
  h.orders = new Map();
  h.listeners = new Map();
  const byExternalId = new Map<string, string>();
  const delay = opts.delayMs ?? 500;
  const problem = (code: string, reason: string, message: string) => ({ code, reason, message, '@type': 'Error' });

  const notify = (order: Order) => {
    const event = {
      eventId: randomUUID(), eventTime: new Date().toISOString(), eventType: 'ServiceOrderStateChangeEvent',
      event: { serviceOrder: order },
    };
    for (const l of h.listeners.values()) {
      if (h.faults.dropCallbacks > 0) {
        h.faults.dropCallbacks--;
        continue;
      }
      void fetch(l.callback, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event), signal: AbortSignal.timeout(5000) }).catch(() => undefined);
    }
  };
  const move = (order: Order, state: State) => {
    order.state = state;
    for (const item of order.serviceOrderItem) item.state = state;
    if (state === 'completed' || state === 'failed') order.completionDate = new Date().toISOString();
    notify(order);
  };

  h.app.post(`${BASE}/serviceOrder`, (req, res) => {
    if (faulted(h, req, res, (reason) => res.status(422).json(problem('422', 'Failed', reason)))) return;
    const b = (req.body ?? {}) as { externalId?: unknown; serviceOrderItem?: unknown };
    const items = Array.isArray(b.serviceOrderItem) ? (b.serviceOrderItem as Record<string, unknown>[]) : [];
    if (!items.length || items.some((i) => typeof i?.id !== 'string' || i.action !== 'delete' || typeof (i.service as { id?: unknown } | undefined)?.id !== 'string')) {
      return res.status(400).json(problem('400', 'Bad Request', 'serviceOrderItem: one or more items, each {id, action: "delete", service: {id}}'));
    }
    const externalId = typeof b.externalId === 'string' ? b.externalId : undefined;
    const existing = externalId ? byExternalId.get(externalId) : undefined;
    if (existing) return res.status(201).json(h.orders.get(existing));
    const id = randomUUID();
    const order: Order = {
      id, href: `${BASE}/serviceOrder/${id}`, externalId, state: 'acknowledged', orderDate: new Date().toISOString(),
      serviceOrderItem: items.map((i) => ({ id: String(i.id), action: 'delete', state: 'acknowledged', service: i.service as Record<string, unknown> })),
      '@type': 'ServiceOrder',
    };
    h.orders.set(id, order);
    if (externalId) byExternalId.set(externalId, id);
    setTimeout(() => move(order, 'inProgress'), Math.floor(delay / 2)).unref();
    setTimeout(() => move(order, 'completed'), delay).unref();
    res.status(201).json(order);
  });
  h.app.get(`${BASE}/serviceOrder/:id`, (req, res) => {
    if (faulted(h, req, res, (reason) => res.status(422).json(problem('422', 'Failed', reason)))) return;
    const order = h.orders.get(req.params.id);
    if (!order) return res.status(404).json(problem('404', 'Not Found', `no serviceOrder ${req.params.id}`));
    res.json(order);
  });
  h.app.post(`${BASE}/hub`, (req, res) => {
    const b = (req.body ?? {}) as { callback?: unknown; query?: unknown };
    if (typeof b.callback !== 'string' || !/^https?:\/\//.test(b.callback)) return res.status(400).json(problem('400', 'Bad Request', 'callback: an http(s) URL'));
    const same = [...h.listeners.values()].find((l) => l.callback === b.callback);
    if (same) return res.status(201).json(same);
    const l = { id: randomUUID(), callback: b.callback, query: typeof b.query === 'string' ? b.query : undefined };
    h.listeners.set(l.id, l);
    res.status(201).json(l);
  });
  h.app.delete(`${BASE}/hub/:id`, (req, res) => {
    if (!h.listeners.delete(req.params.id)) return res.status(404).json(problem('404', 'Not Found', `no listener ${req.params.id}`));
    res.status(204).end();
  });
  return h;
}

export async function startTmf641(port: number, opts: Tmf641Options): Promise<RunningEmulator & { tmf641: Tmf641 }> {
  const tmf641 = createTmf641(opts);
  return { ...(await listen(tmf641.app, port)), tmf641 };
}
