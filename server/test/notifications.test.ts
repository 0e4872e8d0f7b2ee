import type { Locale } from '@closure-desk/shared';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iso } from '../src/platform/http/list-resource';
import { enqueueCustomerNotification } from '../src/notifications/enqueue';
import { NOTIFICATION_TEMPLATES, TEMPLATE_PARAMS, renderNotification } from '../src/notifications/templates';
import { ApiClient } from './support/api-client';
import { startTestServer, type TestServer } from './support/test-server';

// This file runs the server's own registered dispatcher, with the file transport on a temp file.
const outboxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'closure-desk-outbox-'));
const outboxFile = path.join(outboxDir, 'outbox.log');
process.env.NOTIFY_FILE = outboxFile;
process.env.NOTIFY_POLL_MS = '50';
delete process.env.DISABLE_JOBS;

let server: TestServer;
let agent: ApiClient;
let supervisor: ApiClient;
let auditor: ApiClient;
beforeAll(async () => {
  server = await startTestServer({ customers: 2 });
  agent = await ApiClient.as(server.url, 'agent@demo.test');
  supervisor = await ApiClient.as(server.url, 'supervisor@demo.test');
  auditor = await ApiClient.as(server.url, 'auditor@demo.test');
});
afterAll(async () => {
  await server?.stop();
  fs.rmSync(outboxDir, { recursive: true, force: true });
});

type Row = Record<string, any>;
let serial = 0;

async function buildCustomer(overrides: { locale?: Locale; email?: string | null; phone?: string | null } = {}): Promise<number> {
  const n = ++serial;
  const row = await server.ctx.db.transaction((tx) =>
    server.ctx.models.Customer.create(
      {
        accountNo: `NT${process.pid}${n}`, fullName: `Notify Test ${n}`, locale: 'zh-CN', currency: 'CNY', status: 'active',
        email: `notify${n}@example.com`, phone: `1380000${String(n).padStart(4, '0')}`, ...overrides,
      },
      { transaction: tx },
    ),
  );
  return Number(row.get('id'));
}

