import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api-client';
import { startTestServer, type TestServer } from './support/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ customers: 20 });
});
afterAll(() => server?.stop());

describe('staff sessions', () => {
  it('when a demo agent signs in, then the answer carries the user, a CSRF token and an HttpOnly session cookie', async () => {
    const client = new ApiClient(server.url);
    const res = await client.post('/api/auth/login', { email: 'agent@demo.test', password: 'test-password' });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: 'agent@demo.test', role: 'agent', fullName: expect.any(String) });
    expect(res.body.user.passwordHash).toBeUndefined();
    expect(res.body.csrfToken).toMatch(/^[\w-]{40,}$/);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^cd_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await client.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      user: res.body.user, csrfToken: res.body.csrfToken, mfaEnabled: false, mfaRequired: false, mfaEnrolmentRequired: false,
    });
  });

  it('when a browser asks GET /api/auth/session, then it is 200 either way: signedIn false without a session (or with an ended one), the session and signedIn true with one', async () => {
    const client = new ApiClient(server.url);
    const before = await client.get('/api/auth/session');
    expect(before.status).toBe(200);
    expect(before.body).toEqual({ signedIn: false });
    expect(before.headers.get('cache-control')).toBe('no-store');
    const login = await client.post('/api/auth/login', { email: 'agent@demo.test', password: 'test-password' });
    const during = await client.get('/api/auth/session');
    expect(during.status).toBe(200);
    expect(during.body).toEqual({ signedIn: true, ...(await client.get('/api/auth/me')).body });
    expect(during.body.csrfToken).toBe(login.body.csrfToken);
    const cookie = client.cookie;
    expect((await client.post('/api/auth/logout', {})).status).toBe(204);
    const stale = new ApiClient(server.url);
    stale.cookie = cookie;
    expect((await stale.get('/api/auth/session')).body).toEqual({ signedIn: false });
    expect((await stale.get('/api/auth/me')).status).toBe(401);
  });

  it('when the e-mail is unknown or the password wrong, then both get the same 401', async () => {
    const a = await new ApiClient(server.url).post('/api/auth/login', { email: 'nobody@demo.test', password: 'x' });
    const b = await new ApiClient(server.url).post('/api/auth/login', { email: 'agent2@demo.test', password: 'wrong' });
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(a.body).toEqual(b.body);
    expect(a.body).toEqual({ message: 'Wrong e-mail or password', code: 'unauthenticated' });
  });

  it('when the login body is malformed, then 400 validation_failed', async () => {
    const client = new ApiClient(server.url);
    for (const body of [{}, { email: 'a@b.c' }, { email: 1, password: 'x' }, { email: 'a@b.c', password: 'x', extra: 1 }]) {
      const res = await client.post('/api/auth/login', body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }
    const broken = await client.request('POST', '/api/auth/login', '{"email":', { 'content-type': 'application/json' });
    expect(broken.status).toBe(400);
    expect(broken.body.code).toBe('validation_failed');
  });

  it('when there is no session, then every staff route answers 401', async () => {
    const anon = new ApiClient(server.url);
    for (const path of ['/api/auth/me', '/api/closure-requests', '/api/customers/1', '/api/audit-events']) {
      const res = await anon.get(path);
      expect(res.status, path).toBe(401);
      expect(res.body.code).toBe('unauthenticated');
    }
    expect((await anon.get('/api/health')).body).toEqual({ status: 'ok' });
  });

  it('when a role may not read a resource, then 403 forbidden', async () => {
    const agent = await ApiClient.as(server.url, 'agent@demo.test');
    expect((await agent.list('audit-events')).status).toBe(403);
    expect((await agent.list('staff-users')).status).toBe(403);
    const auditor = await ApiClient.as(server.url, 'auditor@demo.test');
    expect((await auditor.list('audit-events')).status).toBe(200);
    expect((await auditor.list('staff-users')).body.code).toBe('forbidden');
    const admin = await ApiClient.as(server.url, 'admin@demo.test');
    const staff = await admin.list('staff-users');
    expect(staff.status).toBe(200);
    expect(staff.body.map((u: { email: string }) => u.email)).toContain('agent@demo.test');
    expect(JSON.stringify(staff.body)).not.toMatch(/password/i);
  });

  it('when a write comes without the CSRF token, then 403 csrf_failed and the session stays', async () => {
    const client = await ApiClient.as(server.url, 'supervisor@demo.test');
    const noToken = await client.post('/api/auth/logout', {}, { 'x-csrf-token': '' });
    expect(noToken.status).toBe(403);
    expect(noToken.body.code).toBe('csrf_failed');
    const wrong = await client.post('/api/auth/logout', {}, { 'x-csrf-token': 'x'.repeat(43) });
    expect(wrong.body.code).toBe('csrf_failed');
    expect((await client.get('/api/auth/me')).status).toBe(200);
    const ok = await client.post('/api/auth/logout');
    expect(ok.status).toBe(204);
    expect((await client.get('/api/auth/me')).status).toBe(401);
  });

  it('when the server restarts, then a session made before still works (sessions live in the database)', async () => {
    const client = await ApiClient.as(server.url, 'agent2@demo.test');
    const other = await startTestServer({ databaseUrl: server.databaseUrl });
    try {
      const viaOther = new ApiClient(other.url);
      viaOther.cookie = client.cookie;
      const me = await viaOther.get('/api/auth/me');
      expect(me.status).toBe(200);
      expect(me.body.user.email).toBe('agent2@demo.test');
    } finally {
      await other.close();
    }
  });

  it('when one account keeps failing, then answers slow down and then 429, while other accounts still sign in', async () => {
    const client = new ApiClient(server.url);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await client.post('/api/auth/login', { email: 'auditor@demo.test', password: `wrong-${i}` })).status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    const refused = await client.post('/api/auth/login', { email: 'auditor@demo.test', password: 'test-password' });
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('rate_limited');
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(statuses[5]).toBe(429);
    expect((await new ApiClient(server.url).post('/api/auth/login', { email: 'agent@demo.test', password: 'test-password' })).status).toBe(200);
  });

  it('when logins succeed and fail, then each is an audit event', async () => {
    await new ApiClient(server.url).post('/api/auth/login', { email: 'admin@demo.test', password: 'nope' });
    const supervisor = await ApiClient.as(server.url, 'supervisor@demo.test');
    const failed = await supervisor.list('audit-events', { filter: { action: 'auth.login_failed' }, sort: ['id', 'DESC'] });
    expect(failed.body[0]).toMatchObject({ action: 'auth.login_failed', entityType: 'staff_user', actorId: null });
    expect(failed.body[0].after).toEqual({ account: 'admin@demo.test', reason: 'wrong_password' });
    const ok = await supervisor.list('audit-events', { filter: { action: 'auth.login', actorId: supervisor.user!.id } });
    expect(ok.body.length).toBeGreaterThan(0);
    expect(ok.body[0]).toMatchObject({ actorEmail: 'supervisor@demo.test', actorRole: 'supervisor', ip: expect.any(String) });
  });
});
