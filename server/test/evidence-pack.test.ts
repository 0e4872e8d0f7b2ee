import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPrivateKey } from 'node:crypto';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyExportJsonl, verifyPackZip } from '@closure-desk/shared/evidence';
import { signCheckpointNote } from '../src/audit/signed-note';
import { ApiClient } from './support/api-client';
import { freeCustomer, logPhoneRequest, must, refund, today } from './support/factories';
import { settleTermination, startTestServer, type TestServer } from './support/test-server';

process.env.DISABLE_JOBS = '1';

const serverDir = path.resolve(import.meta.dirname, '..');
let server: TestServer;
let agent: ApiClient;
let supervisor: ApiClient;
let supervisor2: ApiClient;
let auditor: ApiClient;
let dir: string;
let keyFile: string;

beforeAll(async () => {
  server = await startTestServer({ customers: 40 });
  const as = (n: string) => ApiClient.as(server.url, `${n}@demo.test`);
  [agent, supervisor, supervisor2, auditor] = [await as('agent'), await as('supervisor'), await as('supervisor2'), await as('auditor')];
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-'));
  keyFile = path.join(dir, 'published-key.pem');
  fs.writeFileSync(keyFile, (await new ApiClient(server.url).get('/api/audit/public-key')).body.publicKeyPem);
});
afterAll(async () => {
  await server?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** The CLI as an auditor runs it: a child process, on a file, with no database and no network. */
const verifyCli = (file: string, ...args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile('npx', ['tsx', 'src/cli/evidence-verify.ts', file, ...args], { cwd: serverDir, env: { ...process.env, DATABASE_URL: 'postgres://nowhere.invalid/none' } },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });

async function download(client: ApiClient, requestId: number, query = '') {
  const res = await fetch(`${server.url}/api/closure-requests/${requestId}/evidence${query}`, { headers: { cookie: client.cookie! } });
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

const save = (name: string, bytes: Uint8Array) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
};

/** The pack with one file changed by `edit` (text in, text out), zipped again. */
function tampered(pack: Buffer, name: string, edit: (text: string) => string): Uint8Array {
  const files = unzipSync(new Uint8Array(pack));
  files[name] = strToU8(edit(strFromU8(files[name]!)));
  return zipSync(files);
}

const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a7f3b5e30000000049454e44ae426082', 'hex');

let pack: Buffer;
let requestId: number;

describe('the evidence pack of a closure', () => {
  it('when a completed closure with an approved big refund is packed, then the CLI verifies the downloaded file offline and the record carries who, when, why', async () => {
    const customer = await freeCustomer(agent, { outstandingAmount_lte: 0, cashBalance_gte: 50_001 });
    let request = await must(agent, await logPhoneRequest(agent, customer.id), 'claim');
    requestId = request.id;
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'id.png');
    const up = await fetch(`${server.url}/api/closure-requests/${request.id}/attachments`, {
      method: 'POST', body: form, headers: { cookie: agent.cookie!, 'x-csrf-token': agent.csrfToken! },
    });
    expect(up.status).toBe(201);
    expect((await agent.post(`/api/closure-requests/${request.id}/notes`, { text: 'Customer asked for a refund to the card' })).status).toBe(201);
    request = await must(agent, request, 'approve', { balanceDecision: 'refund', effectiveDate: today() });
    const made = await refund(supervisor, request.id, customer.cashBalance);
    expect(made.body.status).toBe('pending_approval');
    expect((await supervisor2.post(`/api/refunds/${made.body.id}/actions/approve`, { note: 'Checked the payout' })).status).toBe(200);
    await must(agent, (await agent.get(`/api/closure-requests/${request.id}`)).body, 'complete');
    await settleTermination(server, request.id);
    expect((await agent.get(`/api/closure-requests/${request.id}`)).body.status).toBe('completed');

    const got = await download(auditor, request.id, '?files=1');
    expect(got.status).toBe(200);
    expect(got.type).toBe('application/zip');
    pack = got.bytes;
    const ok = await verifyCli(save('pack.zip', pack), '--public-key', keyFile);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout.split('\n')[0]).toMatch(/^OK: \d+ events proven in the signed tree of \d+/);

    const files = unzipSync(new Uint8Array(pack));
    expect(Object.keys(files).sort()).toEqual(['VERIFY.md', 'checkpoint.txt', 'consistency.json', `files/${up.status && (JSON.parse(strFromU8(files['record.json']!)).attachments[0].id)}-id.png`, 'events.jsonl', 'public-key.pem', 'record.json', 'summary.html'].sort());
    const record = JSON.parse(strFromU8(files['record.json']!));
    expect(record.request).toMatchObject({ id: request.id, channel: 'phone', status: 'completed', identityVerified: true });
    expect(record.stateChanges.map((s: any) => s.action)).toEqual(expect.arrayContaining(['closure.submitted', 'closure.claim', 'closure.approve', 'closure.complete', 'closure.termination-confirmed', 'closure.note', 'attachment.upload']));
    // every step by a person names them; the completion after the peers confirmed is the system's (no actor)
    expect(record.stateChanges.filter((s: any) => s.action !== 'closure.termination-confirmed').every((s: any) => s.actor.email && s.at)).toBe(true);
    expect(record.stateChanges.find((s: any) => s.action === 'closure.termination-confirmed')).toMatchObject({ actor: { id: null } });
    expect(record.refunds).toEqual([expect.objectContaining({
      amount: customer.cashBalance, status: 'recorded', maker: expect.objectContaining({ id: supervisor.user!.id }), checker: expect.objectContaining({ id: supervisor2.user!.id }),
    })]);
    expect(record.ledgerEntries).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'refund', amount: -customer.cashBalance })]));
    expect(record.attachments[0]).toMatchObject({ fileName: 'id.png', contentType: 'image/png', size: png.length });
    expect(Buffer.from(files[record.attachments[0].file]!).equals(png)).toBe(true);
    expect(record.notes[0].text).toBe('Customer asked for a refund to the card');
    expect(record.customer.email).toMatch(/\*\*\*/);
    expect(strFromU8(files['summary.html']!)).not.toMatch(/<script/i);
    expect(strFromU8(files['checkpoint.txt']!)).toMatch(/^.+\n\d+\n[A-Za-z0-9+/=]{44}\n\n\u2014 /);

    // The download is audited after the pack's checkpoint, and so is the file inside it.
    const treeSize = record.treeSize;
    const downloads = (await auditor.list('audit-events', { filter: { action: 'closure.evidence_pack', entityId: String(request.id) } })).body;
    expect(downloads).toHaveLength(1);
    expect(downloads[0].id).toBeGreaterThan(treeSize);
    expect(downloads[0].after).toMatchObject({ treeSize, files: 1 });
    const views = (await auditor.list('audit-events', { filter: { action: 'attachment.view', entityId: String(record.attachments[0].id) } })).body;
    expect(views).toHaveLength(1);
  }, 120_000);

  it('when a pack is changed, then the CLI refuses it and names the check: an event, a proof hash, the checkpoint, an unbacked refund, a removed event', async () => {
    const events = (t: string) => t.trimEnd().split('\n').map((l) => JSON.parse(l));
    const lines = (xs: unknown[]) => `${xs.map((x) => JSON.stringify(x)).join('\n')}\n`;
    const cases: [string, Uint8Array, string][] = [
      ['event text', tampered(pack, 'events.jsonl', (t) => lines(events(t).map((e, i) => (i === 1 ? { ...e, reason: 'rewritten' } : e)))), 'event hashes'],
      ['proof hash', tampered(pack, 'events.jsonl', (t) => lines(events(t).map((e, i) => {
        if (i !== 0) return e;
        const p = [...e.inclusionPath];
        p[0] = (p[0][0] === 'A' ? 'B' : 'A') + p[0].slice(1);
        return { ...e, inclusionPath: p };
      }))), 'inclusion proofs'],
      ['checkpoint', tampered(pack, 'checkpoint.txt', (t) => t.replace(/\n(\d+)\n/, (_, n) => `\n${Number(n) + 1}\n`)), 'checkpoint signature'],
      ['unbacked refund', tampered(pack, 'record.json', (t) => {
        const r = JSON.parse(t);
        r.refunds.push({ ...r.refunds[0], id: 999_999, amount: 12_345 });
        return JSON.stringify(r);
      }), 'record backed by events'],
      ['removed event', tampered(pack, 'events.jsonl', (t) => lines(events(t).filter((e) => e.action !== 'closure.approve'))), 'record backed by events'],
      ['swapped key', tampered(pack, 'public-key.pem', () => '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n'), 'public key'],
    ];
    const results = await Promise.all(cases.map(([what, bytes]) => verifyCli(save(`${what.replace(/ /g, '-')}.zip`, bytes), '--public-key', keyFile)));
    for (const [i, [what, , check]] of cases.entries()) {
      expect(results[i]!.code, what).toBe(1);
      expect(results[i]!.stderr, what).toMatch(new RegExp(`^FAIL: ${check}: `));
    }
  }, 400_000);

  it('when an auditor kept a checkpoint from before 1,000 more actions, then the newer pack proves the log only grew since', async () => {
    const old = await auditor.post('/api/audit/checkpoints', {});
    expect(old.status).toBe(201);
    const oldFile = save('old-checkpoint.txt', Buffer.from(old.body.note));
    const customer = await freeCustomer(agent);
    const request = await must(agent, await logPhoneRequest(agent, customer.id), 'claim');
    for (let i = 0; i < 100; i++) {
      const batch = await Promise.all(Array.from({ length: 10 }, (_, j) => agent.post(`/api/closure-requests/${request.id}/notes`, { text: `note ${i * 10 + j}` })));
      expect(batch.every((r) => r.status === 201)).toBe(true);
    }
    const got = await download(auditor, request.id, `?since=${old.body.treeSize}`);
    expect(got.status).toBe(200);
    const record = JSON.parse(strFromU8(unzipSync(new Uint8Array(got.bytes))['record.json']!));
    expect(record.treeSize).toBeGreaterThanOrEqual(old.body.treeSize + 1_000);
    const ok = await verifyCli(save('since.zip', got.bytes), '--public-key', keyFile, '--checkpoint', oldFile);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/consistency with the older checkpoint/);

    // Without the proof the pack cannot show it, and says how to get it.
    const without = await download(auditor, request.id);
    const no = await verifyCli(save('no-since.zip', without.bytes), '--public-key', keyFile, '--checkpoint', oldFile);
    expect(no.code).toBe(1);
    expect(no.stderr).toMatch(/^FAIL: consistency with the older checkpoint: .*\?since=/);

    // A checkpoint of the same size with another root, signed by the real key: the log was rewritten since.
    const forged = signCheckpointNote({ origin: old.body.origin, size: old.body.treeSize, rootHash: Buffer.alloc(32, 7) }, old.body.origin, createPrivateKey(fs.readFileSync(server.config.auditSigningKeyFile)));
    const bad = await verifyCli(save('since.zip', got.bytes), '--public-key', keyFile, '--checkpoint', save('forged.txt', Buffer.from(forged)));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^FAIL: consistency with the older checkpoint: .*rewritten/);
  }, 300_000);

  it('when the console\'s verifier (shared/src/evidence, run here in Node) is given the pack or a JSONL export, then it passes them and names the check a change breaks', async () => {
    const pem = fs.readFileSync(keyFile, 'utf8');
    const good = await verifyPackZip(new Uint8Array(pack), { publicKeyPem: pem });
    expect(good.summary).toMatch(/^OK: /);
    expect(good.checks.filter((c) => c.status === 'fail')).toEqual([]);
    // One changed byte of one event's text (a digit of its time).
    const bad = await verifyPackZip(tampered(pack, 'events.jsonl', (t) => {
      const at = t.indexOf('"at":"') + 9;
      return t.slice(0, at) + (t[at] === '9' ? '8' : '9') + t.slice(at + 1);
    }), { publicKeyPem: pem });
    expect(bad.ok).toBe(false);
    expect(bad.summary).toMatch(/^FAIL: event hashes: event \d+ .*the event was changed/);
    expect(bad.checks.filter((c) => c.status === 'skip').map((c) => c.name)).toContain('inclusion proofs');

    await auditor.post('/api/audit/checkpoints', {});
    const res = await fetch(`${server.url}/api/audit-events/export?format=jsonl`, { headers: { cookie: auditor.cookie! } });
    const text = await res.text();
    const ok = await verifyExportJsonl(text, { publicKeyPem: pem });
    expect(ok.summary).toMatch(/^OK: \d+ events chain from the first/);
    expect(ok.checks.find((c) => c.name === 'checkpoint signature')).toMatchObject({ status: 'pass', detail: expect.stringMatching(/^[1-9]\d* signed tree checkpoints/) });
    const edited = text.replace(/"reason":null/, '"reason":"edited"');
    expect((await verifyExportJsonl(edited, { publicKeyPem: pem })).summary).toMatch(/^FAIL: hash chain: line \d+ \(event \d+\): its fields do not give its hash/);
  }, 120_000);

  it('when someone else asks, or asks badly, then 403, 404 or 400 and no pack', async () => {
    expect((await download(agent, requestId)).status).toBe(403);
    expect((await download(auditor, 99_999_999)).status).toBe(404);
    expect((await download(auditor, requestId, '?since=abc')).status).toBe(400);
    expect((await download(auditor, requestId, '?files=maybe')).status).toBe(400);
    const checkpoints = async () => (await auditor.list('audit/checkpoints', { range: [0, 0] })).headers.get('content-range');
    // A newer event than any checkpoint: a pack would sign one, but a refused one must not.
    expect((await supervisor.post(`/api/closure-requests/${requestId}/notes`, { text: 'After the decision' })).status).toBe(201);
    const before = await checkpoints();
    expect((await download(auditor, requestId, '?since=999999999')).status).toBe(400);
    expect(await checkpoints()).toBe(before); // refused before any checkpoint is signed
    expect((await download(supervisor, requestId)).status).toBe(200);
  });
});
