import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api-client';
import { act, daysFromToday, freeCustomer, logPhoneRequest, must, today } from './support/factories';
import { INTAKE_KEY, startTestServer, type TestServer } from './support/test-server';

const APP_KEY = 'customer-app:the-app-back-end-secret-1';

const CJK = /[\u4e00-\u9fff]/;

let server: TestServer;
let agent: ApiClient;
let agentZh: ApiClient;
let agent2: ApiClient;
let supervisor: ApiClient;

/** The same staff member's browser with the console set to a language. */
async function speaking(email: string, language: string): Promise<ApiClient> {
  const client = await ApiClient.as(server.url, email);
  Object.assign(client.headers, { 'accept-language': language });
  return client;
}

beforeAll(async () => {
  server = await startTestServer({ customers: 60, config: { intakeApiKeys: [INTAKE_KEY, APP_KEY] } });
  agent = await speaking('agent@demo.test', 'en');
  agentZh = await speaking('agent@demo.test', 'zh-CN');
  agent2 = await speaking('agent2@demo.test', 'zh-CN,zh;q=0.9');
  supervisor = await speaking('supervisor@demo.test', 'en');
});
afterAll(() => server?.stop());

describe('the server answers in the console’s language (Accept-Language)', () => {
  it('when the console is Chinese, then the checklist details are Chinese; in English they are English', async () => {
    const customer = await freeCustomer(agent, { outstandingAmount_gte: 1 });
    const request = await logPhoneRequest(agent, customer.id, false);
    const zh = (await agentZh.get(`/api/closure-requests/${request.id}/checks`)).body;
    const en = (await agent.get(`/api/closure-requests/${request.id}/checks`)).body;
    expect(zh.map((c: any) => c.id)).toEqual(en.map((c: any) => c.id));
    for (const check of zh) expect(check.detail, check.id).toMatch(CJK);
    for (const check of en) expect(check.detail, check.id).not.toMatch(CJK);
    const identity = en.find((c: any) => c.id === 'identity_verified');
    expect(identity.detail).toContain('the security questions');
    expect(identity.detail).not.toMatch(/security_questions|phone request needs/);
    expect(zh.find((c: any) => c.id === 'identity_verified').detail).toContain('安全问题');
    expect(en.find((c: any) => c.id === 'no_outstanding_bills').detail).toMatch(/supervisor waives the bill/);
  });

  it('when an approval has a past effective date, then the refusal says the date is in the past and what to choose', async () => {
    const customer = await freeCustomer(agent, { outstandingAmount_lte: 0, cashBalance_lte: 0 });
    const request = await must(agent, await logPhoneRequest(agent, customer.id), 'claim');
    const past = daysFromToday(-3);
    const en = await act(agent, request, 'approve', { balanceDecision: 'none', effectiveDate: past });
    expect(en.status).toBe(409);
    expect(en.body).toMatchObject({ code: 'precondition_failed', details: ['effective_date_set'] });
    expect(en.body.message).toMatch(/effective date is in the past/);
    expect(en.body.message).toMatch(/choose today or a later date/);
    const zh = await act(agentZh, request, 'approve', { balanceDecision: 'none', effectiveDate: past });
    expect(zh.body.details).toEqual(['effective_date_set']);
    expect(zh.body.message).toMatch(/生效日期已过/);
    const after = (await agent.get(`/api/closure-requests/${request.id}`)).body;
    expect(after).toMatchObject({ status: 'in_review', version: request.version, effectiveDate: null });
  });

  it('when "No balance" is chosen with cash left, then the refusal says how much cash there is and what to choose', async () => {
    const customer = await freeCustomer(agent, { outstandingAmount_lte: 0, cashBalance_gte: 100 });
    const request = await must(agent, await logPhoneRequest(agent, customer.id), 'claim');
    const res = await act(agent, request, 'approve', { balanceDecision: 'none', effectiveDate: today() });
    expect(res.status).toBe(409);
    expect(res.body.details).toEqual(['balance_decided']);
    expect(res.body.message).toMatch(/"No balance" is only for an account without cash, and this one holds .*[0-9]: choose Refund or Forfeit/);
    const zh = await act(agentZh, request, 'approve', { balanceDecision: 'none', effectiveDate: today() });
    expect(zh.body.message).toMatch(/「无余额」仅适用于没有现金余额的账户/);
  });

  it('when approval is blocked by several checks, then the message gives each one’s next step', async () => {
    const customer = await freeCustomer(agent, { outstandingAmount_gte: 1, cashBalance_gte: 1 });
    const request = await must(agent, await logPhoneRequest(agent, customer.id, false), 'claim');
    const res = await act(agent, request, 'approve', { balanceDecision: 'none', effectiveDate: daysFromToday(-1) });
    expect(res.body.details).toEqual(['identity_verified', 'no_outstanding_bills', 'balance_decided', 'effective_date_set']);
    expect(res.body.message).toMatch(/^Cannot approve yet\. /);
    expect(res.body.message).toMatch(/Use Verify identity/);
    expect(res.body.message).toMatch(/a supervisor waives the bill/);
  });

  it('when an agent acts on a colleague’s request or sends a bad body, then the refusal is in their language and names the cause', async () => {
    const customer = await freeCustomer(agent);
    const request = await must(agent, await logPhoneRequest(agent, customer.id), 'claim');
    const notMine = await act(agent2, request, 'request-info', { message: '请补充身份证照片' });
    expect(notMine.status).toBe(403);
    expect(notMine.body.message).toMatch(/这不是你的申请/);
    const bad = await act(agentZh, request, 'approve', { balanceDecision: 'maybe', effectiveDate: today() });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('validation_failed');
    expect(bad.body.message).toMatch(/^balanceDecision：/);
    expect(bad.body.message).toMatch(CJK);
    const badEn = await act(agent, request, 'approve', { balanceDecision: 'maybe', effectiveDate: today() });
    expect(badEn.body.message).not.toMatch(CJK);
    const audit = await agentZh.list('audit-events');
    expect(audit.status).toBe(403);
    expect(audit.body.message).toMatch(CJK);
  });
});

