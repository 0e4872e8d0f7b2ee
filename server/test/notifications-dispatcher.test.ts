import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/platform/context';
import { iso } from '../src/platform/http/list-resource';
import { openContext } from '../src/server';
import { enqueueCustomerNotification } from '../src/notifications/enqueue';
import { dispatchDueNotifications, notificationDispatcher, type DispatcherOptions } from '../src/notifications/dispatcher';
import { claimNotification } from '../src/notifications/repository';
import { webhookTransport, type Transports } from '../src/notifications/transports';
import { startTestServer, type TestServer } from './support/test-server';

// Dispatchers here are started by the tests themselves, with their parameters; the server runs none.
process.env.DISABLE_JOBS = '1';

let server: TestServer;
let ctx: AppContext;
beforeAll(async () => {
  server = await startTestServer({ customers: 2 });
  ctx = server.ctx;
});
afterAll(() => server?.stop());

type Row = Record<string, any>;

/** A fake SMS/e-mail provider: counts deliveries by notification id; `answer` decides each reply. */
async function fakeProvider(answer: (id: number, nth: number) => { status: number; delayMs?: number } = () => ({ status: 200 })) {
  const deliveries = new Map<number, number>();
  const requests: { id: number; headers: http.IncomingHttpHeaders; body: Row }[] = [];
  const srv = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = JSON.parse(raw) as Row;
      const nth = (deliveries.get(body.id) ?? 0) + 1;
      deliveries.set(body.id, nth);
      requests.push({ id: body.id, headers: req.headers, body });
      const { status, delayMs = 0 } = answer(body.id, nth);
      setTimeout(() => res.writeHead(status, { 'content-type': 'application/json' }).end('{}'), delayMs);
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}/sms`;
  const transports: Transports = { email: webhookTransport(url), sms: webhookTransport(url) };
  return {
    url, deliveries, requests, transports,
    close: () => new Promise<void>((r) => { srv.closeAllConnections(); srv.close(() => r()); }),
  };
}

let serial = 0;
/** Customers with e-mail and phone: two messages each. */
async function enqueueMessages(customers: number, c: AppContext = ctx): Promise<number[]> {
  return c.db.transaction(async (tx) => {
    const ids: number[] = [];
    for (let i = 0; i < customers; i++) {
      const n = ++serial;
      const customer = await c.models.Customer.create(
        { accountNo: `ND${process.pid}${n}`, fullName: `Dispatch ${n}`, locale: n % 2 ? 'en' : 'zh-CN', currency: 'CNY', status: 'active',
          email: `d${n}@example.com`, phone: `1390000${String(n).padStart(4, '0')}` },
        { transaction: tx },
      );
      ids.push(...(await enqueueCustomerNotification(c, tx, {
        customerId: Number(customer.get('id')), closureRequestId: null, template: 'closure_withdrawn', params: { reference: `CR-2026-9${n}` },
      })));
    }
    return ids;
  });
}

const rowOf = async (id: number) => (await ctx.models.Notification.findByPk(id, { raw: true })) as unknown as Row;
const rowsOf = async (ids: number[]) => (await ctx.models.Notification.findAll({ where: { id: ids }, raw: true })) as unknown as Row[];
const pendingCount = () => ctx.models.Notification.count({ where: { status: 'pending' } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, probe: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

function expectEachDeliveredOnce(deliveries: Map<number, number>, ids: number[]) {
  expect([...deliveries.keys()].sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
  expect([...deliveries.values()].every((n) => n === 1)).toBe(true);
}

describe('the notification dispatcher', () => {
  it('when the provider fails, then attempts back off exponentially, a later success marks it sent, and too many failures mark it failed', async () => {
    const clock = { t: Date.now() };
    const provider = await fakeProvider((id, nth) => ({ status: id === flaky && nth <= 2 ? 500 : id === flaky ? 200 : 503 }));
    const [flaky, broken] = await enqueueMessages(1);
    const opts: DispatcherOptions = { transports: provider.transports, now: () => new Date(clock.t), maxAttempts: 3 };
    const at = (ms: number) => new Date(clock.t + ms).toISOString();

    await dispatchDueNotifications(ctx, opts);
    expect(await rowOf(flaky!)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'webhook answered HTTP 500' });
    expect(iso((await rowOf(flaky!)).nextAttemptAt)).toBe(at(30_000));
    expect(iso((await rowOf(broken!)).nextAttemptAt)).toBe(at(30_000));

    expect((await dispatchDueNotifications(ctx, opts)).found).toBe(0); // not due yet
    clock.t += 30_000;
    await dispatchDueNotifications(ctx, opts);
    expect(await rowOf(flaky!)).toMatchObject({ status: 'pending', attempts: 2 });
    expect(iso((await rowOf(flaky!)).nextAttemptAt)).toBe(at(60_000));

    clock.t += 60_000;
    const third = await dispatchDueNotifications(ctx, opts);
    expect(third.outcomes).toMatchObject({ sent: 1, failed: 1 });
    expect(await rowOf(flaky!)).toMatchObject({ status: 'sent', attempts: 3 });
    expect(iso((await rowOf(flaky!)).sentAt)).toBe(at(0));
    expect(await rowOf(broken!)).toMatchObject({ status: 'failed', attempts: 3, nextAttemptAt: null, lastError: 'webhook answered HTTP 503' });

    clock.t += 3_600_000;
    expect((await dispatchDueNotifications(ctx, opts)).found).toBe(0); // failed stays failed, sent stays sent
    expect(provider.deliveries.get(flaky!)).toBe(3);
    expect(provider.deliveries.get(broken!)).toBe(3);
    await provider.close();
  });

  it('when the provider is unreachable, then the error is stored short and without the address', async () => {
    const provider = await fakeProvider();
    await provider.close();
    const ids = await enqueueMessages(1);
    await dispatchDueNotifications(ctx, { transports: provider.transports, maxAttempts: 1 });
    for (const row of await rowsOf(ids)) {
      expect(row).toMatchObject({ status: 'failed', lastError: 'webhook unreachable (ECONNREFUSED)' });
    }
  });

  it('when a webhook is sent a message, then it carries the notification id as Idempotency-Key', async () => {
    const provider = await fakeProvider();
    const ids = await enqueueMessages(1);
    await dispatchDueNotifications(ctx, { transports: provider.transports });
    const sms = provider.requests.find((r) => r.body.channel === 'sms')!;
    expect(sms.headers['idempotency-key']).toBe(`closure-desk-notification-${sms.id}`);
    expect(sms.body).toMatchObject({ idempotencyKey: `closure-desk-notification-${sms.id}`, to: expect.stringMatching(/^139/), template: 'closure_withdrawn' });
    expectEachDeliveredOnce(provider.deliveries, ids);
    await provider.close();
  });

  it('when the dispatcher is stopped mid-batch, then in-flight messages are finished and marked, and a new dispatcher sends the rest exactly once', async () => {
    const provider = await fakeProvider(() => ({ status: 200, delayMs: 150 }));
    const ids = await enqueueMessages(8);
    const opts = { transports: provider.transports, pollIntervalMs: 10, batchSize: 5, concurrency: 3 };

    const stopFirst = notificationDispatcher(opts).start(ctx);
    await waitFor('some messages in flight', () => provider.requests.length >= 4);
    await stopFirst();

    // Everything the provider received is marked sent; nothing else was claimed and left hanging.
    const afterStop = await rowsOf(ids);
    const sent = afterStop.filter((r) => r.status === 'sent').map((r) => r.id);
    expect(sent.sort((a, b) => a - b)).toEqual([...provider.deliveries.keys()].sort((a, b) => a - b));
    expect(sent.length).toBeGreaterThanOrEqual(4);
    expect(sent.length).toBeLessThan(ids.length);
    for (const r of afterStop.filter((x) => x.status !== 'sent')) expect(r).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: null });
    const received = provider.requests.length;
    await sleep(200);
    expect(provider.requests.length).toBe(received); // the stopped one claims nothing more

    const other = await openContext(server.config); // another server process on the same database
    const stopSecond = notificationDispatcher(opts).start(other);
    await waitFor('all sent', async () => (await rowsOf(ids)).every((r) => r.status === 'sent'));
    await stopSecond();
    await other.db.close();
    expectEachDeliveredOnce(provider.deliveries, ids);
    await provider.close();
  });

  it('when a dispatcher dies holding a claim, then the message is retried after the lease expires, with the same idempotency key', async () => {
    const provider = await fakeProvider();
    const [id] = await enqueueMessages(1);
    const [emailId] = [id!];
    const claimedAt = new Date();
    const claim = await claimNotification(ctx, emailId, claimedAt, new Date(claimedAt.getTime() + 120_000));
    expect(claim).not.toBeNull();
    // It had sent the message, then the process was killed before the row was marked.
    await provider.transports.email.send(claim!.message, AbortSignal.timeout(5_000));

    const now = await dispatchDueNotifications(ctx, { transports: provider.transports });
    expect(provider.deliveries.get(emailId)).toBe(1); // still leased: left alone
    expect(now.outcomes.sent).toBe(1); // (the customer's SMS, which was not claimed)

    await dispatchDueNotifications(ctx, { transports: provider.transports, now: () => new Date(claimedAt.getTime() + 120_001) });
    expect(await rowOf(emailId)).toMatchObject({ status: 'sent', attempts: 2 });
    const keys = provider.requests.filter((r) => r.id === emailId).map((r) => r.headers['idempotency-key']);
    expect(keys).toEqual([`closure-desk-notification-${emailId}`, `closure-desk-notification-${emailId}`]); // at-least-once: the far side dedupes
    await provider.close();
  });

  it('when two dispatchers poll the same due messages at once, then each message is claimed and sent by only one of them', async () => {
    const provider = await fakeProvider(() => ({ status: 200, delayMs: 5 }));
    const ids = await enqueueMessages(10);
    const other = await openContext(server.config);
    const opts = { transports: provider.transports, batchSize: 20, concurrency: 4 };
    const [a, b] = await Promise.all([dispatchDueNotifications(ctx, opts), dispatchDueNotifications(other, opts)]);
    expect(a.outcomes.sent + b.outcomes.sent).toBe(ids.length);
    expect(a.outcomes.skipped + b.outcomes.skipped).toBeGreaterThan(0); // they did compete for the same rows
    expectEachDeliveredOnce(provider.deliveries, ids);
    await other.db.close();
    await provider.close();
  });

  it('when two running dispatchers share the database, then every message goes out exactly once', async () => {
    const provider = await fakeProvider(() => ({ status: 200, delayMs: Math.floor(Math.random() * 20) }));
    const other = await openContext(server.config);
    const opts = { transports: provider.transports, pollIntervalMs: 5, batchSize: 5, concurrency: 3 };
    const stops = [notificationDispatcher(opts).start(ctx), notificationDispatcher(opts).start(other)];
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(...(await enqueueMessages(4, i % 2 ? other : ctx)));
      await sleep(15);
    }
    await waitFor('all sent', async () => (await rowsOf(ids)).every((r) => r.status === 'sent'));
    await Promise.all(stops.map((stop) => stop()));
    await other.db.close();
    expectEachDeliveredOnce(provider.deliveries, ids);
    expect(await pendingCount()).toBe(0);
    await provider.close();
  });

  it('when SMTP_URL and SMS_WEBHOOK_URL are set, then e-mail goes by SMTP with the id in Message-ID and SMS to the webhook with its token', async () => {
    const smtp = await fakeSmtpServer();
    const provider = await fakeProvider();
    const ids = await enqueueMessages(1);
    const env = {
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, NOTIFY_FROM: 'Closure Desk <no-reply@esim.example>',
      SMS_WEBHOOK_URL: provider.url, SMS_WEBHOOK_TOKEN: 'sms-token',
    };
    const result = await dispatchDueNotifications(ctx, { env });
    expect(result.outcomes.sent).toBe(2);
    const [emailId, smsId] = ids;
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]).toMatch(new RegExp(`^Message-ID: <closure-desk-notification-${emailId}@esim\\.example>`, 'mi'));
    expect(smtp.messages[0]).toMatch(new RegExp(`^Idempotency-Key: closure-desk-notification-${emailId}`, 'mi'));
    expect(smtp.recipients).toEqual([expect.stringMatching(/^<d\d+@example\.com>$/)]);
    expect(provider.requests).toHaveLength(1);
    expect(provider.requests[0]).toMatchObject({ id: smsId, headers: { authorization: 'Bearer sms-token' } });
    expect(await rowOf(emailId!)).toMatchObject({ status: 'sent' });
    await provider.close();
    await smtp.close();
  });

  it('when the SMTP server never answers, then the send gives up at the timeout and the attempt is recorded as failed', async () => {
    const silent = net.createServer(() => undefined); // accepts, then says nothing
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const provider = await fakeProvider();
    const [emailId] = await enqueueMessages(1);
    const env = { SMTP_URL: `smtp://127.0.0.1:${(silent.address() as AddressInfo).port}`, SMS_WEBHOOK_URL: provider.url };
    const started = Date.now();
    await dispatchDueNotifications(ctx, { env, sendTimeoutMs: 300, leaseMs: 5_000 });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await rowOf(emailId!)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'smtp failed (timed out)' });
    await ctx.db.transaction((tx) => ctx.models.Notification.update({ status: 'failed' }, { where: { id: emailId! }, transaction: tx }));
    silent.close();
    await provider.close();
  });
});

/** The smallest SMTP server nodemailer will talk to: no TLS, no auth, accepts everything. */
async function fakeSmtpServer() {
  const messages: string[] = [];
  const recipients: string[] = [];
  const sockets = new Set<net.Socket>();
  const srv = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let buffer = '';
    let data: string[] | null = null;
    socket.write('220 fake ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        if (data) {
          if (line === '.') {
            messages.push(data.join('\r\n'));
            data = null;
            socket.write('250 queued\r\n');
          } else data.push(line.startsWith('..') ? line.slice(1) : line);
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 fake\r\n');
        else if (verb === 'RCPT') {
          recipients.push(line.replace(/^RCPT TO:/i, ''));
          socket.write('250 ok\r\n');
        } else if (verb === 'DATA') {
          data = [];
          socket.write('354 go on\r\n');
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return {
    port: (srv.address() as AddressInfo).port,
    messages,
    recipients,
    close: () => new Promise<void>((r) => { for (const s of sockets) s.destroy(); srv.close(() => r()); }),
  };
}
