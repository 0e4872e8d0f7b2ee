import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api-client';
import { buildStaff, freeCustomer, must } from './support/factories';
import { INTAKE_KEY, startTestServer, type TestServer } from './support/test-server';
import { runInfoWait } from '../src/closures/info-wait-job';

const DAY = 86_400_000;
let server: TestServer;
let supervisor: ApiClient;
let supervisor2: ApiClient;
let agent: ApiClient;
let intake: ApiClient;

beforeAll(async () => {
  // Jobs off: the info-wait job is run here "as of" chosen instants, holding its lease itself.
  server = await startTestServer({ customers: 160, jobs: false });
  supervisor = await ApiClient.as(server.url, 'supervisor@demo.test');
  supervisor2 = await ApiClient.as(server.url, 'supervisor2@demo.test');
  agent = await ApiClient.as(server.url, 'agent@demo.test');
  intake = new ApiClient(server.url, { authorization: `Bearer ${INTAKE_KEY}` });
});
afterAll(() => server?.stop());

let n = 0;
const key = () => `cs-${Date.now()}-${++n}`;
const intakePost = (path: string, body: unknown, k = key()) => intake.post(`/api/intake${path}`, body, { 'idempotency-key': k });

/** A request opened in the app and claimed by the supervisor. */
async function appRequestInReview(by: ApiClient = supervisor) {
  const customer = await freeCustomer(supervisor, { outstandingAmount_lte: 0 });
  const created = await intakePost('/closure-requests', { accountNo: customer.accountNo, reasonCode: 'moving_abroad' });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return { customer, request: await must(by, created.body, 'claim') };
}

async function rejected() {
  const { customer, request } = await appRequestInReview();
  const done = await must(supervisor, request, 'reject', { reasonCode: 'outstanding_bills', note: 'Internal: customer sounded unsure' });
  return { customer, request: done };
}

const auditOf = async (id: number, action: string) =>
  server.ctx.models.AuditEvent.findAll({ where: { entityType: 'closure_request', entityId: String(id), action }, order: [['id', 'ASC']], raw: true });