describe('a request’s history', () => {
  it('when an agent works a request, then they read every step with who, their role, when and the notes they typed, and the message sent with its text', async () => {
    const customer = await freeCustomer(agent, { outstandingAmount_lte: 0, cashBalance_lte: 0 });
    let request = await must(agent, await logPhoneRequest(agent, customer.id, false), 'claim');
    request = await must(agent, request, 'request-info', { message: 'Please send a photo of your ID card' });
    request = await must(agent, request, 'resume', { note: 'Customer called back with the answers' });
    request = await must(agent, request, 'verify-identity', { method: 'security_questions', note: 'Three questions answered right' });
    request = await must(agent, request, 'approve', { balanceDecision: 'none', effectiveDate: today(), note: 'No cash, closing today' });

    const res = await agent.get(`/api/closure-requests/${request.id}/history`);
    expect(res.status).toBe(200);
    const steps = res.body.filter((e: any) => e.kind === 'step');
    expect(steps.map((e: any) => e.action)).toEqual([
      'closure.submitted', 'closure.claim', 'closure.request-info', 'closure.resume', 'closure.verify-identity', 'closure.approve',
    ]);
    const name = (await agent.get('/api/auth/me')).body.user?.fullName ?? (await agent.get('/api/auth/me')).body.fullName;
    for (const step of steps) expect(step).toMatchObject({ actorName: name, actorRole: 'agent' });
    const byAction = Object.fromEntries(steps.map((e: any) => [e.action, e]));
    expect(byAction['closure.request-info'].note).toBe('Please send a photo of your ID card');
    expect(byAction['closure.resume'].note).toBe('Customer called back with the answers');
    expect(byAction['closure.verify-identity'].note).toBe('Three questions answered right');
    expect(byAction['closure.approve']).toMatchObject({ note: 'No cash, closing today', status: 'approved' });
    expect(byAction['closure.claim'].detail).toBe(name);
    const asked = res.body.find((e: any) => e.kind === 'message' && e.message.template === 'info_requested');
    expect(asked.message.text).toContain('Please send a photo of your ID card');
    expect(JSON.stringify(res.body)).not.toMatch(/@demo\.test|"ip"/);

    const notes = (await agent.get(`/api/closure-requests/${request.id}/notes`)).body.map((n: any) => n.text);
    for (const typed of ['Customer called back with the answers', 'Three questions answered right', 'No cash, closing today']) expect(notes).toContain(typed);
  });

  it('when a supervisor approved, then the agent’s history names the supervisor and their role; an unknown request is a 404', async () => {
    const customer = await freeCustomer(agent, { outstandingAmount_lte: 0, cashBalance_gte: 1 });
    const request = await must(agent, await logPhoneRequest(agent, customer.id), 'claim');
    await must(supervisor, request, 'approve', { balanceDecision: 'forfeit', effectiveDate: today() });
    const history = (await agent.get(`/api/closure-requests/${request.id}/history`)).body;
    const approve = history.find((e: any) => e.action === 'closure.approve');
    expect(approve.actorRole).toBe('supervisor');
    expect(approve.actorName).toBeTruthy();
    expect((await agent.get('/api/closure-requests/999999/history')).status).toBe(404);
  });
});

describe('intake events', () => {
  it('when another system opens a request through the intake API, then its events carry the intake key’s name as their actor', async () => {
    const customer = await freeCustomer(agent);
    const app = new ApiClient(server.url, { authorization: `Bearer ${APP_KEY}` });
    const opened = await app.post('/api/intake/closure-requests', { accountNo: customer.accountNo, reasonCode: 'switching_provider' }, { 'idempotency-key': `w-${customer.id}` });
    expect(opened.status).toBe(201);
    const history = (await agent.get(`/api/closure-requests/${opened.body.id}/history`)).body;
    expect(history[0]).toMatchObject({ action: 'closure.submitted', actorName: 'intake: customer-app', actorRole: null });
    const events = (await supervisor.list('audit-events', { filter: { entityType: 'closure_request', entityId: String(opened.body.id) } })).body;
    expect(events.find((e: any) => e.action === 'closure.submitted')).toMatchObject({ actorId: null, actorEmail: 'intake: customer-app' });

    const other = await freeCustomer(agent);
    const unnamed = new ApiClient(server.url, { authorization: `Bearer ${INTAKE_KEY}` });
    const second = await unnamed.post('/api/intake/closure-requests', { accountNo: other.accountNo, reasonCode: 'other' }, { 'idempotency-key': `w-${other.id}` });
    expect(second.status).toBe(201);
    expect((await agent.get(`/api/closure-requests/${second.body.id}/history`)).body[0].actorName).toBe('intake key 1');
  });
});
