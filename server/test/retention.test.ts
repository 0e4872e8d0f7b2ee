import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Op } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymiseClosedCustomers } from '../src/retention/anonymise-closed-customers';
import { retentionJob } from '../src/retention/retention-job';
import { ApiClient } from './support/api-client';
import { startTestServer, type TestServer } from './support/test-server';

process.env.DISABLE_JOBS = '1'; // the retention job is started by hand below

const DAY = 86_400_000;
const serverDir = path.resolve(import.meta.dirname, '..');
type Row = Record<string, any>;

let server: TestServer;
let supervisor: ApiClient;
let dir: string;
let oldClosed: Row[]; // closed 200 and 190 days ago: past the default 180 days
let recentClosed: Row; // closed 100 days ago
let active: Row;
const files = new Map<number, string[]>(); // customer id -> attachment files

const daysAgo = (n: number) => new Date(Date.now() - n * DAY);

async function addAttachment(customerId: number): Promise<void> {
  const { models } = server.ctx;
  const request = (await models.ClosureRequest.findOne({ where: { customerId }, raw: true }))!;
  const storagePath = path.join(dir, `${customerId}-${files.get(customerId)?.length ?? 0}.pdf`);
  const bytes = Buffer.from(`%PDF-1.4 ID proof of customer ${customerId}`);
  fs.writeFileSync(storagePath, bytes);
  await models.Attachment.create({
    closureRequestId: request.id, fileName: 'passport.pdf', contentType: 'application/pdf', size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'), storagePath, uploadedById: 1, createdAt: new Date(),
  });
  files.set(customerId, [...(files.get(customerId) ?? []), storagePath]);
}

async function addPendingNotification(c: Row): Promise<void> {
  await server.ctx.models.Notification.create({
    customerId: c.id, channel: 'email', recipient: c.email, template: 'closure_completed', locale: 'en',
    subject: `Dear ${c.fullName}`, body: `Dear ${c.fullName}, your account ${c.accountNo} is closed.`, status: 'pending', attempts: 0,
    createdAt: new Date(),
  });
}

const customer = async (id: number) => (await server.ctx.models.Customer.findByPk(id, { raw: true })) as Row;
const ledgerOf = async (id: number) =>
  (await server.ctx.models.BalanceEntry.findAll({ where: { customerId: id }, order: [['id', 'ASC']], raw: true })).map((e) => [e.id, Number(e.amount)]);
const retentionEvents = async () =>
  (await server.ctx.models.AuditEvent.findAll({ where: { action: 'retention.anonymise' }, order: [['id', 'ASC']], raw: true })) as Row[];

