import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../src/app';
import { ApiClient } from '../test/support/api-client';
import { enrolmentTokenFor } from '../test/support/factories';
import { INTAKE_KEY, type TestServer } from '../test/support/test-server';
import { OTHER_INTAKE_KEY } from './support/child';
import { newKey, STAFF, tally, type StaffName } from './support/cluster';
import { report } from './support/figures';
import { startConfiguredServer } from './support/server';

let server: TestServer;
let admin: ApiClient;
let admin2: ApiClient;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const tokenOf = (c: ApiClient) => c.sessionToken!;
const figures: Record<string, number> = {};

beforeAll(async () => {
  server = await startConfiguredServer({ trustProxy: true }, { customers: 20, jobs: false });
  admin = await ApiClient.as(server.url, 'admin@demo.test');
  admin2 = await ApiClient.as(server.url, 'admin2@demo.test');
});
afterAll(() => server?.stop());

/** A setting as two admins change it: a guarded one (four eyes) is proposed by one and approved by the other. */
const setSetting = async (key: string, value: unknown) => {
  const proposed = await admin.request('PUT', `/api/settings/${key}`, { value });
  return proposed.status === 202 ? admin2.post(`/api/settings/${key}/actions/approve`) : proposed;
};
const backdate = (c: ApiClient, column: 'last_seen_at' | 'created_at', minutes: number) =>
  server.ctx.models.Session.update({ [column === 'last_seen_at' ? 'lastSeenAt' : 'createdAt']: new Date(Date.now() - minutes * 60_000) }, { where: { id: sha256(tokenOf(c)) } });

