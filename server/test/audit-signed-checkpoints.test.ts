import { execFile } from 'node:child_process';
import { createHash, createPublicKey, verify } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEvent } from '../src/audit/append-audit-event';
import { treeCheckpointJob } from '../src/audit/tree-checkpoint-job';
import { ApiClient } from './support/api-client';
import { verifyConsistency } from './support/rfc9162';
import { startTestServer, type TestServer } from './support/test-server';

process.env.DISABLE_JOBS = '1'; // the scheduled job is started by hand below, with short timings

const serverDir = path.resolve(import.meta.dirname, '..');
let server: TestServer;
let auditor: ApiClient;
let dir: string;

beforeAll(async () => {
  server = await startTestServer({ customers: 10 });
  auditor = await ApiClient.as(server.url, 'auditor@demo.test');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signed-cp-'));
});
afterAll(async () => {
  await server?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const run = (args: string[], env: Record<string, string> = {}) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile('npx', ['tsx', ...args], { cwd: serverDir, env: { ...process.env, ...env } }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });

/** C2SP signed-note verification written here from the spec (c2sp.org/signed-note, c2sp.org/tlog-checkpoint). */
function openNote(note: string, pem: string) {
  const cut = note.lastIndexOf('\n\n');
  const body = note.slice(0, cut + 1);
  const [origin, size, root] = body.slice(0, -1).split('\n') as [string, string, string];
  const key = createPublicKey(pem);
  const raw = Buffer.from((key.export({ format: 'jwk' }) as { x: string }).x, 'base64url');
  const id = createHash('sha256').update(Buffer.concat([Buffer.from(origin), Buffer.from([0x0a, 0x01]), raw])).digest().subarray(0, 4);
  const sigLines = note.slice(cut + 2, -1).split('\n');
  const mine = sigLines.map((l) => /^\u2014 (\S+) (\S+)$/.exec(l)).find((m) => m && m[1] === origin)!;
  const sig = Buffer.from(mine[2]!, 'base64');
  return {
    origin, size: Number(size), root,
    ok: sig.subarray(0, 4).equals(id) && verify(null, Buffer.from(body), key, sig.subarray(4)),
  };
}

let pem: string;

describe('Ed25519 signed checkpoints (C2SP signed note)', () => {
  it('when anyone asks, without signing in, then the public key is published', async () => {
    const res = await new ApiClient(server.url).get('/api/audit/public-key');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ algorithm: 'Ed25519', origin: expect.any(String) });
    expect(res.body.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(res.body.verifierKey).toMatch(new RegExp(`^${res.body.origin}\\+${res.body.keyId}\\+`));
    pem = res.body.publicKeyPem;
  });

  it('when an auditor signs now, then the checkpoint is a valid signed note of the tree before its own event, kept and audited', async () => {
    const res = await auditor.post('/api/audit/checkpoints');
    expect(res.status).toBe(201);
    const cp = res.body;
    expect(cp.treeSize).toBe(cp.eventId - 1);
    const note = openNote(cp.note, pem);
    expect(note).toMatchObject({ ok: true, size: cp.treeSize, root: cp.rootHash });
    const proof = await auditor.get(`/api/audit/proofs/inclusion?id=1&size=${cp.treeSize}`);
    expect(proof.body.rootHash).toBe(cp.rootHash);
    const [event] = (await auditor.list('audit-events', { filter: { action: 'audit.tree_checkpoint' }, sort: ['id', 'DESC'], range: [0, 0] })).body;
    expect(event).toMatchObject({ id: cp.eventId, actorEmail: 'auditor@demo.test', entityType: 'audit_tree', entityId: String(cp.treeSize) });
    expect(event.after.note).toBe(cp.note);

    const forged = cp.note.replace(/\n(\d+)\n/, (_: string, n: string) => `\n${Number(n) + 1}\n`);
    expect(openNote(forged, pem).ok).toBe(false);
  });

  it('when an agent asks to sign, then 403 and nothing is signed', async () => {
    const agent = await ApiClient.as(server.url, 'agent@demo.test');
    const before = await server.ctx.models.AuditCheckpoint.count();
    expect((await agent.post('/api/audit/checkpoints')).status).toBe(403);
    expect(await server.ctx.models.AuditCheckpoint.count()).toBe(before);
  });

  it('when `audit:checkpoint` runs, then it prints a signed note, and the list shows every checkpoint newest first', { timeout: 120_000 }, async () => {
    const cli = await run(['src/cli/audit-checkpoint.ts'], { DATABASE_URL: server.databaseUrl, AUDIT_SIGNING_KEY_FILE: server.config.auditSigningKeyFile });
    expect(cli.code, cli.stderr).toBe(0);
    expect(openNote(cli.stdout, pem).ok).toBe(true);
    const list = await auditor.get('/api/audit/checkpoints?sort=["id","DESC"]&range=[0,9]');
    expect(list.status).toBe(200);
    expect(list.headers.get('content-range')).toMatch(/ 0-1\/2$/);
    expect(list.body[0].note).toBe(cli.stdout);
    expect(list.body[0].id).toBeGreaterThan(list.body[1].id);
  });

  it('when the hourly job runs on two instances at once, then one checkpoint is signed, and none while nothing was appended', async () => {
    const before = await server.ctx.models.AuditCheckpoint.count();
    await ApiClient.as(server.url, 'supervisor@demo.test'); // something appended since the last checkpoint
    const stops = [0, 1].map(() => treeCheckpointJob({ firstDelayMs: 0, everyMs: 25, minAgeMs: 0 }).start(server.ctx));
    await new Promise((r) => setTimeout(r, 400));
    await Promise.all(stops.map((s) => s()));
    expect(await server.ctx.models.AuditCheckpoint.count()).toBe(before + 1);
    const again = treeCheckpointJob({ firstDelayMs: 0, everyMs: 25, minAgeMs: 0 }).start(server.ctx); // the head is that checkpoint
    await new Promise((r) => setTimeout(r, 200));
    await again();
    expect(await server.ctx.models.AuditCheckpoint.count()).toBe(before + 1);
  });

  it('when 1,000 more actions follow a kept checkpoint, then the consistency proof to the newest verifies, and the export verifies offline against it', async () => {
    const old = (await auditor.get('/api/audit/checkpoints?sort=["id","DESC"]&range=[0,0]')).body[0];
    const { ctx } = server;
    for (let t = 0; t < 4; t++) {
      await ctx.db.transaction(async (tx) => {
        for (let i = 0; i < 250; i++) await appendAuditEvent(ctx.db, ctx.models, tx, { actor: null, ip: null, action: 'test.more', entityType: 'test', entityId: i });
      });
    }
    const next = (await auditor.post('/api/audit/checkpoints')).body;
    const proof = await auditor.get(`/api/audit/proofs/consistency?from=${old.treeSize}&to=${next.treeSize}`);
    expect(proof.status).toBe(200);
    const b = (s: string) => Buffer.from(s, 'base64');
    expect(verifyConsistency(old.treeSize, next.treeSize, b(old.rootHash), b(next.rootHash), proof.body.consistencyPath.map(b))).toBe(true);

    const res = await fetch(`${server.url}/api/audit-events/export?format=jsonl`, { headers: { cookie: auditor.cookie! } });
    const text = await res.text();
    const file = path.join(dir, 'export.jsonl');
    fs.writeFileSync(file, text);
    fs.writeFileSync(path.join(dir, 'key.pem'), pem);
    fs.writeFileSync(path.join(dir, 'old.txt'), old.note);
    const ok = await run(['src/cli/audit-verify.ts', file, '--public-key', path.join(dir, 'key.pem'), '--checkpoint', path.join(dir, 'old.txt')]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/Ed25519-signed tree checkpoints verified/);
    expect(ok.stdout).toContain(`consistent with the kept checkpoint of ${old.treeSize} events`);

    // A rewrite before the kept checkpoint, every hash after it recomputed, still fails: the signed root.
    const lines = text.split('\n').filter(Boolean).map((l) => JSON.parse(l));
    lines[2].reason = 'rewritten';
    const { hashEvent } = await import('../src/audit/hash');
    let prev = lines[0].prevHash;
    for (const e of lines) {
      e.prevHash = prev;
      e.hash = hashEvent(e);
      prev = e.hash;
    }
    fs.writeFileSync(path.join(dir, 'rewritten.jsonl'), lines.map((e) => JSON.stringify(e)).join('\n') + '\n');
    const bad = await run(['src/cli/audit-verify.ts', path.join(dir, 'rewritten.jsonl'), '--public-key', path.join(dir, 'key.pem')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/FAIL: .*signed checkpoint root hash is not the root/);
  }, 300_000);
});
