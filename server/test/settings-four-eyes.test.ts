import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api-client';
import { startTestServer, type TestServer } from './support/test-server';

// Issue 11 item 2: an admin alone must not turn the refund checker off (or loosen sign-in) by a setting.
let server: TestServer;
let admin: ApiClient;
let admin2: ApiClient;
beforeAll(async () => {
  server = await startTestServer({ customers: 2 });
  admin = await ApiClient.as(server.url, 'admin@demo.test');
  admin2 = await ApiClient.as(server.url, 'admin2@demo.test');
});
afterAll(() => server?.stop());

const put = (who: ApiClient, key: string, value: unknown) => who.request('PUT', `/api/settings/${key}`, { value });
const setting = async (key: string) => (await admin.get(`/api/settings/${key}`)).body;
const auditOf = async (key: string) =>
  (await admin.list('audit-events', { filter: { entityType: 'setting', entityId: key }, sort: ['id', 'ASC'], range: [0, 99] })).body as any[];

describe('four eyes on the settings that guard money or access', () => {
  it('when one admin raises the refund approval threshold, then it is only proposed (202): the old value stays until another admin approves', async () => {
    const proposed = await put(admin, 'refundApprovalThreshold', 100_000_000);
    expect(proposed.status).toBe(202);
    expect(proposed.body).toMatchObject({
      id: 'refundApprovalThreshold', value: 50_000, fourEyes: true,
      pending: { value: 100_000_000, proposedById: admin.user!.id, proposedAt: expect.any(String) },
    });
    expect((await setting('refundApprovalThreshold')).value).toBe(50_000);

    const self = await admin.post('/api/settings/refundApprovalThreshold/actions/approve');
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('same_person');
    expect((await setting('refundApprovalThreshold')).value, 'the proposer cannot approve it').toBe(50_000);

    const second = await put(admin, 'refundApprovalThreshold', 60_000);
    expect(second.status, 'one pending change at a time').toBe(409);
    expect(second.body.code).toBe('invalid_transition');
    expect((await put(admin2, 'refundApprovalThreshold', 70_000)).status).toBe(409);

    const approved = await admin2.post('/api/settings/refundApprovalThreshold/actions/approve');
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ id: 'refundApprovalThreshold', value: 100_000_000, pending: null });
    expect((await setting('refundApprovalThreshold')).value).toBe(100_000_000);
    expect((await admin2.post('/api/settings/refundApprovalThreshold/actions/approve')).status, 'nothing left to approve').toBe(409);

    const events = (await auditOf('refundApprovalThreshold')).map((e) => [e.action, e.actorEmail, e.before, e.after]);
    expect(events).toEqual([
      ['setting.propose', 'admin@demo.test', { value: 50_000 }, { value: 100_000_000 }],
      ['setting.approve', 'admin2@demo.test', { value: 50_000 }, { value: 100_000_000, proposedById: admin.user!.id }],
    ]);
  });

  it('when another admin rejects a proposal, then it is dropped and nothing changes; the proposer may withdraw their own', async () => {
    expect((await put(admin2, 'sessionIdleMinutes', 720)).status).toBe(202);
    const rejected = await admin.post('/api/settings/sessionIdleMinutes/actions/reject');
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ id: 'sessionIdleMinutes', value: 30, pending: null });
    expect((await admin2.post('/api/settings/sessionIdleMinutes/actions/approve')).status).toBe(409);
    expect((await setting('sessionIdleMinutes')).value).toBe(30);

    expect((await put(admin, 'sessionAbsoluteHours', 24)).status).toBe(202);
    expect((await admin.post('/api/settings/sessionAbsoluteHours/actions/reject')).status).toBe(200);
    expect((await setting('sessionAbsoluteHours')).pending).toBeNull();
    expect((await admin.post('/api/settings/sessionAbsoluteHours/actions/reject')).status).toBe(409);
    const actions = (await auditOf('sessionIdleMinutes')).map((e) => [e.action, e.actorEmail]);
    expect(actions).toEqual([['setting.propose', 'admin2@demo.test'], ['setting.reject', 'admin@demo.test']]);
  });

  it('when a setting guards neither money nor access, then it applies at once (200), as before', async () => {
    const changed = await put(admin, 'slaDays', 5);
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id: 'slaDays', value: 5, fourEyes: false, pending: null });
    expect((await admin2.post('/api/settings/slaDays/actions/approve')).status).toBe(409);
    const list = (await admin.get('/api/settings')).body as any[];
    expect(list.filter((s) => s.fourEyes).map((s) => s.id)).toEqual(expect.arrayContaining(['refundApprovalThreshold', 'sessionIdleMinutes', 'sessionAbsoluteHours']));
    expect(list.every((s) => 'pending' in s)).toBe(true);
  });

  it('when the value is bad or the caller not an admin, then 400 / 403 / 404 and no proposal is made', async () => {
    for (const bad of [-1, 1.5, '1000', null, 100_000_001]) expect((await put(admin, 'refundApprovalThreshold', bad)).status, String(bad)).toBe(400);
    expect((await setting('refundApprovalThreshold')).pending).toBeNull();
    const supervisor = await ApiClient.as(server.url, 'supervisor@demo.test');
    expect((await put(supervisor, 'refundApprovalThreshold', 1)).status).toBe(403);
    expect((await put(admin, 'refundApprovalThreshold', 40_000)).status).toBe(202);
    expect((await supervisor.post('/api/settings/refundApprovalThreshold/actions/approve')).status).toBe(403);
    expect((await supervisor.post('/api/settings/refundApprovalThreshold/actions/reject')).status).toBe(403);
    expect((await supervisor.get('/api/settings/refundApprovalThreshold')).body.pending, 'supervisors see what waits').toMatchObject({ value: 40_000 });
    expect((await admin2.post('/api/settings/nope/actions/approve')).status).toBe(404);
    expect((await admin2.post('/api/settings/constructor/actions/reject')).status).toBe(404);
    expect((await admin2.post('/api/settings/refundApprovalThreshold/actions/reject')).status).toBe(200);
  });

  it('when two admins propose at once, then one proposal waits and the other is a 409', async () => {
    const [a, b] = await Promise.all([put(admin, 'sessionAbsoluteHours', 8), put(admin2, 'sessionAbsoluteHours', 10)]);
    expect([a.status, b.status].sort()).toEqual([202, 409]);
    const waiting = (await setting('sessionAbsoluteHours')).pending;
    expect([8, 10]).toContain(waiting.value);
    const other = waiting.proposedById === admin.user!.id ? admin2 : admin;
    expect((await other.post('/api/settings/sessionAbsoluteHours/actions/approve')).status).toBe(200);
    expect((await setting('sessionAbsoluteHours')).value).toBe(waiting.value);
  });
});
