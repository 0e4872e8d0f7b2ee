import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../test/support/api-client';
import { createTestDatabase, INTAKE_KEY, startTestServer } from '../test/support/test-server';
import { checkReadiness, markDraining } from '../src/ops/readiness';
import { seedDatabase } from './support/server';
import { startChild, type ChildServer } from './support/child';
import { newKey } from './support/cluster';
import { dialect, report } from './support/figures';
import { openInspector, type Inspector } from './support/inspect';
import { baseline, checkConsistency, expectConsistent } from './support/invariants';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
let database: { url: string; drop(): Promise<void> };
let dir: string;
let server: ChildServer;
let inspector: Inspector;
const env = () => ({ DATABASE_URL: database.url, NOTIFY_FILE: path.join(dir, 'outbox.jsonl') });

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDatabase(database.url, 80);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closure-desk-ops-'));
  server = await startChild(env());
  inspector = await openInspector(database.url);
});
afterAll(async () => {
  await server?.kill();
  await inspector?.close();
  await database?.drop();
});

/** A POST whose body is sent in two halves, so the request is surely in flight between them. */
function slowPost(url: string, pathname: string, headers: Record<string, string>, body: string) {
  const bytes = Buffer.from(body);
  const half = Math.floor(bytes.length / 2);
  let finish!: () => void;
  const answered = new Promise<{ status: number; body: any }>((resolve, reject) => {
    const req = http.request(`${url}${pathname}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'content-length': String(bytes.length) },
      agent: false,
    }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : null }));
    });
    req.on('error', reject);
    req.write(bytes.subarray(0, half));
    finish = () => req.end(bytes.subarray(half));
  });
  return { answered, finish: () => finish() };
}

describe('graceful shutdown', () => {
  it('when SIGTERM arrives during a slow request, then the server stops accepting, finishes that request, and exits 0', async () => {
    const supervisor = await ApiClient.as(server.url, 'supervisor@demo.test');
    const [request] = await inspector.query<{ id: number }>("SELECT id FROM closure_requests WHERE status = 'in_review' ORDER BY id LIMIT 1");
    const text = `written during shutdown ${newKey()}`;
    const slow = slowPost(server.url, `/api/closure-requests/${request!.id}/notes`, {
      cookie: supervisor.cookie!, 'x-csrf-token': supervisor.csrfToken!,
    }, JSON.stringify({ text }));
    await new Promise((r) => setTimeout(r, 300)); // the server has the headers and half the body
    const started = Date.now();
    server.process.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    const refused = await fetch(`${server.url}/api/health`).then(() => false, () => true);
    expect(refused, 'no new connection is accepted once shutdown starts').toBe(true);
    slow.finish();
    const answer = await slow.answered;
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const exit = await server.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    const [row] = await inspector.query<{ n: number }>(`SELECT COUNT(*) AS n FROM closure_notes n WHERE n.id = :id AND n.text = :text
      AND EXISTS (SELECT 1 FROM audit_events e WHERE e.action = 'closure.note' AND e.entity_id = :rid)`, { id: answer.body.id, text, rid: String(request!.id) });
    expect(Number(row!.n)).toBe(1);
    report('graceful shutdown (SIGTERM)', { inFlightRequestCompleted: answer.status, newConnectionsRefused: refused, exitCode: exit.code, shutdownMs: Date.now() - started });
    server = await startChild(env());
  });

  it('when the server is draining, then readiness answers 503 in the error shape', async () => {
    const fake = { db: { sequelize: { query: async () => [] } } } as never;
    markDraining(fake);
    await expect(checkReadiness(fake)).rejects.toMatchObject({ status: 503, code: 'service_unavailable' });
  });
});

describe('logs', () => {
  it('when staff sign in and systems call intake, then no session token, CSRF token, password, API key or search term appears in the logs', async () => {
    const verbose = await startChild({ ...env(), LOG_LEVEL: 'info' });
    try {
      const agent = await ApiClient.as(verbose.url, 'agent@demo.test');
      await agent.post('/api/closure-requests/1/notes', { text: 'logged?' });
      await agent.get(`/api/closure-requests?filter=${encodeURIComponent(JSON.stringify({ q: '13912345678' }))}`);
      await new ApiClient(verbose.url, { authorization: `Bearer ${INTAKE_KEY}` }).post('/api/intake/profile-events', {}, { 'idempotency-key': newKey() });
      await new ApiClient(verbose.url).post('/api/auth/login', { email: 'agent@demo.test', password: 'a-wrong-password' });
    } finally {
      await verbose.stop();
    }
    const log = verbose.output.join('');
    expect(log).toContain('"url":"/api/auth/login"'); // the requests were logged...
    const session = (await inspector.query<{ n: number }>('SELECT COUNT(*) AS n FROM sessions'))[0]!;
    expect(Number(session.n)).toBeGreaterThan(0);
    expect(log).toContain('"url":"/api/closure-requests"');
    expect(log, 'a search term (here a phone number) in the logs').not.toContain('13912345678');
    for (const secret of [/cd_session=[A-Za-z0-9_-]{20,}/, /test-password|a-wrong-password/, new RegExp(INTAKE_KEY), /"x-csrf-token":"[A-Za-z0-9_-]{20,}/]) {
      expect(log, `${secret} in the logs`).not.toMatch(secret); // ...without their secrets
    }
  });
});

describe('readiness', () => {
  it('when the database answers and every migration ran, then 200; a missing migration or a closed database, then 503', async () => {
    const own = await startTestServer({ customers: 0 });
    try {
      const anon = new ApiClient(own.url);
      const ok = await anon.get('/api/ready');
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ status: 'ready', migrations: { pending: 0 } });
      const [last] = await own.ctx.db.sequelize.query('SELECT name FROM schema_migrations ORDER BY name DESC LIMIT 1', { type: 'SELECT' }) as { name: string }[];
      await own.ctx.db.sequelize.query('DELETE FROM schema_migrations WHERE name = :name', { replacements: { name: last!.name } });
      const behind = await anon.get('/api/ready');
      expect(behind.status).toBe(503);
      expect(behind.body).toEqual({ code: 'service_unavailable', message: expect.stringContaining('migration') });
      expect((await anon.get('/api/health')).status, 'liveness is another question').toBe(200);
      await own.ctx.db.sequelize.query('INSERT INTO schema_migrations (name) VALUES (:name)', { replacements: { name: last!.name } });
      expect((await anon.get('/api/ready')).status).toBe(200);
      await own.ctx.db.close();
      const down = await anon.get('/api/ready');
      expect(down.status).toBe(503);
      expect(down.body.code).toBe('service_unavailable');
    } finally {
      await own.stop().catch(() => undefined);
    }
  });
});

// The online backup API is SQLite's; PostgreSQL deployments back up with pg_dump (docs/OPERATIONS.md).
if (dialect() === 'sqlite') describe('online backup (SQLite)', () => {
  it('when `npm run backup` runs during a burst of writes, then the copy is consistent, and a server restored from it starts and serves', async () => {
    const supervisor = await ApiClient.as(server.url, 'supervisor@demo.test');
    const intake = new ApiClient(server.url, { authorization: `Bearer ${INTAKE_KEY}` });
    const [request] = await inspector.query<{ id: number }>("SELECT id FROM closure_requests WHERE status = 'in_review' ORDER BY id LIMIT 1");
    const accounts = await inspector.query<{ accountNo: string }>(`SELECT account_no AS "accountNo" FROM customers c WHERE status = 'active'
      AND NOT EXISTS (SELECT 1 FROM closure_requests r WHERE r.customer_id = c.id AND r.status IN ('submitted','in_review','awaiting_customer','approved')) LIMIT 60`);
    const since = await baseline(inspector);
    let writing = true;
    let writes = 0;
    const burst = Promise.all(Array.from({ length: 4 }, async (_, w) => {
      while (writing) {
        const account = w % 2 === 0 ? accounts.shift() : undefined;
        const res = account
          ? await intake.post('/api/intake/closure-requests', { accountNo: account.accountNo, reasonCode: 'other' }, { 'idempotency-key': newKey('bk') })
          : await supervisor.post(`/api/closure-requests/${request!.id}/notes`, { text: `during backup ${writes}` });
        expect(res.status).toBeLessThan(300);
        writes++;
      }
    }));
    await new Promise((r) => setTimeout(r, 300));
    const target = path.join(dir, 'backup', 'closure-desk-copy.db');
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'backup', '--', target], {
      cwd: REPO_ROOT, env: { ...process.env, DATABASE_URL: database.url },
    });
    const copied = JSON.parse(stdout.trim().split('\n').pop()!);
    writing = false;
    await burst;
    expect(copied).toMatchObject({ integrity: 'ok' });

    // the copy stands on its own: chain, ledger, nothing half-written
    const copy = await openInspector(`sqlite:${target}`);
    const c = await checkConsistency(copy, since);
    await copy.close();
    expectConsistent(c);
    expect(c.chain.checked).toBe(copied.auditEvents);

    // restore as docs/OPERATIONS.md says: stop, put the copy in place (no stale -wal/-shm), start
    const restoredFile = path.join(dir, 'restored.db');
    fs.copyFileSync(target, restoredFile);
    const restored = await startChild({ DATABASE_URL: `sqlite:${restoredFile}`, NOTIFY_FILE: path.join(dir, 'restored-outbox.jsonl') });
    try {
      expect((await fetch(`${restored.url}/api/ready`)).status).toBe(200);
      const auditor = await ApiClient.as(restored.url, 'auditor@demo.test');
      const verified = await auditor.get('/api/audit-events/verify');
      expect(verified.body.ok).toBe(true);
    } finally {
      await restored.stop();
    }
    report('online backup', { writesDuringBackup: writes, pages: copied.pages, bytes: copied.bytes, auditEvents: copied.auditEvents, backupMs: copied.ms, integrity: copied.integrity, restoredServes: true });
  });
});
