import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { BENCH_PASSWORD } from './datasets';
import { startServer } from './server-process';

/**
 * Lighthouse 12 (pinned 12.2.3: 13 wants Node 22) against the built console on a fresh demo
 * database, as `npm start` serves it: the login page signed out, and the closure-request list
 * signed in as an agent (the session cookie sent as a header), each with the mobile and the desktop
 * preset. Prints scores, LCP, TBT, the longest main-thread task and the bytes (all and JavaScript)
 * each page transfers. `npm run bench -- --lighthouse` runs this alone; `--no-lighthouse` skips it
 * in the full bench. Needs `npm run build -w client` and Chromium (CHROME_PATH, default /usr/bin/chromium).
 */

export interface LighthouseRow {
  page: 'login' | 'list';
  preset: 'mobile' | 'desktop';
  performance: number;
  accessibility: number;
  bestPractices: number;
  lcpMs: number;
  tbtMs: number;
  longestTaskMs: number;
  totalKb: number;
  scriptKb: number;
  requests: number;
  /** set when Lighthouse could not measure this page */
  error?: string;
}

const log = (line: string) => process.stderr.write(`[lighthouse] ${line}\n`);
const CLIENT_DIST = path.resolve(import.meta.dirname, '../../client/dist');

/* eslint-disable @typescript-eslint/no-explicit-any */
function row(page: LighthouseRow['page'], preset: LighthouseRow['preset'], lhr: any): LighthouseRow {
  const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
  const audit = (id: string) => lhr.audits[id];
  const summary: any[] = audit('resource-summary')?.details?.items ?? [];
  const bytes = (type: string) => summary.find((i) => i.resourceType === type)?.transferSize ?? 0;
  const tasks: any[] = audit('long-tasks')?.details?.items ?? [];
  return {
    page, preset,
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    lcpMs: Math.round(audit('largest-contentful-paint')?.numericValue ?? 0),
    tbtMs: Math.round(audit('total-blocking-time')?.numericValue ?? 0),
    longestTaskMs: Math.round(Math.max(0, ...tasks.map((t) => Number(t.duration) || 0))),
    totalKb: Math.round(bytes('total') / 102.4) / 10,
    scriptKb: Math.round(bytes('script') / 102.4) / 10,
    requests: summary.find((i) => i.resourceType === 'total')?.requestCount ?? 0,
  };
}

async function sessionCookie(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'agent@demo.test', password: BENCH_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`agent sign-in failed: ${res.status}`);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

export async function runLighthouse(): Promise<LighthouseRow[]> {
  if (!fs.existsSync(path.join(CLIENT_DIST, 'index.html'))) throw new Error(`no client build at ${CLIENT_DIST}: npm run build -w client`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closure-desk-lighthouse-'));
  process.env.DEMO_DATA = '1';
  const server = await startServer(`sqlite:${path.join(dir, 'demo.db')}`, path.join(dir, 'server.log'));
  // One Chrome per measurement: a Chromium reused across runs on a loaded machine dropped Lighthouse's
  // quiet-window probe ("Promise was collected") on the signed-in list page.
  const launch = () => chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const rows: LighthouseRow[] = [];
  try {
    const cookie = await sessionCookie(server.url);
    const pages = [
      { page: 'login' as const, url: `${server.url}/#/login`, headers: undefined },
      { page: 'list' as const, url: `${server.url}/#/closure-requests`, headers: { Cookie: cookie } },
    ];
    for (const p of pages) {
      for (const preset of ['mobile', 'desktop'] as const) {
        log(`${p.page} page, ${preset}`);
        const flags = {
          output: 'json' as const, logLevel: 'error' as const,
          onlyCategories: ['performance', 'accessibility', 'best-practices'],
          // A loaded 2-core machine needs longer than the default 45 s for the list page to settle.
          maxWaitForLoad: 90_000,
          ...(p.headers ? { extraHeaders: p.headers } : {}),
        };
        // One retry: on a loaded machine Chromium sometimes drops Lighthouse's quiet-window probe ("Promise was collected").
        for (let attempt = 1; ; attempt += 1) {
          const chrome = await launch();
          try {
            const result = await lighthouse(p.url, { ...flags, port: chrome.port }, preset === 'desktop' ? desktopConfig : undefined);
            if (!result) throw new Error(`lighthouse gave no result for ${p.url}`);
            if (result.lhr.runtimeError) throw new Error(`${result.lhr.runtimeError.code}: ${result.lhr.runtimeError.message}`);
            rows.push(row(p.page, preset, result.lhr));
            log(renderLighthouse(rows.slice(-1)).split('\n')[2]!);
            break;
          } catch (err) {
            if (attempt >= 2) {
              // Reported, not fatal: the other pages and presets are still measured.
              log(`${p.page} ${preset}: not measured: ${(err as Error).message}`);
              rows.push({ page: p.page, preset, error: (err as Error).message.slice(0, 120) } as LighthouseRow);
              break;
            }
            log(`${p.page} ${preset}: ${(err as Error).message}; once more`);
          } finally {
            await chrome.kill();
          }
        }
      }
    }
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

export function renderLighthouse(rows: LighthouseRow[]): string {
  const lines = [
    '| page | preset | performance | accessibility | best practices | LCP ms | TBT ms | longest task ms | transferred KB | of it JavaScript KB | requests |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => r.error ? `| ${r.page} | ${r.preset} | not measured: ${r.error.replace(/\|/g, '/')} |||||||||` : `| ${r.page} | ${r.preset} | ${r.performance} | ${r.accessibility} | ${r.bestPractices} | ${r.lcpMs} | ${r.tbtMs} | ${r.longestTaskMs} | ${r.totalKb} | ${r.scriptKb} | ${r.requests} |`),
  ];
  return lines.join('\n');
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  const rows = await runLighthouse();
  process.stdout.write(`${renderLighthouse(rows)}\n`);
}