describe('security headers', () => {
  it('when any answer goes out, then it carries the CSP and the other helmet headers, and no X-Powered-By', async () => {
    expect((await fetch(`${server.url}/`)).headers.get('content-security-policy')).toBeTruthy(); // the SPA's is checked in Chromium (csp.test.ts)
    for (const path of ['/api/health', '/api/nope', '/api/closure-requests']) {
      const res = await fetch(server.url + path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self';");
      expect(csp).not.toMatch(/script-src[^;]*(unsafe-inline|unsafe-eval)/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });
});

describe('session cookie and lifetimes', () => {
  it('when signing in over HTTP, then the cookie is HttpOnly and SameSite=Lax; behind an HTTPS proxy (TRUST_PROXY) it is also Secure', async () => {
    const plain = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'agent@demo.test', password: 'test-password' }) });
    const cookie = plain.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    const proxied = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' }, body: JSON.stringify({ email: 'agent@demo.test', password: 'test-password' }) });
    expect(proxied.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
  });

  it('when a staff member signs out, then replaying the old cookie (with its CSRF token) is a 401', async () => {
    const agent = await ApiClient.as(server.url, 'agent@demo.test');
    const stolen = { cookie: agent.cookie!, csrf: agent.csrfToken! };
    expect((await agent.post('/api/auth/logout')).status).toBe(204);
    const replay = new ApiClient(server.url);
    replay.cookie = stolen.cookie;
    replay.csrfToken = stolen.csrf;
    expect((await replay.get('/api/auth/me')).status).toBe(401);
    expect((await replay.post('/api/closure-requests/1/notes', { text: 'after logout' })).status).toBe(401);
  });

  it('when a session sits idle past sessionIdleMinutes, then it ends; the admin can shorten it, within bounds', async () => {
    const settings = (await admin.get('/api/settings')).body.map((s: { id: string }) => s.id);
    expect(settings).toEqual(expect.arrayContaining(['sessionIdleMinutes', 'sessionAbsoluteHours', 'intakeRateLimitPerMinute']));
    const agent = await ApiClient.as(server.url, 'agent@demo.test');
    await backdate(agent, 'last_seen_at', 25);
    expect((await agent.get('/api/auth/me')).status, '25 minutes idle is within the default 30').toBe(200);
    expect((await setSetting('sessionIdleMinutes', 20)).status).toBe(200);
    await backdate(agent, 'last_seen_at', 25);
    expect((await agent.get('/api/auth/me')).status).toBe(401);
    expect(await server.ctx.models.Session.count({ where: { id: sha256(tokenOf(agent)) } }), 'the ended session is deleted').toBe(0);
    for (const bad of [0, 4, 721, 1.5, '60', null]) expect((await setSetting('sessionIdleMinutes', bad)).status, String(bad)).toBe(400);
    expect((await setSetting('sessionIdleMinutes', 30)).status).toBe(200);
  });

  it('when a session is older than sessionAbsoluteHours, then it ends even while in use; shortening the setting ends older sessions too', async () => {
    const agent = await ApiClient.as(server.url, 'agent@demo.test');
    await backdate(agent, 'created_at', 11 * 60);
    expect((await agent.get('/api/auth/me')).status).toBe(200);
    expect((await setSetting('sessionAbsoluteHours', 8)).status).toBe(200);
    expect((await agent.get('/api/auth/me')).status).toBe(401);
    for (const bad of [0, 25]) expect((await setSetting('sessionAbsoluteHours', bad)).status).toBe(400);
    expect((await setSetting('sessionAbsoluteHours', 12)).status).toBe(200);
    const fresh = await ApiClient.as(server.url, 'agent@demo.test');
    const row = await server.ctx.models.Session.findByPk(sha256(tokenOf(fresh)), { raw: true });
    const lifetimeHours = (new Date(row!.expiresAt as string).getTime() - new Date(row!.createdAt as string).getTime()) / 3_600_000;
    expect(lifetimeHours).toBeCloseTo(12, 5);
  });

  it('when an admin disables a staff member, then every session of theirs ends at once and they cannot sign in', async () => {
    const email = `temp-${Date.now()}@demo.test`;
    const created = await admin.post('/api/staff-users', { email, fullName: 'Temporary Agent', role: 'agent' });
    expect(created.status).toBe(201);
    expect((await new ApiClient(server.url).post('/api/auth/enrol', { token: await enrolmentTokenFor(server, created.body.id), password: 'a-long-password-123' })).status).toBe(200);
    const [laptop, phone] = [await ApiClient.as(server.url, email, 'a-long-password-123'), await ApiClient.as(server.url, email, 'a-long-password-123')];
    expect((await laptop.get('/api/closure-requests')).status).toBe(200);
    const disabled = await admin.request('PUT', `/api/staff-users/${created.body.id}`, { active: false });
    expect(disabled.status).toBe(200);
    expect((await laptop.get('/api/closure-requests')).status).toBe(401);
    expect((await phone.post(`/api/closure-requests/1/notes`, { text: 'after being disabled' })).status).toBe(401);
    expect(await server.ctx.models.Session.count({ where: { staffUserId: created.body.id } })).toBe(0);
    const again = await new ApiClient(server.url).post('/api/auth/login', { email, password: 'a-long-password-123' });
    expect(again.status).toBe(401);
    const [event] = await server.ctx.models.AuditEvent.findAll({ where: { action: 'staff.update', entityId: String(created.body.id) }, raw: true });
    expect(JSON.parse(event!.after as string)).toMatchObject({ active: false, sessionsEnded: 3 }); // the enrolment's own session too
  });
});

describe('client address behind the proxy (TRUST_PROXY)', () => {
  it('when a client writes its own X-Forwarded-For, then the audit trail keeps the address the proxy appended; garbage falls back to the connection', async () => {
    const failedLogin = (xff: string) => new ApiClient(server.url, { 'x-forwarded-for': xff }).post('/api/auth/login', { email: 'nobody@demo.test', password: 'x' });
    const lastIp = async () => (await server.ctx.models.AuditEvent.findOne({ where: { action: 'auth.login_failed' }, order: [['id', 'DESC']], raw: true }))!.ip;
    expect((await failedLogin('203.0.113.9, 198.51.100.1')).status).toBe(401);
    expect(await lastIp(), 'the left-most entry is whatever the client claimed').toBe('198.51.100.1');
    const garbage = await failedLogin('y'.repeat(200));
    expect(garbage.status, 'no 500 from an over-long address').toBe(401);
    expect(await lastIp()).toMatch(/^(::ffff:)?127\.0\.0\.1$|^::1$/);
  });
});

