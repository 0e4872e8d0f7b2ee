import autocannon from 'autocannon';
import { BENCH_PASSWORD } from './datasets';

/** A signed-in staff member: what each request carries. */
export interface Session {
  email: string;
  userId: number;
  cookie: string;
  csrf: string;
}

/**
 * fetch, once more when the server closed an idle keep-alive connection just as it was reused
 * (Node closes them after 5 s; the bench pauses longer between HTTP measurements).
 */
export async function send(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (err) {
    if ((err as { cause?: { code?: string } }).cause?.code !== 'UND_ERR_SOCKET') throw err;
    return fetch(url, init);
  }
}

export async function login(baseUrl: string, email: string): Promise<Session> {
  const res = await send(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login as ${email}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { user: { id: number }; csrfToken: string };
  return { email, userId: body.user.id, cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: body.csrfToken };
}

export async function getJson<T = unknown>(baseUrl: string, s: Session, path: string): Promise<{ status: number; body: T; total: number | null }> {
  const res = await send(baseUrl + path, { headers: { cookie: s.cookie } });
  const range = res.headers.get('content-range');
  const body = (await res.json()) as T;
  return { status: res.status, body, total: range ? Number(range.split('/')[1]) : null };
}

export async function postJson(baseUrl: string, s: Session, path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await send(baseUrl + path, {
    method: 'POST',
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** The list URL of React-Admin's simple REST convention. */
export function listPath(resource: string, q: { filter?: object; sort?: [string, string]; range?: [number, number] }): string {
  const params = new URLSearchParams();
  if (q.sort) params.set('sort', JSON.stringify(q.sort));
  params.set('range', JSON.stringify(q.range ?? [0, 24]));
  if (q.filter) params.set('filter', JSON.stringify(q.filter));
  return `/api/${resource}?${params}`;
}

export interface Throughput {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  failures: number;
  /** server CPU seconds per 1,000 requests */
  cpuPer1000?: number;
}

/** autocannon on loopback: `connections` keep-alive connections cycling through `paths` for `seconds`. */
export async function cannon(baseUrl: string, s: Session, paths: string[], opts: { connections: number; seconds: number }): Promise<Throughput> {
  const run = (seconds: number) =>
    autocannon({
      url: baseUrl,
      connections: opts.connections,
      duration: seconds,
      headers: { cookie: s.cookie },
      requests: paths.map((path) => ({ method: 'GET' as const, path })),
    });
  await run(Math.min(2, opts.seconds)); // warm the caches and the JIT first
  const r = await run(opts.seconds);
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    failures: r.non2xx + r.errors + r.timeouts,
  };
}

export interface Latency {
  mean: number;
  median: number;
  p99: number;
  n: number;
}

export function summarise(ms: number[]): Latency {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { mean: sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length), median: at(0.5), p99: at(0.99), n: sorted.length };
}

/** One request after another on one keep-alive connection: what one user waits for. */
export async function sequential(baseUrl: string, s: Session, path: string, opts: { seconds: number; max: number }): Promise<Latency> {
  const ms: number[] = [];
  for (let i = 0; i < 3; i++) await (await send(baseUrl + path, { headers: { cookie: s.cookie } })).arrayBuffer();
  const until = performance.now() + opts.seconds * 1000;
  while (ms.length < opts.max && (ms.length < 5 || performance.now() < until)) {
    const t = performance.now();
    const res = await send(baseUrl + path, { headers: { cookie: s.cookie } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    ms.push(performance.now() - t);
  }
  return summarise(ms);
}

/** `clients` loops, each repeating `step` until `seconds` pass; answers per-step latencies and failures. */
export async function closedLoop(
  clients: number,
  seconds: number,
  step: (client: number) => Promise<'ok' | 'failed' | 'done'>,
): Promise<{ ms: number[]; ok: number; failed: number; seconds: number }> {
  const ms: number[] = [];
  let ok = 0;
  let failed = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (performance.now() < until) {
        const t = performance.now();
        const outcome = await step(client);
        if (outcome === 'done') return;
        if (outcome === 'ok') {
          ok++;
          ms.push(performance.now() - t);
        } else failed++;
      }
    }),
  );
  return { ms, ok, failed, seconds: (performance.now() - started) / 1000 };
}