/** Enqueues inside a transaction, as a workflow step does, and reads the rows back before the commit. */
async function enqueue(customerId: number, template: (typeof NOTIFICATION_TEMPLATES)[number], params: Record<string, string | number | null>) {
  const { ctx } = server;
  return ctx.db.transaction(async (tx) => {
    const ids = await enqueueCustomerNotification(ctx, tx, { customerId, closureRequestId: null, template, params });
    const rows = (await ctx.models.Notification.findAll({ where: { id: ids }, order: [['id', 'ASC']], transaction: tx, raw: true })) as Row[];
    return { ids, rows };
  });
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function outboxLines(): Row[] {
  if (!fs.existsSync(outboxFile)) return [];
  return fs.readFileSync(outboxFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

async function statusOf(id: number): Promise<Row> {
  return (await server.ctx.models.Notification.findByPk(id, { raw: true })) as unknown as Row;
}

describe('enqueueing notifications', () => {
  it('when a Chinese-speaking customer with e-mail and phone is told of a received request, then a pending e-mail and SMS are written in Chinese', async () => {
    const customerId = await buildCustomer({ locale: 'zh-CN', email: 'li.lei@mail.example.cn', phone: '13912345678' });
    const { ids, rows } = await enqueue(customerId, 'closure_received', { reference: 'CR-2026-000123', dueDate: '2026-11-27' });
    expect(ids).toHaveLength(2);
    const [email, sms] = rows;
    expect(email).toMatchObject({ channel: 'email', recipient: 'li.lei@mail.example.cn', locale: 'zh-CN', template: 'closure_received', status: 'pending', attempts: 0, nextAttemptAt: null });
    expect(email!.subject).toBe('您的账户注销申请已受理（受理编号：CR-2026-000123）');
    expect(email!.body).toContain('您的账户注销申请已受理，受理编号：CR-2026-000123。');
    expect(email!.body).toContain('2026年11月27日前');
    expect(sms).toMatchObject({ channel: 'sms', recipient: '13912345678', locale: 'zh-CN', subject: null, status: 'pending' });
    expect(sms!.body).toBe('您的账户注销申请已受理，受理编号：CR-2026-000123，请妥善保存。我们将在2026年11月27日前处理完毕并通知您。');
  });

  it('when an English-speaking customer with only e-mail is told of an approval, then one e-mail is written in English with the outcome worded', async () => {
    const customerId = await buildCustomer({ locale: 'en', email: 'jane@example.com', phone: null });
    const { rows } = await enqueue(customerId, 'closure_approved', {
      reference: 'CR-2026-000124', effectiveDate: '2026-12-01', balanceOutcome: 'refund',
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: 'email', locale: 'en', subject: 'Your account closure request has been approved (ref. CR-2026-000124)' });
    expect(rows[0]!.body).toContain('Your service will end on 1 December 2026.');
    expect(rows[0]!.body).toContain('The cash balance on your account will be refunded to you');
  });

  it('when a rejection carries a reason code or a refund an amount, then the code is worded and the text used as given', async () => {
    const zh = await buildCustomer({ locale: 'zh-CN', email: null });
    const rejected = await enqueue(zh, 'closure_rejected', { reference: 'CR-2026-000125', reason: 'outstanding_bills' });
    expect(rejected.rows.map((r) => r.channel)).toEqual(['sms']);
    expect(rejected.rows[0]!.body).toContain('原因：您的账户尚有未结清的账单。');
    const refund = await enqueue(zh, 'refund_recorded', { reference: 'CR-2026-000125', amount: '¥1,234.50' });
    expect(refund.rows[0]!.body).toBe('您的注销申请（CR-2026-000125）相关退款¥1,234.50已办理，到账时间以支付机构为准。');
  });

  it('when the balance outcome is a decision with its amount, then both are worded in the customer\'s language', async () => {
    const zh = await buildCustomer({ locale: 'zh-CN', email: null });
    const approved = await enqueue(zh, 'closure_approved', { reference: 'CR-2026-000128', effectiveDate: '2026-12-01', balanceOutcome: 'refund ¥123.45' });
    expect(approved.rows[0]!.body).toBe(
      '您的注销申请（CR-2026-000128）已审核通过，服务将于2026年12月1日终止。您账户中的现金余额 ¥123.45 将退还给您（赠送余额不可退还），退款办理后我们会另行通知您。',
    );
    const en = await buildCustomer({ locale: 'en', phone: null });
    const forfeited = await enqueue(en, 'closure_approved', { reference: 'CR-2026-000129', effectiveDate: '2026-12-01', balanceOutcome: 'forfeit $5.00' });
    expect(forfeited.rows[0]!.body).toContain('the remaining balance on your account ($5.00) will not be refunded.');
    const none = await enqueue(en, 'closure_approved', { reference: 'CR-2026-000130', effectiveDate: '2026-12-01', balanceOutcome: 'none' });
    expect(none.rows[0]!.body).toContain('There is no balance on your account to refund.');
  });

  it('when every template is rendered in both languages, then no placeholder is left and the SMS is the short one', () => {
    for (const template of NOTIFICATION_TEMPLATES) {
      const params = Object.fromEntries(TEMPLATE_PARAMS[template].map((p) => [p, p.endsWith('Date') ? '2026-11-30' : `x-${p}`]));
      for (const locale of ['zh-CN', 'en'] as const) {
        const text = renderNotification(template, locale, params);
        for (const part of [text.subject, text.email, text.sms]) expect(part, `${template} ${locale}`).not.toMatch(/[{}]/);
        // a customer's every message names their reference; a staff member's e-mail carries their enrolment link
        const staff = template.startsWith('staff_');
        for (const part of staff ? [text.email] : [text.subject, text.email, text.sms]) expect(part).toContain(staff ? 'x-link' : 'x-reference');
        expect(text.sms.length, `${template} ${locale}`).toBeLessThan(text.email.length);
      }
    }
  });

  it('when a param is missing, then enqueueing throws and the step rolls back with no message', async () => {
    const customerId = await buildCustomer();
    const before = await server.ctx.models.Notification.count({ where: { customerId } });
    await expect(enqueue(customerId, 'closure_approved', { reference: 'CR-2026-000126', effectiveDate: '2026-12-01' })).rejects.toThrow(
      /closure_approved needs param\(s\): balanceOutcome/,
    );
    await expect(enqueue(customerId, 'closure_withdrawn', { reference: null })).rejects.toThrow(/reference/);
    expect(await server.ctx.models.Notification.count({ where: { customerId } })).toBe(before);
  });

  it('when the customer has neither e-mail nor phone, then nothing is enqueued', async () => {
    const customerId = await buildCustomer({ email: null, phone: null });
    expect((await enqueue(customerId, 'closure_withdrawn', { reference: 'CR-2026-000127' })).ids).toEqual([]);
  });
});

describe('the registered dispatcher', () => {
  it('when messages are committed, then the server sends each to the outbox file exactly once and marks it sent', async () => {
    const customers = await Promise.all([buildCustomer({ locale: 'en' }), buildCustomer(), buildCustomer({ phone: null })]);
    const ids = (await Promise.all(customers.map((c) => enqueue(c, 'closure_completed', { reference: 'CR-2026-000200', effectiveDate: '2026-11-20', confirmation: 'SO-4711' }))))
      .flatMap((e) => e.ids);
    expect(ids).toHaveLength(5);
    await waitFor('all sent', async () => (await Promise.all(ids.map(statusOf))).every((r) => r.status === 'sent'));
    await new Promise((r) => setTimeout(r, 300)); // several more polls: nothing goes out again

    const lines = outboxLines().filter((l) => ids.includes(l.id));
    expect(lines.map((l) => l.id).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    const line = lines.find((l) => l.channel === 'email' && l.locale === 'en')!;
    expect(line).toMatchObject({ idempotencyKey: `closure-desk-notification-${line.id}`, subject: 'Your account has been closed (ref. CR-2026-000200)' });
    for (const id of ids) expect(await statusOf(id)).toMatchObject({ status: 'sent', attempts: 1, lastError: null });

    const listed = await agent.list('notifications', { filter: { id: ids }, range: [0, 9] });
    expect(listed.body).toHaveLength(5);
    for (const n of listed.body) {
      expect(n.status).toBe('sent');
      expect(Date.parse(n.sentAt)).toBeGreaterThanOrEqual(Date.parse(n.createdAt));
    }
  });
});

describe('retrying a failed notification', () => {
  async function fixture(status: 'failed' | 'sent' | 'pending'): Promise<number> {
    const customerId = await buildCustomer({ email: 'retry.me@example.com' });
    const row = await server.ctx.db.transaction((tx) =>
      server.ctx.models.Notification.create(
        {
          customerId, closureRequestId: null, channel: 'email', recipient: 'retry.me@example.com', template: 'closure_withdrawn',
          locale: 'zh-CN', subject: '您的账户注销申请已撤回', body: '…', status, attempts: status === 'pending' ? 0 : 6,
          lastError: status === 'failed' ? 'smtp failed (ECONNECTION)' : null, createdAt: new Date(),
          // a pending one far in the future, so the running dispatcher leaves it alone during the test
          nextAttemptAt: status === 'pending' ? new Date(Date.now() + 3_600_000) : null,
          sentAt: status === 'sent' ? new Date() : null,
        },
        { transaction: tx },
      ),
    );
    return Number(row.get('id'));
  }
  const retry = (client: ApiClient, id: number | string, extra?: Record<string, string>) =>
    client.post(`/api/notifications/${id}/actions/retry`, {}, extra);

  it('when an auditor retries, or an agent without the CSRF token, then it is refused and nothing changes', async () => {
    const id = await fixture('failed');
    expect(await retry(auditor, id)).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect(await retry(agent, id, { 'x-csrf-token': 'wrong' })).toMatchObject({ status: 403, body: { code: 'csrf_failed' } });
    expect(await retry(new ApiClient(server.url), id)).toMatchObject({ status: 401, body: { code: 'unauthenticated' } });
    expect(await statusOf(id)).toMatchObject({ status: 'failed', attempts: 6 });
  });

  it('when the notification is not failed or does not exist, then it is a 409 invalid_transition or a 404', async () => {
    for (const status of ['sent', 'pending'] as const) {
      const res = await retry(agent, await fixture(status));
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'invalid_transition' });
      expect(res.body.message).toContain(status);
    }
    expect(await retry(agent, 99_999_999)).toMatchObject({ status: 404, body: { code: 'not_found' } });
    expect(await retry(agent, 'abc')).toMatchObject({ status: 404, body: { code: 'not_found' } });
  });

  it('when an agent retries a failed message to staff (an enrolment link), then it is a 404 like its show, and its link is not answered', async () => {
    const staffUserId = (await server.ctx.models.StaffUser.findOne({ where: { email: 'auditor@demo.test' }, raw: true }))!.id;
    const row = await server.ctx.db.transaction((tx) =>
      server.ctx.models.Notification.create({
        customerId: null, staffUserId, closureRequestId: null, channel: 'email', recipient: 'auditor@demo.test', template: 'staff_password_reset',
        locale: 'en', subject: 'Choose your password', body: 'Your link: https://console.example/#/enrol/secret-token-of-the-auditor', status: 'failed',
        attempts: 6, lastError: 'smtp failed (ECONNECTION)', createdAt: new Date(), nextAttemptAt: null, sentAt: null,
      }, { transaction: tx }),
    );
    const id = Number(row.get('id'));
    expect(await agent.get(`/api/notifications/${id}`)).toMatchObject({ status: 404 });
    const res = await retry(agent, id);
    expect(res).toMatchObject({ status: 404, body: { code: 'not_found' } });
    expect(JSON.stringify(res.body)).not.toContain('secret-token');
    expect(await statusOf(id)).toMatchObject({ status: 'failed', attempts: 6 });
  });

  it('when an agent retries a failed one, then it is pending again with no attempts, audited, answered like the list, and sent', async () => {
    const id = await fixture('failed');
    const res = await retry(agent, id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, status: 'pending', attempts: 0, channel: 'email', recipient: 'r***@example.com', lastError: 'smtp failed (ECONNECTION)' });
    const shown = await agent.get(`/api/notifications/${id}`);
    expect(Object.keys(res.body).sort()).toEqual(Object.keys(shown.body).sort());

    const events = await supervisor.list('audit-events', { filter: { action: 'notification.retry', entityId: String(id) } });
    expect(events.body).toHaveLength(1);
    expect(events.body[0]).toMatchObject({ actorEmail: 'agent@demo.test', actorRole: 'agent', entityType: 'notification' });
    expect(events.body[0].before).toMatchObject({ status: 'failed', attempts: 6 });
    expect(events.body[0].after).toEqual({ status: 'pending', attempts: 0 });

    const sent = await waitFor('retried message sent', async () => {
      const row = await statusOf(id);
      return row.status === 'sent' && row;
    });
    expect(sent.attempts).toBe(1);
    expect(iso(sent.sentAt)).not.toBeNull();
    expect(outboxLines().filter((l) => l.id === id)).toHaveLength(1);
    expect(await retry(supervisor, id)).toMatchObject({ status: 409, body: { code: 'invalid_transition' } });
  });

  it('when two people retry the same failed one at once, then one wins and the other gets a 409', async () => {
    const id = await fixture('failed');
    const answers = await Promise.all([retry(agent, id), retry(supervisor, id)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const events = await supervisor.list('audit-events', { filter: { action: 'notification.retry', entityId: String(id) } });
    expect(events.body).toHaveLength(1);
  });
});
