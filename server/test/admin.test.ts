import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api-client';
import { enrolmentTokenFor, freeCustomer, logPhoneRequest } from './support/factories';
import { startTestServer, type TestServer } from './support/test-server';

let server: TestServer;
let admin: ApiClient;
beforeAll(async () => {
  server = await startTestServer({ customers: 30 });
  admin = await ApiClient.as(server.url, 'admin@demo.test');
});
afterAll(() => server?.stop());

describe('admins manage staff and settings', () => {
  it('when an admin creates a staff member, then they enrol through their link and can sign in; when disabled, every session of theirs ends at once', async () => {
    const created = await admin.post('/api/staff-users', { email: 'New.Agent@demo.test', fullName: '新同事', role: 'agent' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'new.agent@demo.test', role: 'agent', active: true });
    expect(JSON.stringify(created.body)).not.toMatch(/hash|token|enrol\//i);
    const tab1 = new ApiClient(server.url);
    expect((await tab1.post('/api/auth/enrol', { token: await enrolmentTokenFor(server, created.body.id), password: 'a-long-password-1' })).status).toBe(200);
    const tab2 = await ApiClient.as(server.url, 'new.agent@demo.test', 'a-long-password-1');
    expect((await tab1.get('/api/auth/me')).status).toBe(200);
    const disabled = await admin.request('PUT', `/api/staff-users/${created.body.id}`, { active: false });
    expect(disabled.body.active).toBe(false);
    expect((await tab1.get('/api/auth/me')).status).toBe(401);
    expect((await tab2.list('closure-requests')).status).toBe(401);
    const again = await new ApiClient(server.url).post('/api/auth/login', { email: 'new.agent@demo.test', password: 'a-long-password-1' });
    expect(again.status).toBe(401);
    const events = (await admin.list('audit-events', { filter: { entityType: 'staff_user', entityId: String(created.body.id) }, sort: ['id', 'ASC'] })).body;
    expect(events.map((e: any) => e.action)).toEqual(['staff.create', 'auth.enrol', 'auth.login', 'staff.update', 'auth.login_failed']);
    expect(events[3].after).toMatchObject({ active: false, sessionsEnded: 2 });
  });

  it('when staff input is bad or the caller is not an admin, then 400 or 403 and nothing changes', async () => {
    const bad = [
      { email: 'not-an-email', fullName: 'x', role: 'agent' },
      { email: 'x@demo.test', fullName: 'x', role: 'janitor' },
      { email: 'x@demo.test', fullName: 'x', role: 'agent', locale: 'fr' },
      { email: 'x@demo.test', fullName: 'x', role: 'agent', password: 'a-long-password-1' }, // an admin never chooses a password
      { email: 'agent@demo.test', fullName: 'dup', role: 'agent' },
    ];
    const before = (await admin.list('staff-users', { range: [0, 99] })).body.length;
    for (const body of bad) expect((await admin.post('/api/staff-users', body)).status, JSON.stringify(body)).toBe(400);
    expect((await admin.list('staff-users', { range: [0, 99] })).body.length).toBe(before);
    const supervisor = await ApiClient.as(server.url, 'supervisor@demo.test');
    expect((await supervisor.post('/api/staff-users', bad[0])).status).toBe(403);
    expect((await admin.request('PUT', `/api/staff-users/${admin.user!.id}`, { active: false })).status).toBe(400);
    expect((await admin.request('PUT', '/api/staff-users/99999', { active: false })).status).toBe(404);
  });

  it('when an admin changes the SLA days, then new requests are due that many days later, and the change is audited', async () => {
    const list = await admin.get('/api/settings');
    expect(list.body.map((s: any) => s.id)).toEqual(expect.arrayContaining(['slaDays', 'refundApprovalThreshold', 'quarantineDays', 'retentionDays']));
    expect((await admin.request('PUT', '/api/settings/slaDays', { value: 0 })).status).toBe(400);
    expect((await admin.request('PUT', '/api/settings/slaDays', { value: 2.5 })).status).toBe(400);
    expect((await admin.request('PUT', '/api/settings/nope', { value: 3 })).status).toBe(404);
    const changed = await admin.request('PUT', '/api/settings/slaDays', { value: 3 });
    expect(changed.body).toMatchObject({ id: 'slaDays', value: 3, defaultValue: 7 });
    const agent = await ApiClient.as(server.url, 'agent@demo.test');
    expect((await agent.request('PUT', '/api/settings/slaDays', { value: 9 })).status).toBe(403);
    const request = await logPhoneRequest(agent, (await freeCustomer(agent)).id);
    expect(new Date(request.dueAt).getTime() - new Date(request.submittedAt).getTime()).toBe(3 * 86_400_000);
    const audit = (await admin.list('audit-events', { filter: { action: 'setting.update' } })).body[0];
    expect(audit).toMatchObject({ entityId: 'slaDays', before: { value: 7 }, after: { value: 3 } });
  });
});