describe('access control over every route', () => {
  it('when a route is called without a session, with the wrong role, or without an intake key, then 401 or 403 and nothing runs', async () => {
    const clients = Object.fromEntries(await Promise.all(STAFF.map(async (n) => [n, await ApiClient.as(server.url, `${n}@demo.test`)] as const))) as Record<StaffName, ApiClient>;
    const anonymous = new ApiClient(server.url);
    const results: string[] = [];
    for (const route of apiRoutes(server.ctx)) {
      const path = `/api${route.path.replace(/:(\w+)/g, (_, p: string) => (p === 'action' ? 'claim' : p === 'key' ? 'slaDays' : p === 'reference' ? 'CR-2026-000001' : '1'))}`;
      const method = route.method.toUpperCase();
      const call = (c: ApiClient) => c.request(method, path, method === 'GET' ? undefined : {}, { 'idempotency-key': newKey('acl') });
      if (route.access === 'public') continue;
      const anon = await call(anonymous);
      expect(anon.status, `${method} ${path} without credentials`).toBe(401);
      results.push(`${anon.status}`);
      if (route.access === 'intake') {
        const wrongKey = await call(new ApiClient(server.url, { authorization: 'Bearer not-a-key' }));
        expect(wrongKey.status).toBe(401);
        const staffCookie = await call(clients.admin);
        expect(staffCookie.status, 'a staff session is not an intake key').toBe(401);
        results.push('401', '401');
        continue;
      }
      for (const name of STAFF) {
        const role = clients[name].user!.role;
        if ((route.access as readonly string[]).includes(role)) continue;
        const res = await call(clients[name]);
        expect(res.status, `${method} ${path} as ${role}`).toBe(403);
        expect(res.body.code).toBe('forbidden');
        results.push('403');
      }
    }
    figures.accessChecks = results.length;
    report('access control matrix', { routes: apiRoutes(server.ctx).length, refusalsChecked: results.length, outcomes: results.reduce<Record<string, number>>((o, s) => ({ ...o, [s]: (o[s] ?? 0) + 1 }), {}) });
  });

  it('when a write comes with a session but without the CSRF token, then 403 csrf_failed', async () => {
    const supervisor = await ApiClient.as(server.url, 'supervisor@demo.test');
    const res = await supervisor.post('/api/closure-requests/1/notes', { text: 'no token' }, { 'x-csrf-token': '' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('csrf_failed');
  });
});

describe('intake rate limit', () => {
  it('when one API key passes intakeRateLimitPerMinute, then 429 rate_limited with Retry-After; another key keeps its own count', async () => {
    expect((await setSetting('intakeRateLimitPerMinute', 5)).status).toBe(200);
    const msIntoMinute = Date.now() % 60_000;
    if (msIntoMinute > 55_000) await new Promise((r) => setTimeout(r, 60_000 - msIntoMinute + 100));
    const one = new ApiClient(server.url, { authorization: `Bearer ${INTAKE_KEY}` });
    const other = new ApiClient(server.url, { authorization: `Bearer ${OTHER_INTAKE_KEY}` });
    const event = () => ({ iccid: '8986000000000000000', event: 'deleted', at: new Date().toISOString() });
    const burst = await Promise.all(Array.from({ length: 8 }, () => one.post('/api/intake/profile-events', event(), { 'idempotency-key': newKey('rl') })));
    const counts = tally(burst);
    expect(counts, JSON.stringify(counts)).toEqual({ '404 not_found': 5, '429 rate_limited': 3 });
    const refused = burst.find((r) => r.status === 429)!;
    expect(refused.body).toEqual({ code: 'rate_limited', message: expect.any(String) });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await other.post('/api/intake/profile-events', event(), { 'idempotency-key': newKey('rl') })).status).toBe(404);
    expect((await setSetting('intakeRateLimitPerMinute', 600)).status).toBe(200);
    expect((await one.post('/api/intake/profile-events', event(), { 'idempotency-key': newKey('rl') })).status, 'the admin raised it again').toBe(404);
  });
});
