import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api-client';
import { act, freeCustomer, logPhoneRequest, must, today, waitForStatus } from './support/factories';
import { startTestServer, type TestServer } from './support/test-server';

// The closure reaches the SM-DP+ (ES2+) and the network (TMF641): the emulators run as a child
// process of this file (test-server.ts), record what they receive and take injected faults.
let server: TestServer;
let agent: ApiClient;
let supervisor: ApiClient;

beforeAll(async () => {
  server = await startTestServer({ customers: 80 });
  agent = await ApiClient.as(server.url, 'agent@demo.test');
  supervisor = await ApiClient.as(server.url, 'supervisor@demo.test');
});
afterAll(() => server?.stop());

const peer = (which: 'smdp' | 'tmf641') => server.peers[which];
async function faults(which: 'smdp' | 'tmf641', body: Record<string, unknown>) {
  const res = await fetch(`${peer(which)}/_emulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
}
async function received(which: 'smdp' | 'tmf641'): Promise<{ path: string; body: any; fault: string | null }[]> {
  return (await (await fetch(`${peer(which)}/_emulator/received`)).json()) as { path: string; body: any; fault: string | null }[];
}
beforeEach(async () => {
  await faults('smdp', { clear: true });
  await faults('tmf641', { clear: true });
});

/** A customer with nothing owed, one of whose profiles was never downloaded (device state none) when asked. */
async function closable(withUndownloaded: boolean): Promise<{ customer: any; profiles: any[] }> {
  if (withUndownloaded) {
    const candidates = (await agent.list('esim-profiles', { filter: { deviceState: 'none', networkState: 'active' }, range: [0, 199] })).body;
    for (const p of candidates) {
      const customer = await freeCustomer(agent, { id: p.customerId, outstandingAmount_lte: 0 }).catch(() => null);
      if (customer) return { customer, profiles: (await agent.list('esim-profiles', { filter: { customerId: customer.id } })).body };
    }
    throw new Error('no customer with an undownloaded profile');
  }
  const customer = await freeCustomer(agent, { outstandingAmount_lte: 0 });
  return { customer, profiles: (await agent.list('esim-profiles', { filter: { customerId: customer.id } })).body };
}

async function completeFor(customer: { id: number; cashBalance: number }): Promise<any> {
  let request = await logPhoneRequest(agent, customer.id);
  request = await must(agent, request, 'claim');
  request = await must(agent, request, 'approve', { balanceDecision: customer.cashBalance > 0 ? 'forfeit' : 'none', effectiveDate: today() });
  return must(agent, request, 'complete');
}

const checksOf = async (id: number) => (await agent.get(`/api/closure-requests/${id}/checks`)).body;
const termination = (checks: any) => (Array.isArray(checks) ? checks : checks.checks).find((c: any) => c.id === 'termination_confirmed');

describe('completing a closure tells the eSIM platform and the network', () => {
  it('when a closure is completed, then exactly one TMF641 delete per subscription and one CancelOrder per undownloaded profile are sent, and the request completes only once both confirmed', async () => {
    await faults('tmf641', { dropCallbacks: 1000 }); // only polling GET /serviceOrder: no confirmation arrives by itself early
    const { customer, profiles } = await closable(true);
    const request = await completeFor(customer);
    expect(request.status).toBe('closing');
    const pending = termination(await checksOf(request.id));
    expect(pending).toMatchObject({ ok: false, blocking: true });

    const done = await waitForStatus(agent, request.id);
    expect(done.status).toBe('completed');
    const iccids = profiles.map((p: any) => p.iccid).sort();
    const orders = (await received('tmf641')).filter((r) => r.path.endsWith('/serviceOrder') && iccids.includes(r.body.serviceOrderItem[0].service.id));
    expect(orders.map((o) => o.body.serviceOrderItem[0].service.id).sort()).toEqual(iccids);
    expect(orders.every((o) => o.body.serviceOrderItem.length === 1 && o.body.serviceOrderItem[0].action === 'delete')).toBe(true);
    const undownloaded = profiles.filter((p: any) => p.deviceState === 'none').map((p: any) => p.iccid).sort();
    const cancels = (await received('smdp')).filter((r) => iccids.includes(r.body.iccid));
    expect(cancels.map((c) => c.body.iccid).sort()).toEqual(undownloaded);
    expect(cancels.every((c) => c.body.finalProfileStatusIndicator === 'Unavailable' && c.body.header.functionCallIdentifier)).toBe(true);

    expect(termination(await checksOf(request.id))).toMatchObject({ ok: true });
    const commands = (await agent.get(`/api/closure-requests/${request.id}/terminations`)).body;
    expect(commands).toHaveLength(iccids.length + undownloaded.length);
    expect(commands.every((c: any) => c.status === 'confirmed' && c.attempts >= 1)).toBe(true);
    for (const p of (await agent.list('esim-profiles', { filter: { customerId: customer.id } })).body) expect(p.networkState).toBe('terminated');
    const notes = (await agent.list('notifications', { filter: { closureRequestId: request.id }, range: [0, 99] })).body;
    expect(notes.some((n: any) => n.template === 'closure_completed')).toBe(true);
    const events = (await supervisor.list('audit-events', { filter: { entityType: 'closure_request', entityId: String(request.id) }, sort: ['id', 'ASC'] })).body;
    expect(events.at(-1)).toMatchObject({ action: 'closure.termination-confirmed', actorId: null });
  });

  it('when the network fails three times then answers, then the closure ends completed, each resend with the same externalId', async () => {
    await faults('tmf641', { failNext: 3, status: 503 });
    const { customer, profiles } = await closable(false);
    const request = await completeFor(customer);
    expect((await waitForStatus(agent, request.id)).status).toBe('completed');
    const iccid = profiles[0].iccid;
    const calls = (await received('tmf641')).filter((r) => r.path.endsWith('/serviceOrder') && r.body.serviceOrderItem[0].service.id === iccid);
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(new Set(calls.map((c) => c.body.externalId)).size).toBe(1);
  });

  it('when the network refuses for good, then the request stays closing with a blocker naming the reason, and a supervisor’s retry after recovery completes it', async () => {
    await faults('tmf641', { refuseForGood: 'Subscription locked by fraud team' });
    const { customer } = await closable(false);
    const request = await completeFor(customer);
    let check: any;
    for (let i = 0; i < 100; i++) {
      check = termination(await checksOf(request.id));
      if (/fraud team/.test(check.detail)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(check).toMatchObject({ ok: false, blocking: true });
    expect(check.detail).toMatch(/Subscription locked by fraud team/);
    const still = (await agent.get(`/api/closure-requests/${request.id}`)).body;
    expect(still.status).toBe('closing');

    expect((await act(agent, still, 'retry-termination')).status).toBe(403);
    await faults('tmf641', { clear: true });
    const retried = await must(supervisor, still, 'retry-termination');
    expect(retried.status).toBe('closing');
    expect((await waitForStatus(agent, request.id)).status).toBe('completed');
  });
});

describe('what the peers tell us', () => {
  const es2 = (body: unknown, key = 'test-peer-inbound-key') =>
    fetch(`${server.url}/api/peers/es2plus/handleDownloadProgressInfo`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify(body) });
  const notice = (iccid: string, notificationPointId: number) => ({
    header: { functionRequesterIdentifier: 'smdp.example', functionCallIdentifier: `n-${Math.random()}` },
    iccid, profileType: 'consumer', timestamp: new Date().toISOString(), notificationPointId,
    notificationPointStatus: { status: 'Executed-Success' },
  });

  it('when the SM-DP+ sends a HandleDownloadProgressInfo delete, then the checklist warning about the installed profile clears', async () => {
    const installed = (await agent.list('esim-profiles', { filter: { deviceState: 'installed', networkState: 'active' }, range: [0, 199] })).body;
    let customer: any = null;
    for (const p of installed) {
      customer = await freeCustomer(agent, { id: p.customerId, outstandingAmount_lte: 0 }).catch(() => null);
      if (customer) break;
    }
    expect(customer).toBeTruthy();
    const request = await must(agent, await logPhoneRequest(agent, customer.id), 'claim');
    const warning = () => checksOf(request.id).then((c) => (Array.isArray(c) ? c : c.checks).find((x: any) => x.id === 'profiles_released'));
    expect((await warning()).ok).toBe(false);
    const profiles = (await agent.list('esim-profiles', { filter: { customerId: customer.id, deviceState: 'installed' } })).body;
    for (const p of profiles) expect((await es2(notice(p.iccid, 7))).status).toBe(204);
    expect((await warning()).ok).toBe(true);
  });

  it('when an install notice arrives for a terminated ICCID, then it is an incident and nothing changes', async () => {
    const { customer } = await closable(false);
    const request = await completeFor(customer);
    await waitForStatus(agent, request.id);
    const [profile] = (await agent.list('esim-profiles', { filter: { customerId: customer.id } })).body;
    expect((await es2(notice(profile.iccid, 4))).status).toBe(204);
    const after = (await agent.get(`/api/esim-profiles/${profile.id}`)).body;
    expect(after).toMatchObject({ networkState: 'terminated', deviceState: profile.deviceState });
    const incidents = (await supervisor.list('audit-events', { filter: { action: 'incident.reactivation-refused', entityId: String(profile.id) } })).body;
    expect(incidents).toHaveLength(1);
    // the supervisors' dashboard shows it (the agents' has no team part)
    const dash = (await supervisor.get('/api/dashboard')).body;
    expect(dash.team.incidents.total).toBeGreaterThanOrEqual(1);
    expect(dash.team.incidents.latest[0]).toMatchObject({ id: incidents[0].id, profileId: profile.id, iccid: profile.iccid, notificationPointId: 4 });
    expect((await agent.get('/api/dashboard')).body.team).toBeUndefined();
  });

  it('when a peer sends bad input or the intake key, then it is refused (400, 401) in that peer’s own error shape and nothing changes', async () => {
    const [profile] = (await agent.list('esim-profiles', { filter: { deviceState: 'installed', networkState: 'active' } })).body;
    const es2Failed = async (res: Response, status: number, codes: { subjectCode: string; reasonCode: string }) => {
      expect(res.status).toBe(status);
      const body = (await res.json()) as any;
      expect(body).toMatchObject({ header: { functionExecutionStatus: { status: 'Failed', statusCodeData: { ...codes, message: expect.any(String) } } } });
      expect(body).not.toHaveProperty('code');
      return body.header.functionExecutionStatus.statusCodeData;
    };
    const extra = await es2Failed(await es2({ ...notice(profile.iccid, 7), extra: 1 }), 400, { subjectCode: '8.1', reasonCode: '2.1' });
    expect(extra.message).toMatch(/extra/);
    expect(await es2Failed(await es2({ ...notice(profile.iccid, 7), iccid: '12ab' }), 400, { subjectCode: '8.2.1', reasonCode: '2.1' })).toMatchObject({ subjectIdentifier: 'iccid' });
    const { iccid: _gone, ...noIccid } = notice(profile.iccid, 7);
    expect(await es2Failed(await es2(noIccid), 400, { subjectCode: '8.2.1', reasonCode: '2.2' })).toMatchObject({ subjectIdentifier: 'iccid' });
    await es2Failed(await es2({ ...notice(profile.iccid, 7), notificationPointId: 'seven' }), 400, { subjectCode: '8.1', reasonCode: '2.1' });
    await es2Failed(await es2(notice(profile.iccid, 7), 'test-intake-key'), 401, { subjectCode: '8.1', reasonCode: '1.1' });
    await es2Failed(await es2(notice('89860000000000009999', 7)), 404, { subjectCode: '8.2.1', reasonCode: '3.9' });
    const garbled = await fetch(`${server.url}/api/peers/es2plus/handleDownloadProgressInfo`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer test-peer-inbound-key' }, body: '{"header":' });
    await es2Failed(garbled, 400, { subjectCode: '8.1', reasonCode: '2.1' });

    const listener = (body: unknown, key = 'test-peer-inbound-key') =>
      fetch(`${server.url}/api/peers/tmf641/listener?key=${key}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const event = { eventId: 'e-1', eventTime: new Date().toISOString(), eventType: 'ServiceOrderStateChangeEvent', event: { serviceOrder: { id: 'no-such-order', state: 'completed' } } };
    const tmfError = async (res: Response, status: number) => {
      expect(res.status).toBe(status);
      expect(await res.json()).toMatchObject({ code: String(status), reason: expect.any(String), message: expect.any(String), '@type': 'Error' });
    };
    await tmfError(await listener({ eventType: 'nope' }), 400);
    await tmfError(await listener({ ...event, event: { serviceOrder: { ...event.event.serviceOrder, smuggled: true } } }), 400);
    await tmfError(await listener({ ...event, event: { serviceOrder: { ...event.event.serviceOrder, state: 'done' } } }), 400);
    await tmfError(await listener(event, 'test-intake-key'), 401);
    // an order we never made (another system's): received, nothing to confirm
    expect((await listener({ ...event, href: '/x', '@type': 'ServiceOrderStateChangeEvent', event: { serviceOrder: { ...event.event.serviceOrder, externalId: 'x', note: [{ text: 'n' }], '@type': 'ServiceOrder' } } })).status).toBe(204);
    expect((await agent.get(`/api/esim-profiles/${profile.id}`)).body.deviceState).toBe('installed');
  });
});
