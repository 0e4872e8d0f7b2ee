import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { promisify } from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendLeaves } from '../src/audit/audit-tree';
import { canonicalEventText, hashEvent, type HashedEvent } from '../src/audit/hash';
import { bulkInsert } from '../src/platform/db/bulk-insert';
import { ApiClient } from './support/api-client';
import { startTestServer, type TestServer } from './support/test-server';

// Only the export runs in this process while it is measured: no outbox polling beside it.
process.env.DISABLE_JOBS = '1';

const EVENTS = 200_000;
const MAX_RSS_GROWTH_MB = 150;
const run = promisify(execFile);
const serverDir = path.resolve(import.meta.dirname, '..');

let server: TestServer;
let auditor: ApiClient;
let dir: string;

beforeAll(async () => {
  server = await startTestServer({ customers: 10 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-volume-'));
  await appendBulkEvents(EVENTS);
  auditor = await ApiClient.as(server.url, 'auditor@demo.test');
}, 300_000);
afterAll(async () => {
  await server?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const COLUMNS = ['id', 'at', 'actor_id', 'actor_email', 'actor_role', 'ip', 'action', 'entity_type', 'entity_id', 'reason', 'before', 'after', 'prev_hash', 'hash'];

/** Continues the live chain by the hash rule, 10,000 events per transaction, through bulk statements. */
async function appendBulkEvents(count: number): Promise<void> {
  const { db } = server.ctx;
  // node-sqlite3 binds each numbered parameter by a name lookup, so a statement's cost grows with the
  // square of its parameters: many small statements are far faster there than a few large ones.
  const perStatement = db.dialect === 'sqlite' ? 25 : 2_000;
  for (let done = 0; done < count; done += 10_000) {
    await db.transaction(async (tx) => {
      const [last] = (await db.sequelize.query('SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1', { transaction: tx, type: 'SELECT' })) as { id: number; hash: string }[];
      let prev = last!.hash;
      const rows: unknown[][] = [];
      const texts: string[] = [];
      for (let i = 0; i < Math.min(10_000, count - done); i++) {
        const id = Number(last!.id) + i + 1;
        const at = new Date(Date.UTC(2026, 0, 1) + id * 1000);
        const e: HashedEvent = {
          id, at: at.toISOString(), actorId: 1 + (id % 7), actorEmail: `staff${id % 7}@demo.test`, actorRole: id % 2 ? 'agent' : 'supervisor',
          ip: '10.0.0.12', action: `load.${id % 5}`, entityType: 'closure_request', entityId: String(id % 997),
          reason: id % 3 ? null : `note ${id}, with "quotes" and a comma`,
          before: JSON.stringify({ status: 'in_review', version: id % 13 }), after: JSON.stringify({ status: 'approved', note: '审核通过', n: id }),
          prevHash: prev,
        };
        const hash = hashEvent(e);
        texts.push(canonicalEventText(e));
        rows.push([e.id, at, e.actorId, e.actorEmail, e.actorRole, e.ip, e.action, e.entityType, e.entityId, e.reason, e.before, e.after, e.prevHash, hash]);
        prev = hash;
      }
      for (let at = 0; at < rows.length; at += perStatement) await bulkInsert(db, 'audit_events', COLUMNS, rows.slice(at, at + perStatement), tx);
      await appendLeaves(db, tx, Number(last!.id), texts); // the Merkle tree keeps up, as the audit core's appends do
    });
  }
}

/** A full garbage collection, so the figures are the export's own and not the bulk insert's leftovers. */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

/** Samples this process's RSS (the server runs in it) every 250 ms, after a full collection, while fn runs. */
async function measured<T>(fn: () => Promise<T>): Promise<{ result: T; startMb: number; peakMb: number; seconds: number }> {
  const mb = () => process.memoryUsage().rss / 1024 / 1024;
  collectGarbage();
  const startMb = mb();
  let peakMb = startMb;
  // Each sample follows a full collection: what is bounded is the memory the export holds on to, not
  // how long V8 lets young garbage pile up before it collects (that alone varied the figure by ~100 MB
  // between runs of the same code, and once ran a walk past the bound in CI).
  const timer = setInterval(() => {
    collectGarbage();
    peakMb = Math.max(peakMb, mb());
  }, 250);
  const started = performance.now();
  try {
    const result = await fn();
    collectGarbage();
    peakMb = Math.max(peakMb, mb());
    return { result, startMb, peakMb, seconds: (performance.now() - started) / 1000 };
  } finally {
    clearInterval(timer);
  }
}

/** Streams a download into a file (with back-pressure) and counts its CRLF/LF record ends. */
async function downloadTo(file: string, url: string, separator: string): Promise<number> {
  const res = await fetch(url, { headers: { cookie: auditor.cookie! } });
  expect(res.status).toBe(200);
  const out = fs.createWriteStream(file);
  let records = 0;
  const sep = Buffer.from(separator);
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    const buf = Buffer.from(chunk);
    for (let at = buf.indexOf(sep); at !== -1; at = buf.indexOf(sep, at + 1)) records++;
    if (!out.write(buf)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
  return records;
}

const report = (label: string, rows: number, m: { startMb: number; peakMb: number; seconds: number }) =>
  console.log(`${label} [${server.ctx.db.dialect}]: ${rows} rows in ${m.seconds.toFixed(1)} s = ${Math.round(rows / m.seconds)} rows/s;`
    + ` RSS start ${m.startMb.toFixed(0)} MB, peak ${m.peakMb.toFixed(0)} MB, growth ${(m.peakMb - m.startMb).toFixed(0)} MB`);

describe('exporting 200,000 audit events', () => {
  it('when exported as JSONL over HTTP, then every row arrives, memory stays flat, and the offline verifier passes the file', async () => {
    const total = Number(await server.ctx.models.AuditEvent.max('id'));
    expect(total).toBeGreaterThan(EVENTS);
    const file = path.join(dir, 'audit.jsonl');
    const m = await measured(() => downloadTo(file, `${server.url}/api/audit-events/export?format=jsonl`, '\n'));
    report('JSONL export', m.result, m);
    expect(m.result).toBe(total);
    expect(m.peakMb - m.startMb).toBeLessThan(MAX_RSS_GROWTH_MB);

    const started = performance.now();
    const { stdout } = await run('npx', ['tsx', 'src/cli/audit-verify.ts', file], { cwd: serverDir, env: { ...process.env, AUDIT_SIGNING_KEY: '' } });
    console.log(`offline verifier: ${total} events in ${((performance.now() - started) / 1000).toFixed(1)} s (with tsx start-up)`);
    expect(stdout).toContain(`OK: ${total} events`);
  }, 300_000);

  it('when exported as CSV over HTTP, then every row arrives and memory stays flat', async () => {
    const total = Number(await server.ctx.models.AuditEvent.max('id'));
    const file = path.join(dir, 'audit.csv');
    const m = await measured(() => downloadTo(file, `${server.url}/api/audit-events/export?format=csv`, '\n'));
    report('CSV export', m.result - 1, m);
    expect(m.result - 1).toBe(total); // the header is a record too
    expect(m.peakMb - m.startMb).toBeLessThan(MAX_RSS_GROWTH_MB);
  }, 300_000);

  it('when the chain is checked on the server, then all 200,000 events are walked in bounded memory', async () => {
    const total = Number(await server.ctx.models.AuditEvent.max('id'));
    const m = await measured(() => auditor.get('/api/audit-events/verify'));
    report('verify endpoint', total, m);
    expect(m.result.body).toMatchObject({ ok: true, checked: total, lastId: total });
    expect(m.peakMb - m.startMb).toBeLessThan(MAX_RSS_GROWTH_MB);
  }, 300_000);

  it('when the client goes away early, then the server stops reading and records the export as aborted with the rows sent', async () => {
    const total = Number(await server.ctx.models.AuditEvent.max('id'));
    const controller = new AbortController();
    const res = await fetch(`${server.url}/api/audit-events/export?format=csv`, { headers: { cookie: auditor.cookie! }, signal: controller.signal });
    const reader = res.body!.getReader();
    await reader.read();
    controller.abort();
    let event: any;
    for (let i = 0; i < 100 && !event; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const list = await auditor.list('audit-events', { filter: { action: 'audit.export' }, sort: ['id', 'DESC'], range: [0, 0] });
      if (list.body[0]?.after.outcome === 'aborted') event = list.body[0];
    }
    expect(event).toMatchObject({ actorEmail: 'auditor@demo.test', after: { format: 'csv', outcome: 'aborted', firstId: 1 } });
    expect(event.after.rows).toBeGreaterThan(0);
    expect(event.after.rows).toBeLessThan(total);
  }, 60_000);
});