describe('status by reference (intake)', () => {
  it('when the app asks where a request stands, then it gets its steps and what is awaited, and no staff name or internal note', async () => {
    const { request } = await appRequestInReview();
    await supervisor.post(`/api/closure-requests/${request.id}/notes`, { text: 'SECRET internal remark about the customer' });
    const asked = await must(supervisor, request, 'request-info', { message: 'Please send a photo of your ID card.' });

    const res = await intake.get(`/api/intake/closure-requests/${request.reference}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['dueAt', 'effectiveDate', 'reference', 'status', 'steps', 'submittedAt', 'waitingFor']);
    expect(res.body).toMatchObject({ reference: request.reference, status: 'awaiting_customer', dueAt: asked.dueAt });
    expect(res.body.steps.map((s: any) => s.status)).toEqual(['submitted', 'in_review', 'awaiting_customer']);
    expect(res.body.waitingFor.message).toBe('Please send a photo of your ID card.');
    const text = JSON.stringify(res.body);
    expect(text).not.toContain('SECRET');
    expect(text).not.toContain('Wang Fang');
    expect(text).not.toContain('王芳');
    expect(text).not.toContain('supervisor@demo.test');
  });

  it('when the reference is unknown, then 404; without the intake key, then 401', async () => {
    const res = await intake.get('/api/intake/closure-requests/CR-2026-999999');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
    const anon = await new ApiClient(server.url).get('/api/intake/closure-requests/CR-2026-999999');
    expect(anon.status).toBe(401);
  });
});

describe('appeals (申诉)', () => {
  it('when a rejection is appealed in the window, then a new app request links to it, both ways, and the customer is told the new reference', async () => {
    const { request } = await rejected();
    const status = await intake.get(`/api/intake/closure-requests/${request.reference}`);
    expect(status.body.appealableUntil).toBeDefined();
    expect(new Date(status.body.appealableUntil).getTime() - new Date(request.resolvedAt).getTime()).toBe(30 * DAY);

    const appeal = await intakePost(`/closure-requests/${request.reference}/appeal`, { text: 'I paid the bill yesterday.' });
    expect(appeal.status, JSON.stringify(appeal.body)).toBe(201);
    expect(appeal.body).toMatchObject({ channel: 'app', status: 'submitted', appealOfId: request.id, reasonText: 'I paid the bill yesterday.' });
    expect(appeal.body.reference).not.toBe(request.reference);
    const original = await supervisor.get(`/api/closure-requests/${request.id}`);
    expect(original.body.status).toBe('rejected');
    const linked = await supervisor.list('closure-requests', { filter: { appealOfId: request.id } });
    expect(linked.body.map((r: any) => r.id)).toEqual([appeal.body.id]);
    const appealStatus = await intake.get(`/api/intake/closure-requests/${appeal.body.reference}`);
    expect(appealStatus.body.appealOf).toBe(request.reference);
    const told = await supervisor.list('notifications', { filter: { closureRequestId: appeal.body.id } });
    expect(told.body.map((m: any) => m.template)).toContain('closure_received');
  });

  it('when the supervisor who rejected tries to decide the appeal, then 403 same_person; an agent 403 forbidden; another supervisor may', async () => {
    const { request } = await rejected();
    const appeal = (await intakePost(`/closure-requests/${request.reference}/appeal`, { text: 'Please look again.' })).body;
    const claimed = await must(agent, appeal, 'claim');
    const byAgent = await agent.post(`/api/closure-requests/${appeal.id}/actions/reject`, { version: claimed.version, reasonCode: 'other', note: 'no' });
    expect(byAgent.status).toBe(403);
    expect(byAgent.body.code).toBe('forbidden');
    const same = await supervisor.post(`/api/closure-requests/${appeal.id}/actions/reject`, { version: claimed.version, reasonCode: 'other', note: 'no' });
    expect(same.status).toBe(403);
    expect(same.body.code).toBe('same_person');
    const unchanged = await supervisor.get(`/api/closure-requests/${appeal.id}`);
    expect(unchanged.body).toMatchObject({ status: 'in_review', version: claimed.version });
    const other = await supervisor2.post(`/api/closure-requests/${appeal.id}/actions/reject`, { version: claimed.version, reasonCode: 'other', note: 'upheld' });
    expect(other.status, JSON.stringify(other.body)).toBe(200);
    expect(other.body.status).toBe('rejected');
  });

  it('when the window has passed, then 409 appeal_window_closed; a second appeal, 409 duplicate_open_request; an open request, 409 invalid_transition', async () => {
    const late = await rejected();
    await server.ctx.models.ClosureRequest.update({ resolvedAt: new Date(Date.now() - 31 * DAY) }, { where: { id: late.request.id } });
    const closed = await intakePost(`/closure-requests/${late.request.reference}/appeal`, { text: 'Too late?' });
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('appeal_window_closed');
    expect((await intake.get(`/api/intake/closure-requests/${late.request.reference}`)).body.appealableUntil).toBeUndefined();

    const { request } = await rejected();
    const first = await intakePost(`/closure-requests/${request.reference}/appeal`, { text: 'First appeal' });
    expect(first.status).toBe(201);
    const second = await intakePost(`/closure-requests/${request.reference}/appeal`, { text: 'Second appeal' });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('duplicate_open_request');
    // Decided and appealed once: still no second appeal.
    const claimed = await must(supervisor2, first.body, 'claim');
    await must(supervisor2, claimed, 'reject', { reasonCode: 'other', note: 'upheld' });
    const third = await intakePost(`/closure-requests/${request.reference}/appeal`, { text: 'Third appeal' });
    expect(third.body.code).toBe('duplicate_open_request');

    const open = await appRequestInReview();
    const notRejected = await intakePost(`/closure-requests/${open.request.reference}/appeal`, { text: 'Not rejected' });
    expect(notRejected.status).toBe(409);
    expect(notRejected.body.code).toBe('invalid_transition');
  });
});

describe('the fair clock', () => {
  it('when a request is resumed after waiting for the customer, then dueAt moves later by the time waited, recorded in the audit event', async () => {
    const { request } = await appRequestInReview();
    const asked = await must(supervisor, request, 'request-info', { message: 'Which device holds the eSIM?' });
    // Two days of waiting, without waiting two days: the wait's start moved back.
    const since = new Date(Date.now() - 2 * DAY);
    await server.ctx.models.ClosureRequest.update({ waitingSince: since }, { where: { id: request.id } });
    const resumed = await must(supervisor, asked, 'resume', { note: 'Customer answered by phone' });
    const moved = new Date(resumed.dueAt).getTime() - new Date(asked.dueAt).getTime();
    expect(moved).toBeGreaterThanOrEqual(2 * DAY);
    const [event] = await auditOf(request.id, 'closure.resume');
    const after = JSON.parse(String(event!.after));
    expect(after.waitedMs).toBe(moved);
    expect(new Date(after.dueAt).toISOString()).toBe(resumed.dueAt);
    // The list (and its counters) read the new dueAt.
    const listed = await supervisor.list('closure-requests', { filter: { id: request.id } });
    expect(listed.body[0].dueAt).toBe(resumed.dueAt);
  });

  it('when the customer answers in the app, then the request is back in review and dueAt moves by the time waited', async () => {
    const { request } = await appRequestInReview();
    const asked = await must(supervisor, request, 'request-info', { message: 'Which phone holds the eSIM?' });
    await server.ctx.models.ClosureRequest.update({ waitingSince: new Date(Date.now() - 3 * DAY) }, { where: { id: request.id } });
    const answered = await intakePost(`/closure-requests/${request.reference}/answer`, { text: 'My iPhone 15.' });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body.status).toBe('in_review');
    const moved = new Date(answered.body.dueAt).getTime() - new Date(asked.dueAt).getTime();
    expect(moved).toBeGreaterThanOrEqual(3 * DAY);
    const [event] = await auditOf(request.id, 'closure.customer-answer');
    expect(event!.reason).toBe('My iPhone 15.');
    expect(JSON.parse(String(event!.after)).waitedMs).toBe(moved);
    const again = await intakePost(`/closure-requests/${request.reference}/answer`, { text: 'Again' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('invalid_transition');
  });

  it('when a request was already overdue before waiting, then the time waited is given back and it is no longer overdue', async () => {
    const { request } = await appRequestInReview();
    const asked = await must(supervisor, request, 'request-info', { message: 'Please confirm your e-mail address.' });
    // Waited since longer ago than the request's whole SLA remainder: resumed, it is due in the future again.
    const remaining = new Date(asked.dueAt).getTime() - Date.now();
    await server.ctx.models.ClosureRequest.update({ waitingSince: new Date(Date.now() - remaining - DAY) }, { where: { id: request.id } });
    const resumed = await must(supervisor, asked, 'resume');
    expect(resumed.overdue).toBe(false);
    expect(new Date(resumed.dueAt).getTime()).toBeGreaterThan(new Date(asked.dueAt).getTime() + remaining);
  });

  it('when the customer does not answer, then a reminder after infoReminderDays, once, and after infoTimeoutDays the system withdraws the request saying why', async () => {
    const { request } = await appRequestInReview();
    const asked = await must(supervisor, request, 'request-info', { message: 'Please send the bank statement.' });
    const start = Date.now();
    const early = await runInfoWait(server.ctx, 'test-holder', 60_000, new Date(start + 2 * DAY));
    expect(early.ran).toBe(true);
    expect((await supervisor.get(`/api/closure-requests/${request.id}`)).body.status).toBe('awaiting_customer');
    const templates = async () => (await supervisor.list('notifications', { filter: { closureRequestId: request.id }, range: [0, 99] })).body.map((m: any) => m.template);
    expect(await templates()).not.toContain('info_reminder');

    await runInfoWait(server.ctx, 'test-holder', 60_000, new Date(start + 3 * DAY + 60_000));
    const reminders = (await templates()).filter((t: string) => t === 'info_reminder');
    expect(reminders.length).toBeGreaterThan(0);
    await runInfoWait(server.ctx, 'test-holder', 60_000, new Date(start + 4 * DAY));
    expect((await templates()).filter((t: string) => t === 'info_reminder')).toEqual(reminders);
    const unchanged = await supervisor.get(`/api/closure-requests/${request.id}`);
    expect(unchanged.body).toMatchObject({ status: 'awaiting_customer', version: asked.version });

    await runInfoWait(server.ctx, 'test-holder', 60_000, new Date(start + 14 * DAY + 60_000));
    const after = await supervisor.get(`/api/closure-requests/${request.id}`);
    expect(after.body.status).toBe('withdrawn');
    expect(await templates()).toContain('closure_withdrawn_no_answer');
    const [withdrawal] = await auditOf(request.id, 'closure.withdraw');
    expect(withdrawal!.actorId).toBeNull();
    expect(withdrawal!.reason).toContain('no answer from the customer within 14 days');
    const message = await server.ctx.models.Notification.findOne({ where: { closureRequestId: request.id, template: 'closure_withdrawn_no_answer', channel: 'email' }, raw: true });
    expect(String(message?.body ?? '')).toMatch(/14|ask again|重新/);
  });

  it('when the agent resumes before the time-out, then the job leaves the request alone', async () => {
    const { request } = await appRequestInReview();
    const asked = await must(supervisor, request, 'request-info', { message: 'Please call us back.' });
    await must(supervisor, asked, 'resume');
    await runInfoWait(server.ctx, 'test-holder', 60_000, new Date(Date.now() + 15 * DAY));
    expect((await supervisor.get(`/api/closure-requests/${request.id}`)).body.status).toBe('in_review');
  });
});

describe('next request (claim-next)', () => {
  it('when an agent asks for the next request, then the submitted one due first is claimed for them', async () => {
    const queue = await agent.list('closure-requests', { filter: { status: 'submitted' }, sort: ['dueAt', 'ASC'], range: [0, 4] });
    expect(queue.body.length).toBeGreaterThan(0);
    const first = queue.body[0];
    const res = await agent.post('/api/closure-requests/actions/claim-next');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'in_review', assigneeId: agent.user!.id });
    expect(new Date(res.body.dueAt).getTime()).toBeLessThanOrEqual(new Date(first.dueAt).getTime());
    const [claim] = await auditOf(res.body.id, 'closure.claim');
    expect(claim!.actorId).toBe(agent.user!.id);
  });

  it('when an auditor asks, then 403', async () => {
    const auditor = await ApiClient.as(server.url, 'auditor@demo.test');
    const res = await auditor.post('/api/closure-requests/actions/claim-next');
    expect(res.status).toBe(403);
  });

  it('when 20 agents press it at once, then they get 20 different requests; once the queue is empty, 204', async () => {
    for (let i = 0; i < 22; i++) {
      const customer = await freeCustomer(supervisor);
      expect((await intakePost('/closure-requests', { accountNo: customer.accountNo, reasonCode: 'other' })).status).toBe(201);
    }
    const agents = await Promise.all(Array.from({ length: 5 }, async (_, i) => {
      const email = `race-agent-${i}@demo.test`;
      await buildStaff(server, { email, role: 'agent' });
      return ApiClient.as(server.url, email, 'a-long-password-1');
    }));
    const before = Number((await agent.list('closure-requests', { filter: { status: 'submitted' }, range: [0, 0] })).headers.get('content-range')?.split('/')[1]);
    expect(before).toBeGreaterThanOrEqual(20);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => agents[i % agents.length]!.post('/api/closure-requests/actions/claim-next')));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(20);
    for (const a of answers) expect(a.body.status).toBe('in_review');

    let drained = 0;
    for (;;) {
      const res = await agent.post('/api/closure-requests/actions/claim-next');
      if (res.status === 204) {
        expect(res.body).toBeNull();
        break;
      }
      expect(res.status).toBe(200);
      drained++;
    }
    expect(drained).toBe(before - 20);
  }, 180_000); // 22 requests opened and the whole queue drained, one call after another
});
