import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendCheckpoint } from '../src/audit/append-checkpoint';
import { formatCheckpointToken, signCheckpoint } from '../src/audit/checkpoint-signature';
import { hashEvent } from '../src/audit/hash';
import { ApiClient } from './support/api-client';
import { startTestServer, type TestServer } from './support/test-server';

const KEY = 'test-audit-signing-key-9f2c41d7';
process.env.AUDIT_SIGNING_KEY = KEY;
process.env.DISABLE_JOBS = '1'; // the trail's checkpoints are the ones this file makes

const serverDir = path.resolve(import.meta.dirname, '..');
let server: TestServer;
let auditor: ApiClient;
let agent: ApiClient;
let dir: string;

beforeAll(async () => {
  server = await startTestServer({ customers: 20 });
  auditor = await ApiClient.as(server.url, 'auditor@demo.test');
  agent = await ApiClient.as(server.url, 'agent@demo.test');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-verify-'));
});
afterAll(async () => {
  await server?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function spawn(cmd: string, args: string[], env: Record<string, string | undefined> = {}, cwd = serverDir): Promise<Run> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, env: { ...process.env, ...env } }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** The offline verifier as an auditor runs it: its own process, the file, nothing else. */
const verifyFile = (file: string, args: string[] = [], env: Record<string, string | undefined> = {}) =>
  // node with tsx's loader, not `npx tsx`: no launcher process per run, and seven of them run at once below
  spawn(process.execPath, ['--import', 'tsx', 'src/cli/audit-verify.ts', file, ...args], env);

/**
 * The retired HMAC checkpoints, as an existing trail holds them (the command now signs with Ed25519,
 * audit-signed-checkpoints.test.ts): made here by the old code, so the verifier is shown to still read them.
 */
const legacyCheckpoint = async () => ({ code: 0, stderr: '', stdout: `${formatCheckpointToken(await appendCheckpoint(server.ctx, KEY))}\n` });

async function exportLines(): Promise<string[]> {
  const res = await fetch(`${server.url}/api/audit-events/export?format=jsonl`, { headers: { cookie: auditor.cookie! } });
  expect(res.status).toBe(200);
  return (await res.text()).split('\n').filter(Boolean);
}

const write = (name: string, lines: string[]) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, lines.map((l) => `${l}\n`).join(''));
  return file;
};

const checkpointLines = (lines: string[]) =>
  lines.map((l, i) => ({ line: i + 1, e: JSON.parse(l) })).filter(({ e }) => e.action === 'audit.checkpoint');

let lines: string[];
let anchor: string;

describe('old HMAC checkpoints in an existing trail', () => {
  it('when an old HMAC checkpoint was made, then its audit.checkpoint event names the head right before it', async () => {
    const first = await legacyCheckpoint();
    expect(first.code, first.stderr).toBe(0);
    await ApiClient.as(server.url, 'supervisor@demo.test'); // more events after the first checkpoint
    const run = await legacyCheckpoint();
    expect(run.code, run.stderr).toBe(0);
    anchor = run.stdout.trim().split('\n').at(-1)!;
    const [headId, headHash, signature] = anchor.split(':');

    const [event] = (await auditor.list('audit-events', { filter: { action: 'audit.checkpoint' }, sort: ['id', 'DESC'], range: [0, 0] })).body;
    expect(event).toMatchObject({ entityType: 'audit_chain', entityId: headId, actorId: null });
    expect(event.after).toEqual({ headId: Number(headId), headHash, signature });
    expect(event.id).toBe(Number(headId) + 1);
    expect(event.prevHash).toBe(headHash);
    expect(signature).toBe(signCheckpoint(KEY, Number(headId), headHash!));
  });
});

