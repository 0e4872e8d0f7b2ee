import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { dropPostgresWork, postgresDataset, sqliteDataset, type Dataset } from './datasets';
import { runExport } from './exports';
import { cannon, getJson, login, sequential, type Session } from './load';
import { inProcess } from './in-process';
import { initialJs, loadAverage, machine } from './machine';
import { renderLighthouse, runLighthouse } from './lighthouse';
import { NOTES } from './notes';
import { readOptions, runs, type BenchOptions } from './options';
import { rawActionsPerSecond } from './raw-actions';
import { rawCsvRowsPerSecond, rawMs, rawValue, sqliteCliVersion } from './raw-sqlite';
import { renderReport, type BenchReport, type DatasetResult, type ExportResult, type ListResult } from './report';
import { actionCandidates, auditedActions, requestPageViews, type Candidate } from './request-work';
import { startServer, type ServerProcess } from './server-process';
import { DEEP_OFFSET, listWorkloads, type BenchFacts } from './workloads';
import { benchAuditTree, renderTreeBench } from './audit-tree';
import { renderSseCost, sseCost } from './sse';

/** The live pages' sections (sse.ts), one per dataset, printed after the report. */
const sseSections: string[] = [];

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

/** Reads one value from the dataset's database, whichever it is. */
async function probe(ds: Dataset): Promise<(sql: string) => Promise<string>> {
  if (ds.sqliteFile) return async (sql) => rawValue(ds.sqliteFile!, sql);
  return async (sql) => {
    const client = new pg.Client({ connectionString: ds.databaseUrl });
    await client.connect();
    try {
      const r = await client.query({ text: sql, rowMode: 'array' });
      return String(r.rows[0]?.[0] ?? '');
    } finally {
      await client.end();
    }
  };
}

/** What the workloads need from the data: staff, search terms, request ids spread over the table, the deep page's cursor. */
async function gatherFacts(ds: Dataset, agent: Session): Promise<BenchFacts> {
  const value = await probe(ds);
  const totalRequests = Number(await value('SELECT COUNT(*) FROM closure_requests'));
  const customers = Number(await value('SELECT COUNT(*) FROM customers'));
  const middle = Math.max(1, Math.floor(customers / 2));
  const names = await value(`SELECT ${ds.sqliteFile ? 'group_concat(full_name, \'|\')' : 'string_agg(full_name, \'|\')'}
    FROM (SELECT full_name FROM customers WHERE locale = 'en' AND id >= ${middle} ORDER BY id LIMIT 20) AS t`);
  const surname = names.split('|').flatMap((n) => n.split(' ')).find((w) => /^[A-Za-z]{4,}$/.test(w)) ?? 'Smith';
  const ids = await value(`SELECT ${ds.sqliteFile ? 'group_concat(id)' : 'string_agg(CAST(id AS TEXT), \',\')'}
    FROM (SELECT id FROM closure_requests ORDER BY (id * 2654435761) % 1000003 LIMIT 500) AS t`);
  const requestIds = ids.split(',').map(Number).filter((n) => n > 0);
  const deepOffset = Math.min(DEEP_OFFSET, Math.floor(totalRequests / 2));
  const cursorRow = ds.sqliteFile && deepOffset > 0
    ? rawValue(ds.sqliteFile, `SELECT submitted_at || '|' || id FROM closure_requests ORDER BY submitted_at DESC, id DESC LIMIT 1 OFFSET ${deepOffset - 1}`)
    : '';
  const [submittedAt, cursorId] = cursorRow.split('|');
  const seededDay = ds.seed.seededAt.slice(0, 10);
  return {
    agentId: agent.userId,
    now: new Date(),
    anchor: new Date(`${seededDay}T00:00:00Z`),
    totalRequests,
    requestIds,
    reference: await value(`SELECT reference FROM closure_requests WHERE id = ${requestIds[0]}`),
    phone: typed(await value(`SELECT phone FROM customers WHERE id = ${middle}`)),
    email: (await value(`SELECT email FROM customers WHERE id = ${middle}`)).toUpperCase(),
    iccid: await value(`SELECT iccid FROM esim_profiles WHERE customer_id = ${middle} ORDER BY id LIMIT 1`),
    surname,
    entityId: String(requestIds[1] ?? 1),
    deepCursor: cursorId ? { submittedAt: submittedAt!, id: Number(cursorId) } : null,
  };
}

/** A stored phone number as a person reads it out: with its country code, in groups (the search takes any spelling of the whole number). */
const typed = (phone: string) => (phone.startsWith('+44')
  ? `+44 ${phone.slice(3, 7)} ${phone.slice(7)}`
  : `+86 ${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`);

