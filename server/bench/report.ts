import type { Dataset } from './datasets';
import type { ExportRun } from './exports';
import type { Latency, Throughput } from './load';
import type { Bundle, Machine } from './machine';
import type { ActionRun, PageViews } from './request-work';
import type { ListWorkload } from './workloads';

export interface ListResult {
  workload: ListWorkload;
  /** over HTTP, one request after another */
  latency: Latency | null;
  /** the server's list code in the bench's process, no HTTP */
  inProcess: Latency | null;
  rawMs: number | null;
  throughput: Throughput | null;
}

export interface ExportResult {
  label: string;
  run: ExportRun;
  totalRows: number;
  raw: { rowsPerSecond: number; complete: boolean; what: string } | null;
}

export interface DatasetResult {
  dataset: Dataset;
  lists: ListResult[];
  queueMix: Throughput | null;
  pageViews: PageViews | null;
  actions: ActionRun | null;
  rawActionsPerSecond: number | null;
  exports: ExportResult[];
  idleRssMb: number;
}

export interface BenchReport {
  startedAt: Date;
  seconds: number;
  command: string;
  machine: Machine;
  sqliteVersions: { cli: string | null; driver: string };
  pgVersion: string | null;
  options: { duration: number; connections: number; exportSeconds: number; customers: number };
  results: DatasetResult[];
  bundle: Bundle | null;
}

const f0 = (n: number) => Math.round(n).toLocaleString('en');
const f1 = (n: number) => n.toFixed(1);
const ms = (n: number | null | undefined) => (n == null ? '—' : n < 10 ? n.toFixed(2) : n.toFixed(1));
const mb = (n: number) => `${Math.round(n)} MB`;

export const GOALS = { queueRps: 1000, queueP99: 50, rawRatio: 2, rawFloorMs: 1, actionsPerSecond: 500, seedSeconds: 120, searchCodeMs: 5, searchRps: 500 } as const;

export interface GoalRow {
  goal: string;
  measured: string;
  met: boolean;
}

export function goals(r: DatasetResult): GoalRow[] {
  const queues = r.lists.filter((l) => l.workload.kind === 'queue' && l.throughput);
  const worstRps = Math.min(...queues.map((l) => l.throughput!.rps), r.queueMix?.rps ?? Infinity);
  const worstP99 = Math.max(...queues.map((l) => l.throughput!.p99), r.queueMix?.p99 ?? 0);
  // Below a millisecond of raw work, the ratio measures the driver's fixed cost (a thread hop and a
  // JSON parse, ~0.2 ms), not the query: those lists are shown, and judged on the ones that do work.
  const compared = r.lists.filter((l) => l.workload.kind !== 'queue' && l.inProcess && l.rawMs && l.workload.path && l.rawMs >= GOALS.rawFloorMs);
  const ratioOf = (l: ListResult) => l.inProcess!.mean / l.rawMs!;
  const worst = compared.reduce<ListResult | null>((w, l) => (!w || ratioOf(l) > ratioOf(w) ? l : w), null);
  const rows: GoalRow[] = [];
  if (queues.length) {
    rows.push({
      goal: `Queue views with totals ≥ ${f0(GOALS.queueRps)} req/s at 10 connections, p99 ≤ ${GOALS.queueP99} ms`,
      measured: `slowest view ${f0(worstRps)} req/s, worst p99 ${worstP99} ms`,
      met: worstRps >= GOALS.queueRps && worstP99 <= GOALS.queueP99,
    });
  }
  if (worst) {
    rows.push({
      goal: `Other filters: page + total within ${GOALS.rawRatio}× the raw SQLite query (the server's list code, no HTTP; lists whose raw query takes ≥ ${GOALS.rawFloorMs} ms)`,
      measured: `worst ${ratioOf(worst).toFixed(2)}× (${worst.workload.label}: ${ms(worst.inProcess!.mean)} vs ${ms(worst.rawMs)} ms)`,
      met: compared.every((l) => ratioOf(l) <= GOALS.rawRatio),
    });
  }
  const searches = r.lists.filter((l) => l.workload.kind === 'search' && l.inProcess && l.throughput);
  if (searches.length) {
    const slowest = searches.reduce((w, l) => (l.inProcess!.mean > w.inProcess!.mean ? l : w));
    const fewest = searches.reduce((w, l) => (l.throughput!.rps < w.throughput!.rps ? l : w));
    rows.push({
      goal: `Each search kind ≤ ${GOALS.searchCodeMs} ms in the server's code and ≥ ${f0(GOALS.searchRps)} req/s at 10 connections`,
      measured: `slowest ${ms(slowest.inProcess!.mean)} ms (${slowest.workload.label}), fewest ${f0(fewest.throughput!.rps)} req/s (${fewest.workload.label})`,
      met: searches.every((l) => l.inProcess!.mean <= GOALS.searchCodeMs && l.throughput!.rps >= GOALS.searchRps),
    });
  }
  if (r.actions) {
    rows.push({
      goal: `≥ ${GOALS.actionsPerSecond} audited actions/s, 10 concurrent clients`,
      measured: `${f0(r.actions.actionsPerSecond)} actions/s`,
      met: r.actions.actionsPerSecond >= GOALS.actionsPerSecond,
    });
  }
  if (!r.dataset.reused || r.dataset.seed.seconds) {
    rows.push({
      goal: `\`npm run seed -- --customers ${f0(r.dataset.seed.customers)}\` in under ${GOALS.seedSeconds / 60} minutes`,
      measured: `${f1(r.dataset.seed.seconds)} s${r.dataset.reused ? ` (seeded ${r.dataset.seed.seededAt.slice(0, 10)}, reused)` : ''}`,
      met: r.dataset.seed.seconds < GOALS.seedSeconds,
    });
  }
  return rows;
}

