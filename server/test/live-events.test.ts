import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api-client';
import { freeCustomer, logPhoneRequest, must } from './support/factories';
import { openEventStream } from './support/sse';
import { startTestServer, type TestServer } from './support/test-server';

// Heartbeats (session check, presence renewal) every 300 ms here rather than 15 s.
process.env.EVENTS_HEARTBEAT_MS = '300';

let server: TestServer;
let supervisor: ApiClient;
let agent: ApiClient;

beforeAll(async () => {
  server = await startTestServer({ customers: 40, jobs: false });
  supervisor = await ApiClient.as(server.url, 'supervisor@demo.test');
  agent = await ApiClient.as(server.url, 'agent3@demo.test');
});
afterAll(() => server?.stop());

describe('live pages (GET /api/events)', () => {
  it('when another session changes a request, then an open stream hears of it within a second, with who did it', async () => {
    const request = await logPhoneRequest(supervisor, (await freeCustomer(supervisor)).id);
    const stream = await openEventStream(agent);
    expect(stream.status).toBe(200);
    expect(stream.contentType).toMatch(/^text\/event-stream/);
    const claimed = await must(supervisor, request, 'claim');
    // Timed from the action's answer, i.e. after its commit: the event must already be on its way.
    const heard = await stream.next((e) => e.event === 'closure_request' && e.data.id === request.id && e.data.version === claimed.version, 1000);
    expect(heard.data).toMatchObject({ status: 'in_review', assigneeId: supervisor.user!.id, actorName: 'Wang Fang 王芳', action: 'closure.claim' });
    expect(Number(heard.id)).toBeGreaterThan(0);
    stream.close();
  });

  it('when a change is refused, then nothing is published', async () => {
    const request = await logPhoneRequest(supervisor, (await freeCustomer(supervisor)).id);
    const stream = await openEventStream(agent);
    const stale = await supervisor.post(`/api/closure-requests/${request.id}/actions/claim`, { version: request.version + 5 });
    expect(stale.status).toBe(409);
    // A later change of the same request is heard, and it is the first one about it.
    const claimed = await must(supervisor, request, 'claim');
    const first = await stream.next((e) => e.event === 'closure_request' && e.data.id === request.id, 1000);
    expect(first.data.version).toBe(claimed.version);
    stream.close();
  });

  it('when a tab reconnects with Last-Event-ID, then it gets the changes it missed', async () => {
    const request = await logPhoneRequest(supervisor, (await freeCustomer(supervisor)).id);
    const first = await openEventStream(agent);
    const claimed = await must(supervisor, request, 'claim');
    const seen = await first.next((e) => e.data.id === request.id && e.data.version === claimed.version, 1000);
    first.close();
    const asked = await must(supervisor, claimed, 'request-info', { message: 'Which device?' });
    const again = await openEventStream(agent, { lastEventId: seen.id });
    const missed = await again.next((e) => e.data.id === request.id && e.data.version === asked.version, 1000);
    expect(missed.data.status).toBe('awaiting_customer');
    expect(again.events.some((e) => e.id === seen.id)).toBe(false);
    again.close();
  });

  it('when staff come to a request page, then the others see who is viewing; when their tab closes, they leave', async () => {
    const request = await logPhoneRequest(supervisor, (await freeCustomer(supervisor)).id);
    const watcher = await openEventStream(supervisor, { tab: 'tab-supervisor-1' });
    const tab = await openEventStream(agent, { tab: 'tab-agent-0001' });
    const came = await agent.post(`/api/closure-requests/${request.id}/presence`, { tab: 'tab-agent-0001', viewing: true });
    expect(came.status).toBe(200);
    const arrived = await watcher.next((e) => e.event === 'presence' && e.data.closureRequestId === request.id && e.data.viewing, 1000);
    expect(arrived.data.fullName).toBe('Chen Jie 陈杰');
    const present = await supervisor.get(`/api/closure-requests/${request.id}/presence`);
    expect(present.body.viewers.map((v: any) => v.fullName)).toEqual(['Chen Jie 陈杰']);
    tab.close();
    await watcher.next((e) => e.event === 'presence' && e.data.closureRequestId === request.id && !e.data.viewing, 2000);
    expect((await supervisor.get(`/api/closure-requests/${request.id}/presence`)).body.viewers).toEqual([]);
    watcher.close();
  });

  it('when not signed in, then 401; when the session ends, then the stream ends', async () => {
    const anon = await fetch(`${server.url}/api/events`);
    expect(anon.status).toBe(401);
    const own = await ApiClient.as(server.url, 'agent2@demo.test');
    const stream = await openEventStream(own);
    expect(stream.status).toBe(200);
    expect((await own.post('/api/auth/logout')).status).toBeLessThan(300);
    // The end is found at the next heartbeat (EVENTS_HEARTBEAT_MS, short in this file's environment).
    await stream.ended;
    expect(stream.status).toBe(200);
  });
});