async function benchLists(opts: BenchOptions, ds: Dataset, server: ServerProcess, agent: Session, auditor: Session, facts: BenchFacts) {
  const lists: ListResult[] = [];
  const code = inProcess(ds.databaseUrl);
  for (const workload of listWorkloads(facts)) {
    log(`${ds.label}: ${workload.label}`);
    const s = workload.as === 'auditor' ? auditor : agent;
    const latency = workload.path ? await sequential(server.url, s, workload.path, { seconds: 2, max: 400 }) : null;
    const local = workload.path ? await code.time(workload.path, 1.5) : null;
    const raw = ds.sqliteFile ? rawMs(ds.sqliteFile, workload.raw) : null;
    let throughput = null;
    if (workload.throughput && workload.path) {
      const cpu0 = server.cpuSeconds();
      throughput = await cannon(server.url, s, [workload.path], { connections: opts.connections, seconds: opts.duration });
      throughput.cpuPer1000 = ((server.cpuSeconds() - cpu0) / throughput.requests) * 1000;
    }
    lists.push({ workload, latency, inProcess: local, rawMs: raw, throughput });
  }
  await code.close();
  const queuePaths = lists.filter((l) => l.workload.kind === 'queue').map((l) => l.workload.path);
  log(`${ds.label}: queue mix`);
  const cpu0 = server.cpuSeconds();
  const queueMix = await cannon(server.url, agent, queuePaths, { connections: opts.connections, seconds: opts.duration });
  queueMix.cpuPer1000 = ((server.cpuSeconds() - cpu0) / queueMix.requests) * 1000;
  return { lists, queueMix };
}

async function benchExports(opts: BenchOptions, ds: Dataset, server: ServerProcess, auditor: Session): Promise<ExportResult[]> {
  const out: ExportResult[] = [];
  const total = async (resource: string) => (await getJson(server.url, auditor, `/api/${resource}?range=[0,0]`)).total ?? 0;
  const auditRows = await total('audit-events');
  const requestRows = await total('closure-requests');
  const auditColumns = 'id, at, actor_id, actor_email, actor_role, ip, action, entity_type, entity_id, reason, before, after, prev_hash, hash';
  const runs: { label: string; path: string; header: boolean; rows: number; raw: { sql: string; what: string } }[] = [
    { label: 'Audit trail, CSV', path: '/api/audit-events/export?format=csv', header: true, rows: auditRows,
      raw: { sql: `SELECT ${auditColumns} FROM audit_events ORDER BY id`, what: '`sqlite3 -csv`, same columns' } },
    { label: 'Audit trail, JSONL', path: '/api/audit-events/export?format=jsonl', header: false, rows: auditRows, raw: { sql: '', what: '' } },
    { label: 'Closure records, CSV', path: '/api/closure-requests/export?format=csv', header: true, rows: requestRows,
      raw: {
        sql: `SELECT cr.*, c.account_no,
          (SELECT json_group_array(json_object('eventId', e.id, 'at', e.at, 'action', e.action, 'actorId', e.actor_id, 'reason', e.reason, 'after', e.after))
             FROM audit_events e WHERE e.entity_type = 'closure_request' AND e.entity_id = CAST(cr.id AS TEXT)),
          (SELECT json_group_array(json_object('id', r.id, 'amount', r.amount, 'status', r.status)) FROM refunds r WHERE r.closure_request_id = cr.id)
          FROM closure_requests cr LEFT JOIN customers c ON c.id = cr.customer_id ORDER BY cr.id`,
        what: '`sqlite3 -csv`, history and refunds as JSON subqueries',
      } },
  ];
  for (const r of runs) {
    log(`${ds.label}: export ${r.label}`);
    r.rows = await total(r.path.includes('audit') ? 'audit-events' : 'closure-requests'); // each export adds its own audit event
    const run = await runExport(server, auditor, r.path, r.header, opts.exportSeconds);
    const raw = ds.sqliteFile && r.raw.sql ? { ...(await rawCsvRowsPerSecond(ds.sqliteFile, r.raw.sql, r.rows, opts.exportSeconds)), what: r.raw.what } : null;
    out.push({ label: r.label, run, totalRows: r.rows, raw });
  }
  return out;
}