beforeAll(async () => {
  server = await startTestServer({ customers: 40 });
  supervisor = await ApiClient.as(server.url, 'supervisor@demo.test');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retention-'));
  const { Customer } = server.ctx.models;
  const closed = (await Customer.findAll({ where: { status: 'closed' }, order: [['id', 'ASC']], raw: true })) as Row[];
  expect(closed.length).toBeGreaterThanOrEqual(3);
  await Customer.update({ closedAt: daysAgo(30) }, { where: { status: 'closed' } });
  const closeAt = [200, 190, 100];
  for (const [i, days] of closeAt.entries()) await Customer.update({ closedAt: daysAgo(days) }, { where: { id: closed[i]!.id } });
  oldClosed = [await customer(closed[0]!.id), await customer(closed[1]!.id)];
  recentClosed = await customer(closed[2]!.id);
  active = (await Customer.findOne({ where: { status: 'active', email: { [Op.ne]: null } }, raw: true })) as Row;
  for (const c of [...oldClosed, recentClosed]) {
    await addAttachment(c.id);
    await addPendingNotification(c);
  }
  await addAttachment(oldClosed[0]!.id);
});
afterAll(async () => {
  await server?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('retention: anonymising closed customers', () => {
  let eventsBefore: number;
  let ledgers: Map<number, unknown[]>;

  it('when a run finds customers closed longer than retentionDays, then their personal data goes, batch by batch, each batch audited', async () => {
    eventsBefore = Number(await server.ctx.models.AuditEvent.max('id'));
    ledgers = new Map(await Promise.all([...oldClosed, recentClosed].map(async (c) => [c.id, await ledgerOf(c.id)] as const)));

    const result = await anonymiseClosedCustomers(server.ctx, { batchSize: 1 });
    expect(result).toMatchObject({ retentionDays: 180, customers: 2, batches: 2, attachments: 3 });

    const { models } = server.ctx;
    for (const old of oldClosed) {
      const now = await customer(old.id);
      expect(now).toMatchObject({
        fullName: 'Anonymised customer', email: null, phone: null, idDocumentNumber: null,
        accountNo: old.accountNo, status: 'closed', currency: old.currency,
      });
      expect(now.anonymisedAt).toBeTruthy();
      const profiles = (await models.EsimProfile.findAll({ where: { customerId: old.id }, raw: true })) as Row[];
      expect(profiles.length).toBeGreaterThan(0);
      for (const p of profiles) expect(p.msisdn).toBeNull();
      const notes = (await models.Notification.findAll({ where: { customerId: old.id }, raw: true })) as Row[];
      for (const n of notes) {
        expect(n).toMatchObject({ recipient: '[redacted]', body: '[redacted]', subject: null });
        expect(n.status).not.toBe('pending');
      }
      for (const file of files.get(old.id)!) expect(fs.existsSync(file)).toBe(false);
    }
    const requestIds = (await models.ClosureRequest.findAll({ where: { customerId: oldClosed.map((c) => c.id) }, raw: true })).map((r) => r.id);
    const attachments = (await models.Attachment.findAll({ where: { closureRequestId: requestIds }, raw: true })) as Row[];
    expect(attachments.length).toBe(3);
    for (const a of attachments) expect(a.deletedAt).toBeTruthy();

    const shown = (await supervisor.get(`/api/customers/${oldClosed[0]!.id}`)).body;
    expect(shown).toMatchObject({ fullName: 'Anonymised customer', email: null, phone: null, idDocumentNumber: null });
    const revealed = await supervisor.post(`/api/customers/${oldClosed[0]!.id}/reveal`, { field: 'phone', reason: 'Retention check' });
    expect(revealed.body).toEqual({ value: null });
  });

  it('when customers are inside the retention period or still active, then nothing of theirs changes', async () => {
    for (const c of [recentClosed, active]) expect(await customer(c.id)).toEqual(c);
    expect(fs.existsSync(files.get(recentClosed.id)![0]!)).toBe(true);
    const pending = await server.ctx.models.Notification.count({ where: { customerId: recentClosed.id, status: 'pending' } });
    expect(pending).toBe(1);
  });

  it('when the run is over, then money records and the audit trail remain, and the audit events name the customers without their data', async () => {
    for (const [id, ledger] of ledgers) expect(await ledgerOf(id)).toEqual(ledger);
    const events = await retentionEvents();
    expect(events.map((e) => JSON.parse(e.after).customerIds)).toEqual(oldClosed.map((c) => [c.id]));
    for (const e of events) {
      expect(e).toMatchObject({ actorId: null, entityType: 'customer' });
      const text = JSON.stringify(e);
      for (const c of oldClosed) {
        for (const secret of [c.email, c.phone, c.idDocumentNumber, c.fullName].filter(Boolean)) expect(text).not.toContain(secret);
      }
    }
    const head = Number(await server.ctx.models.AuditEvent.max('id'));
    expect(head).toBe(eventsBefore + 3); // two batches and the reveal above
    expect(await server.ctx.models.AuditEvent.count()).toBe(head); // nothing removed
    const auditor = await ApiClient.as(server.url, 'auditor@demo.test');
    expect((await auditor.get('/api/audit-events/verify')).body.ok).toBe(true);
  });

  it('when `npm run retention` runs again, then there is nothing left to do and nothing is recorded', async () => {
    const before = Number(await server.ctx.models.AuditEvent.max('id'));
    const run = await new Promise<{ code: number; stdout: string }>((resolve) =>
      execFile('npm', ['run', '--silent', 'retention'], { cwd: serverDir, env: { ...process.env, DATABASE_URL: server.databaseUrl } },
        (err, stdout) => resolve({ code: err ? 1 : 0, stdout })),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/retention: 0 customers closed before .* \(180 days\) anonymised/);
    expect(Number(await server.ctx.models.AuditEvent.max('id'))).toBe(before);
  });

  it('when the retentionDays setting is shortened, then the daily job anonymises the customers it now covers', async () => {
    await server.ctx.models.Setting.update({ value: '90' }, { where: { key: 'retentionDays' } });
    const stop = retentionJob({ firstDelayMs: 0 }).start(server.ctx);
    for (let i = 0; i < 50 && !(await customer(recentClosed.id)).anonymisedAt; i++) await new Promise((r) => setTimeout(r, 100));
    await stop();
    expect(await customer(recentClosed.id)).toMatchObject({ fullName: 'Anonymised customer', email: null });
    expect(fs.existsSync(files.get(recentClosed.id)![0]!)).toBe(false);
    const last = (await retentionEvents()).at(-1)!;
    expect(JSON.parse(last.after)).toMatchObject({ customerIds: [recentClosed.id] });
    expect(await customer(active.id)).toEqual(active);
  });

  it('when retentionDays is set to 0 by mistake, then the run stops before touching anyone', async () => {
    await server.ctx.models.Setting.update({ value: '0' }, { where: { key: 'retentionDays' } });
    const waiting = (await server.ctx.models.Customer.findOne({ where: { status: 'closed', anonymisedAt: null }, raw: true })) as Row;
    expect(waiting).toBeTruthy(); // closed 30 days ago: a 0-day period would take it
    const before = Number(await server.ctx.models.AuditEvent.max('id'));
    await expect(anonymiseClosedCustomers(server.ctx)).rejects.toThrow(/retentionDays/);
    expect(await customer(waiting.id)).toEqual(waiting);
    expect(Number(await server.ctx.models.AuditEvent.max('id'))).toBe(before);
  });
});
