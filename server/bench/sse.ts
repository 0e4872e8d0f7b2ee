import http from 'node:http';
import { cannon, type Session, type Throughput } from './load';

/** The live pages' price (issue 17): open event streams held by the server while the queue is read. */
export const SSE_STREAMS = 200;
const ROUNDS = 5;

export interface SseCost {
  streams: number;
  /** the queue mix's req/s without streams, each round */
  without: number[];
  /** the same with `streams` streams open, each round */
  with: number[];
  /** streams that answered 200 and stayed open through the round */
  held: number;
  /** (median without − median with) / median without, in % */
  costPercent: number;
  /** the server's CPU ms per queue request, each round, without and with the streams */
  cpuMsWithout: number[];
  cpuMsWith: number[];
  /** the same cost judged on the server's CPU per request (what a neighbour's load on the machine does not move), in % */
  cpuCostPercent: number;
}

/** Opens one GET /api/events stream and keeps it open; answers once the first bytes came. */
function openStream(baseUrl: string, s: Session, tab: string): Promise<{ ok: boolean; close(): void }> {
  const url = new URL(`/api/events?tab=${tab}`, baseUrl);
  return new Promise((resolve) => {
    const req = http.get(url, { headers: { cookie: s.cookie, accept: 'text/event-stream' }, agent: false }, (res) => {
      res.once('data', () => resolve({ ok: res.statusCode === 200, close: () => req.destroy() }));
      res.on('error', () => undefined);
    });
    req.on('error', () => resolve({ ok: false, close: () => undefined }));
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/**
 * The queue mix's throughput without and with SSE_STREAMS open streams, in alternating rounds (so
 * a neighbour's load on this shared machine falls on both alike), the figures and the cost.
 */
export async function sseCost(
  baseUrl: string, agent: Session, queuePaths: string[], opts: { connections: number; seconds: number }, cpuSeconds: () => number,
): Promise<SseCost> {
  const without: number[] = [];
  const withStreams: number[] = [];
  const cpuMsWithout: number[] = [];
  const cpuMsWith: number[] = [];
  const measure = async (rps: number[], cpuMs: number[]) => {
    const cpu0 = cpuSeconds();
    const r: Throughput = await cannon(baseUrl, agent, queuePaths, opts);
    rps.push(r.rps);
    cpuMs.push(((cpuSeconds() - cpu0) * 1000) / Math.max(1, r.requests));
  };
  let held = SSE_STREAMS;
  for (let round = 0; round < ROUNDS; round++) {
    await measure(without, cpuMsWithout);
    const streams = await Promise.all(Array.from({ length: SSE_STREAMS }, (_, i) => openStream(baseUrl, agent, `bench-${round}-${String(i).padStart(4, '0')}`)));
    held = Math.min(held, streams.filter((s) => s.ok).length);
    await measure(withStreams, cpuMsWith);
    for (const s of streams) s.close();
  }
  const base = median(without);
  const cpuBase = median(cpuMsWithout);
  return {
    streams: SSE_STREAMS, without, with: withStreams, held, cpuMsWithout, cpuMsWith,
    costPercent: base > 0 ? ((base - median(withStreams)) / base) * 100 : 0,
    cpuCostPercent: cpuBase > 0 ? ((median(cpuMsWith) - cpuBase) / cpuBase) * 100 : 0,
  };
}

/** The figures as a Markdown section of the report. */
export function renderSseCost(label: string, c: SseCost): string {
  const f = (xs: number[], d = 0) => xs.map((x) => x.toFixed(d)).join(' / ');
  return [
    `### ${label}: ${c.streams} open event streams (GET /api/events) against the queue view`,
    '',
    '| | queue mix req/s, each round | median | server CPU ms per request, each round | median |',
    '|---|---|---|---|---|',
    `| no stream open | ${f(c.without)} | ${median(c.without).toFixed(0)} | ${f(c.cpuMsWithout, 3)} | ${median(c.cpuMsWithout).toFixed(3)} |`,
    `| ${c.streams} streams open (${c.held} held) | ${f(c.with)} | ${median(c.with).toFixed(0)} | ${f(c.cpuMsWith, 3)} | ${median(c.cpuMsWith).toFixed(3)} |`,
    '',
    `Cost: ${c.costPercent.toFixed(1)} % of the queue view's req/s; ${c.cpuCostPercent.toFixed(1)} % more server CPU per request (the budget is 5 %).`,
    '',
  ].join('\n');
}