/** Lists, the request page and the exports read; the actions, last, write (and their raw reference runs once the server is gone). */
async function benchDataset(opts: BenchOptions, ds: Dataset): Promise<DatasetResult> {
  log(`${ds.label}: starting the server`);
  const server = await startServer(ds.databaseUrl, path.join(opts.dataDir, `server-${ds.label.toLowerCase()}.log`));
  const result: DatasetResult = { dataset: ds, lists: [], queueMix: null, pageViews: null, actions: null, rawActionsPerSecond: null, exports: [], idleRssMb: 0 };
  let leftOver: Candidate[] = [];
  let agent: Session;
  try {
    result.idleRssMb = server.rssMb();
    agent = await login(server.url, 'agent@demo.test');
    const auditor = await login(server.url, 'auditor@demo.test');
    const facts = await gatherFacts(ds, agent);
    if (runs(opts, 'lists')) Object.assign(result, await benchLists(opts, ds, server, agent, auditor, facts));
    if (runs(opts, 'page')) {
      log(`${ds.label}: closure request page`);
      result.pageViews = await requestPageViews(server.url, agent, facts.requestIds, opts.connections, opts.duration);
    }
    if (runs(opts, 'sse')) {
      log(`${ds.label}: open event streams against the queue view`);
      const queuePaths = listWorkloads(facts).filter((w) => w.kind === 'queue' && w.path).map((w) => w.path!);
      const cost = await sseCost(server.url, agent, queuePaths, { connections: opts.connections, seconds: opts.duration }, () => server.cpuSeconds());
      log(`${ds.label}: queue mix ${cost.without.map((x) => x.toFixed(0)).join('/')} req/s without streams, ${cost.with.map((x) => x.toFixed(0)).join('/')} with ${cost.streams}: cost ${cost.costPercent.toFixed(1)} % of req/s, ${cost.cpuCostPercent.toFixed(1)} % of CPU per request`);
      sseSections.push(renderSseCost(ds.label, cost));
    }
    if (runs(opts, 'exports')) result.exports = await benchExports(opts, ds, server, auditor);
    if (runs(opts, 'actions')) {
      log(`${ds.label}: audited actions`);
      const staff = ['agent@demo.test', 'agent2@demo.test', 'agent3@demo.test', 'supervisor@demo.test', 'supervisor2@demo.test'];
      const sessions = await Promise.all(Array.from({ length: opts.connections }, (_, i) => login(server.url, staff[i % staff.length]!)));
      const candidates = await actionCandidates(server.url, agent, 800 * (opts.duration + 2) + 1000);
      await auditedActions(server.url, sessions, candidates, 2); // warm-up
      result.actions = await auditedActions(server.url, sessions, candidates, opts.duration);
      leftOver = candidates;
    }
  } finally {
    await server.stop();
  }
  if (ds.sqliteFile && leftOver.length) {
    log(`${ds.label}: raw reference of the actions`);
    result.rawActionsPerSecond = rawActionsPerSecond(ds.sqliteFile, leftOver.slice(0, 1000), { id: agent!.userId, email: agent!.email });
  }
  return result;
}

async function main(): Promise<void> {
  // Lighthouse in the browser (issue 19): `--lighthouse` runs it alone, `--no-lighthouse` leaves it out of the full bench.
  const argv = process.argv.slice(2);
  if (argv.includes('--lighthouse')) {
    process.stdout.write(`${renderLighthouse(await runLighthouse())}\n`);
    return;
  }
  const withLighthouse = !argv.includes('--no-lighthouse');
  process.argv = [...process.argv.slice(0, 2), ...argv.filter((a) => a !== '--no-lighthouse')];
  const opts = readOptions();
  const startedAt = new Date();
  // The audit tree's own figures (audit-tree.ts), on temporary databases of their own.
  const tree = runs(opts, 'tree') ? renderTreeBench(await benchAuditTree({ treeSize: opts.treeSize, seedCustomers: opts.treeSeedCustomers }, log)) : null;
  if (tree) process.stdout.write(`${tree}\n`);
  if (opts.only && [...opts.only].every((s) => s === 'tree')) return;
  const host = machine();
  const datasets: Dataset[] = [await sqliteDataset(opts.dataDir, opts.customers, opts.fresh, (l) => log(`sqlite ${l}`))];
  if (opts.pg) datasets.push(await postgresDataset(opts.pg, opts.dataDir, opts.customers, opts.fresh, (l) => log(`postgres ${l}`)));
  const results: DatasetResult[] = [];
  for (const ds of datasets) results.push(await benchDataset(opts, ds));
  if (opts.pg) await dropPostgresWork(opts.pg);
  host.loadAfter = loadAverage();

  const sqliteDriver = await new Promise<string>((resolve) => {
    import('sqlite3').then(({ default: sqlite3 }) => {
      const db = new sqlite3.Database(':memory:');
      db.get('SELECT sqlite_version() AS v', (_e: Error | null, row: { v: string }) => db.close(() => resolve(row.v)));
    });
  });
  const pgVersion = opts.pg ? await (await probe({ ...datasets[1]!, databaseUrl: opts.pg, sqliteFile: undefined }))('SHOW server_version') : null;
  const report: BenchReport = {
    startedAt,
    seconds: (Date.now() - startedAt.getTime()) / 1000,
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    machine: host,
    sqliteVersions: { cli: sqliteCliVersion(), driver: sqliteDriver },
    pgVersion,
    options: { duration: opts.duration, connections: opts.connections, exportSeconds: opts.exportSeconds, customers: opts.customers },
    results,
    bundle: initialJs(),
  };
  const browser = withLighthouse ? `\n## In the browser: Lighthouse 12.2.3\n\n${renderLighthouse(await runLighthouse())}\n` : '';
  const live = sseSections.length ? `\n## Live pages\n\n${sseSections.join('\n')}` : '';
  const markdown = `${renderReport(report)}${live}\n${tree ? `\n## The audit Merkle tree (this run)\n\n${tree}\n` : ''}${browser}${NOTES}`;
  process.stdout.write(`${renderReport(report)}${live}\n${browser}`);
  if (opts.out !== '-') {
    fs.mkdirSync(path.dirname(opts.out), { recursive: true });
    fs.writeFileSync(opts.out, markdown);
    log(`wrote ${opts.out}`);
  }
}

await main();