const byKey = (r: DatasetResult | undefined, key: string) => r?.lists.find((l) => l.workload.key === key);

export function renderReport(rep: BenchReport): string {
  const [lite, pg] = [rep.results.find((r) => r.dataset.label === 'SQLite'), rep.results.find((r) => r.dataset.label === 'PostgreSQL')];
  const base = lite ?? pg!;
  const out: string[] = [];
  const p = (s = '') => out.push(s);
  p('# Performance at a million requests');
  p();
  p(`Measured by \`${rep.command}\` on ${rep.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC (${f0(rep.seconds)} s).`);
  p('Every figure below comes from that one run; `npm run bench` measures them again and rewrites this file.');
  p();
  p('## Machine');
  p();
  p(`- ${rep.machine.cpu}, ${rep.machine.cores} cores, ${rep.machine.memoryGb} GB RAM; ${rep.machine.os}; Node.js ${rep.machine.node}`);
  p(`- SQLite ${rep.sqliteVersions.driver} (node-sqlite3, in the server); sqlite3 shell ${rep.sqliteVersions.cli ?? 'absent'} (the raw reference)${rep.pgVersion ? `; PostgreSQL ${rep.pgVersion}` : ''}`);
  p(`- Load average before / after the run: ${rep.machine.loadBefore} / ${rep.machine.loadAfter ?? '—'} (the machine is shared: a load above the core count means other work took CPU from the bench, and figures are lower than on an idle machine)`);
  p(`- Data: ${base.dataset.seed.summary || `${f0(rep.options.customers)} customers`} (\`--customers ${rep.options.customers}\`)`);
  p(`- Load: autocannon on loopback, ${rep.options.connections} connections, ${rep.options.duration} s per measurement after a 2 s warm-up; the bench, autocannon and the server share the machine's ${rep.machine.cores} cores`);
  p();
  p('## Goals');
  p();
  p(`| goal | SQLite | met |${pg ? ' PostgreSQL |' : ''}`);
  p(`|---|---|---|${pg ? '---|' : ''}`);
  for (const g of lite ? goals(lite) : []) {
    const other = pg ? goals(pg).find((x) => x.goal === g.goal || x.goal.split(' ')[0] === g.goal.split(' ')[0]) : undefined;
    p(`| ${g.goal} | ${g.measured} | ${g.met ? 'yes' : '**no**'} |${pg ? ` ${other?.measured ?? '—'} |` : ''}`);
  }
  p();
  p('## Lists: a page of 25 and its total (`Content-Range`)');
  p();
  p('"HTTP": mean (p99) of requests sent one after another, what one user waits for. "Code": the server\'s list code');
  p('(SQL, queries, rows to JSON) in the bench\'s process on the same database, no HTTP. "Raw": the sqlite3 shell running');
  p('the page query and a `COUNT(*)` for the same rows on the same file with the server\'s cache settings: the plain handler');
  p('that counts on every request. "÷ raw" = code ÷ raw. "Under load": 10 connections.');
  p();
  p(`| list | HTTP ms (p99) | code ms | raw SQLite ms | ÷ raw | under load req/s | p50 / p99 ms |${pg ? ' PostgreSQL HTTP ms | PostgreSQL code ms | PostgreSQL req/s, p99 ms |' : ''}`);
  p(`|---|---|---|---|---|---|---|${pg ? '---|---|---|' : ''}`);
  for (const l of base.lists) {
    const s = byKey(lite, l.workload.key);
    const g = byKey(pg, l.workload.key);
    const http = (x?: ListResult) => (x?.latency ? `${ms(x.latency.mean)} (${ms(x.latency.p99)})` : '—');
    const code = (x?: ListResult) => (x?.inProcess ? ms(x.inProcess.mean) : '—');
    const load = (x?: ListResult) => (x?.throughput ? f0(x.throughput.rps) : '—');
    const pct = (x?: ListResult) => (x?.throughput ? `${x.throughput.p50} / ${x.throughput.p99}` : '—');
    const ratio = s?.inProcess && s.rawMs ? `${(s.inProcess.mean / s.rawMs).toFixed(2)}×` : '—';
    p(`| ${l.workload.label} | ${http(s)} | ${code(s)} | ${ms(s?.rawMs)} | ${ratio} | ${load(s)} | ${pct(s)} |${pg ? ` ${http(g)} | ${code(g)} | ${g?.throughput ? `${f0(g.throughput.rps)}, ${g.throughput.p99}` : '—'} |` : ''}`);
  }
  const mix = (r?: DatasetResult) => (r?.queueMix ? `${f0(r.queueMix.rps)} req/s, p50 ${r.queueMix.p50} ms, p99 ${r.queueMix.p99} ms` : '—');
  p();
  p(`Queue mix (the five queue views in turn, 10 connections): SQLite ${mix(lite)}${pg ? `; PostgreSQL ${mix(pg)}` : ''}.`);
  const cpu = lite?.queueMix?.cpuPer1000;
  if (cpu) p(`Server CPU per 1,000 queue requests: ${f1(cpu)} s on SQLite${pg?.queueMix?.cpuPer1000 ? `, ${f1(pg.queueMix.cpuPer1000)} s on PostgreSQL (plus the PostgreSQL server's own)` : ''}.`);
  p();
  p('## The closure request page');
  p();
  p('One view = the request, then its checklist, notes, bills, ledger, eSIM profiles, refunds and notifications in parallel (8 requests), 10 clients.');
  p();
  p(`| | views/s | requests/s | p50 ms | p99 ms | failed |`);
  p('|---|---|---|---|---|---|');
  for (const r of rep.results) {
    if (!r.pageViews) continue;
    const v = r.pageViews;
    p(`| ${r.dataset.label} | ${f0(v.viewsPerSecond)} | ${f0(v.requestsPerSecond)} | ${ms(v.latency.median)} | ${ms(v.latency.p99)} | ${v.failed} |`);
  }
  p();
  p('Each of its requests alone, one after another (mean ms over HTTP):');
  p();
  p(`| request |${rep.results.map((r) => ` ${r.dataset.label} |`).join('')}`);
  p(`|---|${rep.results.map(() => '---|').join('')}`);
  for (const [i, part] of (base.pageViews?.parts ?? []).entries()) {
    const label = decodeURIComponent(part.path).replace(/\/api\/closure-requests\/\d+/, '/api/closure-requests/<id>').replace(/(customerId|closureRequestId)":\d+/, '$1":…');
    p(`| \`${label}\` |${rep.results.map((r) => ` ${ms(r.pageViews?.parts[i]?.ms)} |`).join('')}`);
  }
  p();
  p('## Audited workflow actions');
  p();
  p('10 clients (5 staff members, 2 sessions each), each claiming a submitted request and approving it, then the next: every action is one');
  p('transaction with its version check, audit event (hash chain), outbox message and counters. Raw: the same statements by hand in the sqlite3 shell, one transaction per action, one connection.');
  p();
  p('| | actions/s | p50 ms | p99 ms | failed | raw SQLite actions/s |');
  p('|---|---|---|---|---|---|');
  for (const r of rep.results) {
    if (!r.actions) continue;
    const a = r.actions;
    p(`| ${r.dataset.label} | ${f0(a.actionsPerSecond)} | ${ms(a.latency.median)} | ${ms(a.latency.p99)} | ${a.failed} | ${r.rawActionsPerSecond ? f0(r.rawActionsPerSecond) : '—'} |`);
  }
  p();
  p('## Exports');
  p();
  p(`Streamed to nowhere by the bench, at most ${rep.options.exportSeconds} s each (a longer export is stopped and its rate is over what arrived). RSS: the server process, sampled every 100 ms.`);
  p();
  p('| export | database | rows/s | rows streamed | server RSS before → peak | raw reference rows/s |');
  p('|---|---|---|---|---|---|');
  for (const r of rep.results) {
    for (const e of r.exports) {
      const streamed = `${f0(e.run.rows)} of ${f0(e.totalRows)}${e.run.complete ? '' : ' (stopped)'}${e.run.status !== 200 ? ` — HTTP ${e.run.status}` : ''}`;
      const raw = e.raw ? `${f0(e.raw.rowsPerSecond)} (${e.raw.what})` : '—';
      p(`| ${e.label} | ${r.dataset.label} | ${f0(e.run.rowsPerSecond)} | ${streamed} | ${mb(e.run.startRssMb)} → ${mb(e.run.peakRssMb)} | ${raw} |`);
    }
  }
  p();
  p('## Seed');
  p();
  for (const r of rep.results) {
    const s = r.dataset.seed;
    p(`- ${r.dataset.label}: \`npm run seed -- --customers ${s.customers}\` took ${f1(s.seconds)} s${r.dataset.reused ? ` (on ${s.seededAt.slice(0, 10)}; this run reused that database)` : ' (in this run)'}: ${s.summary}`);
  }
  p();
  p('## The SPA\'s initial JavaScript');
  p();
  if (rep.bundle) {
    p(`${f0(rep.bundle.gzipTotal / 1024)} KiB gzip (level 9) in ${rep.bundle.files.length} files loaded by index.html: ${rep.bundle.files.map((x) => `${x.file.replace('/assets/', '')} ${f0(x.gzip / 1024)} KiB`).join(', ')}.`);
  } else {
    p('client/dist was not built when the bench ran (`npm run build` first).');
  }
  p();
  return out.join('\n');
}
