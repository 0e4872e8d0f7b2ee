import http from 'node:http';
import { cannon, type Session, type Throughput } from './load';

/** The live pages' price (issue 17): open event streams held by the server while the queue is read. */
export const SSE_STREAMS = 200;
const ROUNDS = 3;

export interface SseCost {
  streams: number;
  /** the queue mix's req/s without streams, each round */
  without: number[];
  /** the same with `streams` streams open, each round */
  with: number[];
  /** streams that answered 200 and stayed open through the round */
  held: number;
  /** (mean without − mean with) / mean without, in % */
  costPercent: number;
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

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * The queue mix's throughput without and with SSE_STREAMS open streams, in alternating rounds (so
 * a neighbour's load on this shared machine falls on both alike), the figures and the cost.
 */
export async function sseCost(baseUrl: string, agent: Session, queuePaths: string[], opts: { connections: number; seconds: number }): Promise<SseCost> {
  const without: number[] = [];
  const withStreams: number[] = [];
  let held = SSE_STREAMS;
  for (let round = 0; round < ROUNDS; round++) {
    without.push((await cannon(baseUrl, agent, queuePaths, opts)).rps);
    const streams = await Promise.all(Array.from({ length: SSE_STREAMS }, (_, i) => openStream(baseUrl, agent, `bench-${round}-${String(i).padStart(4, '0')}`)));
    held = Math.min(held, streams.filter((s) => s.ok).length);
    const loaded: Throughput = await cannon(baseUrl, agent, queuePaths, opts);
    withStreams.push(loaded.rps);
    for (const s of streams) s.close();
  }
  const base = mean(without);
  return { streams: SSE_STREAMS, without, with: withStreams, held, costPercent: base > 0 ? ((base - mean(withStreams)) / base) * 100 : 0 };
}

/** The figures as a Markdown section of the report. */
export function renderSseCost(label: string, c: SseCost): string {
  const f = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(' / ');
  return [
    `### ${label}: ${c.streams} open event streams (GET /api/events) against the queue view`,
    '',
    '| | queue mix req/s, each round | mean |',
    '|---|---|---|',
    `| no stream open | ${f(c.without)} | ${mean(c.without).toFixed(0)} |`,
    `| ${c.streams} streams open (${c.held} held) | ${f(c.with)} | ${mean(c.with).toFixed(0)} |`,
    '',
    `Cost: ${c.costPercent.toFixed(1)} % of the queue view's req/s (the budget is 5 %).`,
    '',
  ].join('\n');
}
