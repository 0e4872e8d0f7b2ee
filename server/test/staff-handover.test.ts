import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, totalOf } from './support/api-client';
import { freeCustomer, inviteStaff, logPhoneRequest, must, OPEN } from './support/factories';
import { startTestServer, type TestServer } from './support/test-server';

let server: TestServer;
let supervisor: ApiClient;
let admin: ApiClient;

beforeAll(async () => {
  server = await startTestServer({ customers: 60 });
  const as = (n: string) => ApiClient.as(server.url, `${n}@demo.test`);
  [supervisor, admin] = [await as('supervisor'), await as('admin')];
});
afterAll(() => server?.stop());

let n = 0;
/** A new agent holding `count` open requests: one in review, one waiting for the customer, the rest in review. */
async function agentWithWork(count: number) {
  const agent = await inviteStaff(server, admin, { email: `handover-${++n}-${Date.now()}@demo.test`, fullName: `Hand Over ${n}`, role: 'agent' });
  const requests = [];
  for (let i = 0; i < count; i++) {
    const customer = await freeCustomer(supervisor);
    let request = await logPhoneRequest(supervisor, customer.id);
    request = await must(supervisor, request, 'assign', { assigneeId: agent.id });
    if (i === 1) request = await must(agent.client, request, 'request-info', { message: 'Please send the ID card photo' });
    requests.push(request);
  }
  return { ...agent, requests };
}

const openOf = async (staffId: number) =>
  totalOf(await supervisor.list('closure-requests', { filter: { assigneeId: staffId, status: OPEN }, range: [0, 0] }));
const staffOf = async (id: number) => (await admin.get(`/api/staff-users/${id}`)).body;
const auditOf = async (filter: Record<string, unknown>) =>
  (await admin.list('audit-events', { filter, sort: ['id', 'ASC'], range: [0, 99] })).body as any[];

describe('PUT /api/staff-users/:id disabling someone who holds open requests', () => {
  it('when no hand-over is named, then it is a 409 saying how many they hold, and nothing changes', async () => {
    const agent = await agentWithWork(3);
    for (const body of [{ active: false }, { role: 'auditor' }]) {
      const res = await admin.request('PUT', `/api/staff-users/${agent.id}`, body);
      expect(res.status, JSON.stringify(res.body)).toBe(409);
      expect(res.body.code).toBe('precondition_failed');
      expect(res.body.message).toContain('3 open requests');
      expect(res.body.details).toEqual([{ path: 'handOverTo', openRequests: 3 }]);
    }
    expect(await staffOf(agent.id)).toMatchObject({ active: true, role: 'agent' });
    expect(await openOf(agent.id)).toBe(3);
    // the refusal is worded in the console's language too
    const zh = await admin.request('PUT', `/api/staff-users/${agent.id}`, { active: false }, { 'accept-language': 'zh-CN' });
    expect(zh.body.message).toContain('3 件未办结的申请');
  });

  it('when handed over to a colleague, then every open request is theirs in the same change, states kept, each audited', async () => {
    const agent = await agentWithWork(3);
    const colleague = supervisor.user!.id;
    const res = await admin.request('PUT', `/api/staff-users/${agent.id}`, { active: false, handOverTo: colleague });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.active).toBe(false);
    expect(await openOf(agent.id)).toBe(0);
    for (const before of agent.requests) {
      const after = (await supervisor.get(`/api/closure-requests/${before.id}`)).body;
      expect(after).toMatchObject({ assigneeId: colleague, status: before.status, version: before.version + 1 });
      const [event] = (await auditOf({ entityType: 'closure_request', entityId: String(before.id), action: 'closure.assign' })).slice(-1);
      expect(event).toMatchObject({ actorId: admin.user!.id, after: expect.objectContaining({ assigneeId: colleague, handedOverFrom: agent.id }) });
    }
    const [update] = (await auditOf({ entityType: 'staff_user', entityId: String(agent.id), action: 'staff.update' })).slice(-1);
    expect(update.after).toMatchObject({ active: false, openRequestsHandedOver: 3, handedOverTo: colleague });
    expect((await supervisor.get('/api/staff-directory')).body.some((s: { id: number }) => s.id === agent.id)).toBe(false);
  });

  it('when sent back to the queue, then they are unassigned and a request in review can be claimed again', async () => {
    const agent = await agentWithWork(2);
    const res = await admin.request('PUT', `/api/staff-users/${agent.id}`, { active: false, handOverTo: null });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [reviewed, waiting] = await Promise.all(agent.requests.map(async (r) => (await supervisor.get(`/api/closure-requests/${r.id}`)).body));
    expect(reviewed).toMatchObject({ assigneeId: null, status: 'submitted' });
    expect(waiting).toMatchObject({ assigneeId: null, status: 'awaiting_customer' });
    const history = (await supervisor.get(`/api/closure-requests/${reviewed.id}/history`)).body;
    expect(history.find((h: { action: string }) => h.action === 'closure.release')).toMatchObject({ detail: `Hand Over ${n}`, status: 'submitted' });
    const other = await ApiClient.as(server.url, 'agent2@demo.test');
    expect((await must(other, reviewed, 'claim')).assigneeId).toBe(other.user!.id);
  });

  it('when the hand-over names someone who cannot take work, then it is a 400 and nothing changes', async () => {
    const agent = await agentWithWork(1);
    const auditorId = (await admin.list('staff-users', { filter: { role: 'auditor' }, range: [0, 0] })).body[0].id;
    for (const handOverTo of [agent.id, auditorId, 999_999, 'someone', -1]) {
      const res = await admin.request('PUT', `/api/staff-users/${agent.id}`, { active: false, handOverTo });
      expect(res.status, `${handOverTo}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }
    expect(await staffOf(agent.id)).toMatchObject({ active: true });
    expect(await openOf(agent.id)).toBe(1);
  });

  it('when someone holds nothing open, then disabling needs no hand-over', async () => {
    const agent = await inviteStaff(server, admin, { email: `idle-${Date.now()}@demo.test`, role: 'agent' });
    const res = await admin.request('PUT', `/api/staff-users/${agent.id}`, { active: false });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.active).toBe(false);
  });

  it('when a supervisor assigns to someone while an admin disables them, then no open request ends with the disabled account', async () => {
    for (let round = 0; round < 5; round++) {
      const agent = await agentWithWork(1);
      const customer = await freeCustomer(supervisor);
      const request = await logPhoneRequest(supervisor, customer.id);
      const [disabled, assigned] = await Promise.all([
        admin.request('PUT', `/api/staff-users/${agent.id}`, { active: false, handOverTo: null }),
        supervisor.post(`/api/closure-requests/${request.id}/actions/assign`, { version: request.version, assigneeId: agent.id }),
      ]);
      expect(disabled.status, JSON.stringify(disabled.body)).toBe(200);
      expect([200, 400], JSON.stringify(assigned.body)).toContain(assigned.status);
      expect(await openOf(agent.id)).toBe(0);
    }
  });
});