describe('the offline verifier', () => {
  beforeAll(async () => {
    await ApiClient.as(server.url, 'agent2@demo.test'); // a tail after the last checkpoint
    lines = await exportLines();
  });

  it('when the JSONL export is intact, then it exits 0 with the count and the last hash, checking every checkpoint', async () => {
    const file = write('intact.jsonl', lines);
    const last = JSON.parse(lines.at(-1)!);
    const run = await verifyFile(file, ['--checkpoint', anchor]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`OK: ${lines.length} events, last hash ${last.hash}`);
    expect(run.stdout).toContain(`${checkpointLines(lines).length} signed checkpoints verified`);

    const noKey = await verifyFile(file, [], { AUDIT_SIGNING_KEY: '' });
    expect(noKey.code).toBe(0);
    expect(noKey.stdout).toMatch(/signatures not checked/);
  });

  it('when `npm run audit:verify` is typed in another folder with a relative path, then it finds the file there', async () => {
    write('relative.jsonl', lines);
    // --prefix runs the repository's root script while the shell stays in `dir`, as a person's would
    const run = await spawn('npm', ['--prefix', path.resolve(serverDir, '..'), 'run', '--silent', 'audit:verify', '--', 'relative.jsonl'], {}, dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`OK: ${lines.length} events`);
  });

  it('when the file was tampered with, then it exits non-zero naming the first bad line', async () => {
    const k = Math.floor(lines.length / 2); // a line in the middle, 1-based
    const at = (n: number) => JSON.parse(lines[n - 1]!);
    const edited = { ...at(k), actorEmail: 'someone.else@demo.test' };
    const forged = { ...at(k), id: at(k).id + 1, prevHash: at(k).hash, action: 'auth.login', reason: 'forged' };
    forged.hash = hashEvent(forged);
    const cps = checkpointLines(lines);

    const cases: { name: string; lines: string[]; line: number; why: RegExp; args?: string[] }[] = [
      { name: 'edit a field', lines: lines.map((l, i) => (i === k - 1 ? JSON.stringify(edited) : l)), line: k, why: /altered/ },
      { name: 'remove a line', lines: lines.filter((_, i) => i !== k - 1), line: k, why: /missing/ },
      { name: 'insert a copied line', lines: [...lines.slice(0, k), lines[k - 1]!, ...lines.slice(k)], line: k + 1, why: /repeated/ },
      { name: 'insert a forged line with a good hash', lines: [...lines.slice(0, k), JSON.stringify(forged), ...lines.slice(k)], line: k + 2, why: /missing|repeated|out of order/ },
      { name: 'swap two lines', lines: [...lines.slice(0, k - 1), lines[k]!, lines[k - 1]!, ...lines.slice(k + 1)], line: k, why: /missing/ },
      { name: 'cut a line short', lines: [...lines.slice(0, k - 1), lines[k - 1]!.slice(0, 40)], line: k, why: /not valid JSON/ },
      { name: 'truncate after a checkpoint', lines: lines.slice(0, cps[0]!.line), line: cps[0]!.line + 1, why: /truncated/, args: ['--checkpoint', anchor] },
    ];
    const runs = await Promise.all(cases.map((c) => verifyFile(write(`${c.name.replace(/\W+/g, '-')}.jsonl`, c.lines), c.args)));
    runs.forEach((run, i) => {
      const c = cases[i]!;
      expect(run.code, c.name).toBe(1);
      expect(run.stderr, c.name).toMatch(new RegExp(`^FAIL: line ${c.line}\\b`, 'm'));
      expect(run.stderr, c.name).toMatch(c.why);
    });
  }, 180_000);

  it('when the whole chain was rewritten with fresh hashes, then only the checkpoint signatures catch it, at the first checkpoint after the edit', async () => {
    const events = lines.map((l) => JSON.parse(l));
    const cps = checkpointLines(lines);
    const target = 3; // an early event, before the first checkpoint
    events[target - 1].reason = 'rewritten';
    for (let i = target - 1; i < events.length; i++) {
      if (i > 0) events[i].prevHash = events[i - 1].hash;
      if (events[i].action === 'audit.checkpoint') {
        // the forger fixes the claims too, but cannot sign without the key
        const claim = JSON.parse(events[i].after);
        events[i].after = JSON.stringify({ ...claim, headHash: events[i - 1].hash });
      }
      events[i].hash = hashEvent(events[i]);
    }
    const file = write('rewritten.jsonl', events.map((e) => JSON.stringify(e)));
    expect((await verifyFile(file, [], { AUDIT_SIGNING_KEY: '' })).code).toBe(0); // the hash chain alone is fooled
    const run = await verifyFile(file);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^FAIL: line ${cps[0]!.line} .*signature`, 'm'));

    const wrongKey = await verifyFile(write('wrong-key.jsonl', lines), ['--key', 'not-the-key']);
    expect(wrongKey.stderr).toMatch(new RegExp(`^FAIL: line ${cps[0]!.line} .*signature`, 'm'));
  });

  it('when the tail is cut without a kept checkpoint, then the file alone still verifies: the kept checkpoint is what catches it', async () => {
    const cps = checkpointLines(lines);
    const run = await verifyFile(write('tail-cut.jsonl', lines.slice(0, cps[0]!.line)));
    expect(run.code).toBe(0);
  });
});

describe('GET /api/audit-events/verify', () => {
  it('when the chain is intact, then it answers ok with the count and the head', async () => {
    const res = await auditor.get('/api/audit-events/verify');
    const head = Number(await server.ctx.models.AuditEvent.max('id'));
    const last = await server.ctx.models.AuditEvent.findByPk(head, { raw: true });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, checked: head, lastId: head, lastHash: last!.hash });
    expect((await agent.get('/api/audit-events/verify')).status).toBe(403);
  });

  it('when someone edits a stored event behind the database guard, then it names the first bad id, and so does the offline verifier', async () => {
    const { db } = server.ctx;
    const victim = 7;
    if (db.dialect === 'sqlite') await db.sequelize.query('DROP TRIGGER audit_events_no_update');
    else await db.sequelize.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete');
    await db.sequelize.query(`UPDATE audit_events SET reason = 'quietly changed' WHERE id = ${victim}`);

    const res = await auditor.get('/api/audit-events/verify');
    expect(res.body).toMatchObject({ ok: false, firstBadId: victim, checked: victim - 1, lastId: victim - 1 });
    expect(res.body.problem).toMatch(/altered/);

    const run = await verifyFile(write('db-edited.jsonl', await exportLines()));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^FAIL: line ${victim} \\(event id ${victim}\\)`, 'm'));
  });
});
