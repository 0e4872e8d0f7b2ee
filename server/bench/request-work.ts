import { closedLoop, getJson, listPath, postJson, sequential, summarise, type Latency, type Session } from './load';

/** A small deterministic generator, so every run opens the same requests. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

export interface PageViews {
  viewsPerSecond: number;
  requestsPerSecond: number;
  latency: Latency;
  failed: number;
  /** each of the 8 requests alone, one after another: mean ms */
  parts: { path: string; ms: number }[];
}

const pagePaths = (id: number, customerId: number) => [
  `/api/closure-requests/${id}`,
  `/api/closure-requests/${id}/checks`,
  `/api/closure-requests/${id}/notes`,
  listPath('bills', { filter: { customerId }, sort: ['dueDate', 'DESC'], range: [0, 9] }),
  listPath('balance-entries', { filter: { customerId }, sort: ['occurredAt', 'DESC'], range: [0, 9] }),
  listPath('esim-profiles', { filter: { customerId }, sort: ['id', 'ASC'], range: [0, 9] }),
  listPath('refunds', { filter: { closureRequestId: id }, sort: ['createdAt', 'DESC'], range: [0, 9] }),
  listPath('notifications', { filter: { closureRequestId: id }, sort: ['createdAt', 'DESC'], range: [0, 9] }),
];

/**
 * The closure request page as the SPA loads it: the request, then (with its customer id) its
 * checklist, notes, the customer's bills, ledger and eSIM profiles, and the request's refunds and
 * notifications, in parallel. One view = 8 requests; latency is until the last one arrives.
 */
export async function requestPageViews(baseUrl: string, s: Session, requestIds: number[], clients: number, seconds: number): Promise<PageViews> {
  const random = lcg(7);
  const view = async (): Promise<'ok' | 'failed'> => {
    const id = requestIds[Math.floor(random() * requestIds.length)]!;
    const request = await getJson<{ customerId: number }>(baseUrl, s, `/api/closure-requests/${id}`);
    if (request.status !== 200) return 'failed';
    const answers = await Promise.all(pagePaths(id, request.body.customerId).slice(1).map((p) => getJson(baseUrl, s, p)));
    return answers.every((a) => a.status === 200) ? 'ok' : 'failed';
  };
  await closedLoop(clients, Math.min(2, seconds), view); // warm-up
  const r = await closedLoop(clients, seconds, view);
  const sample = requestIds[0]!;
  const customerId = (await getJson<{ customerId: number }>(baseUrl, s, `/api/closure-requests/${sample}`)).body.customerId;
  const parts = [];
  for (const path of pagePaths(sample, customerId)) parts.push({ path, ms: (await sequential(baseUrl, s, path, { seconds: 0.5, max: 100 })).mean });
  return { viewsPerSecond: r.ok / r.seconds, requestsPerSecond: (8 * r.ok) / r.seconds, latency: summarise(r.ms), failed: r.failed, parts };
}

export interface Candidate {
  id: number;
  version: number;
  customerId: number;
  balanceDecision: 'forfeit' | 'none';
}

/** Submitted app requests whose customer owes nothing: claim then approve succeeds on each. */
export async function actionCandidates(baseUrl: string, s: Session, wanted: number): Promise<Candidate[]> {
  const out: Candidate[] = [];
  for (let first = 0; out.length < wanted; first += 500) {
    const page = await getJson<{ id: number; version: number; customerId: number; identityVerified: boolean }[]>(
      baseUrl, s, listPath('closure-requests', { filter: { status: 'submitted', channel: 'app' }, sort: ['id', 'ASC'], range: [first, first + 499] }),
    );
    if (page.body.length === 0) break;
    const customers = await getJson<{ id: number; cashBalance: number; outstandingAmount: number }[]>(
      baseUrl, s, listPath('customers', { filter: { id: [...new Set(page.body.map((r) => r.customerId))] }, range: [0, 499] }),
    );
    const byId = new Map(customers.body.map((c) => [c.id, c]));
    for (const r of page.body) {
      const c = byId.get(r.customerId);
      if (!c || c.outstandingAmount !== 0 || !r.identityVerified) continue;
      out.push({ id: r.id, version: r.version, customerId: r.customerId, balanceDecision: c.cashBalance > 0 ? 'forfeit' : 'none' });
    }
  }
  return out.slice(0, wanted);
}

export interface ActionRun {
  actionsPerSecond: number;
  latency: Latency;
  failed: number;
  used: number;
}

/**
 * Audited workflow actions from `sessions.length` concurrent clients: each claims a submitted
 * request, then approves it (two actions, each one transaction with its audit event, outbox
 * message and counters), then takes the next.
 */
export async function auditedActions(baseUrl: string, sessions: Session[], candidates: Candidate[], seconds: number): Promise<ActionRun> {
  const today = new Date().toISOString().slice(0, 10);
  const pending: (Candidate | null)[] = sessions.map(() => null);
  let used = 0;
  const step = async (client: number): Promise<'ok' | 'failed' | 'done'> => {
    const s = sessions[client]!;
    const claimed = pending[client];
    if (claimed) {
      pending[client] = null;
      const r = await postJson(baseUrl, s, `/api/closure-requests/${claimed.id}/actions/approve`, {
        version: claimed.version, balanceDecision: claimed.balanceDecision, effectiveDate: today,
      });
      return r.status === 200 ? 'ok' : 'failed';
    }
    const next = candidates.shift();
    if (!next) return 'done';
    used++;
    const r = await postJson(baseUrl, s, `/api/closure-requests/${next.id}/actions/claim`, { version: next.version });
    if (r.status !== 200) return 'failed';
    pending[client] = { ...next, version: r.body.version as number };
    return 'ok';
  };
  const r = await closedLoop(sessions.length, seconds, step);
  return { actionsPerSecond: r.ok / r.seconds, latency: summarise(r.ms), failed: r.failed, used };
}
