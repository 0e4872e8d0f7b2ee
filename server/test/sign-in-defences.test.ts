import type { Role } from '@closure-desk/shared';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStaff } from './support/factories';
import { ApiClient, type ApiResponse } from './support/api-client';
import { startTestServer, type TestServer } from './support/test-server';
import { runSessionPurge } from '../src/staff/session-purge-job';
import { takeLease } from '../src/platform/db/job-lease';

// TRUST_PROXY=1: each test's clients come from their own addresses (X-Forwarded-For), as they would behind the load balancer.
let server: TestServer;
let admin: ApiClient;
let seq = 0;
const PASSWORD = 'a-long-password-123';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

beforeAll(async () => {
  server = await startTestServer({ customers: 5, config: { trustProxy: true }, jobs: false });
  admin = await ApiClient.as(server.url, 'admin@demo.test');
});
afterAll(() => server?.stop());

/** A new staff member of their own, so no test's counters touch another's. */
async function newAccount(role: Role = 'supervisor'): Promise<{ id: number; email: string }> {
  const email = `person-${process.pid}-${++seq}@demo.test`;
  // Straight into the database with a known password (admins invite by link: enrolment.test.ts).
  return { id: await buildStaff(server, { email, fullName: `Person ${seq}`, role }, PASSWORD), email };
}
const address = () => `198.51.100.${++seq % 250}`;
const from = (ip: string, extra: Record<string, string> = {}) => new ApiClient(server.url, { 'x-forwarded-for': ip, ...extra });
const signIn = (client: ApiClient, email: string, password = PASSWORD) => client.post('/api/auth/login', { email, password });
const statuses = (results: ApiResponse[]) => results.map((r) => r.status).sort();
const auditCount = async (action: string, entityId: number) =>
  server.ctx.models.AuditEvent.count({ where: { action, entityId: String(entityId) } });

describe('parallel guesses against one account from one address', () => {
  for (const n of [20, 50]) {
    it(`when ${n} wrong passwords arrive at once, then at most 5 are checked, the rest are 429 with Retry-After, and then the right one is 429 too`, async () => {
      const { id, email } = await newAccount();
      const ip = address();
      const results = await Promise.all(Array.from({ length: n }, (_, i) => signIn(from(ip), email, `wrong-${i}`)));
      const checked = results.filter((r) => r.status === 401);
      const refused = results.filter((r) => r.status === 429);
      expect(checked.length + refused.length, JSON.stringify(statuses(results))).toBe(n);
      expect(checked.length).toBe(5);
      for (const r of refused) {
        expect(r.body.code).toBe('rate_limited');
        expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(Number(r.headers.get('retry-after'))).toBeLessThanOrEqual(15 * 60);
      }
      expect(await auditCount('auth.login_failed', id), 'only the checked ones were failures').toBe(5);
      const right = await signIn(from(ip), email);
      expect(right.status).toBe(429);
      expect(right.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(right.headers.get('set-cookie')).toBeNull();
      expect(await auditCount('auth.lockout', id), 'the lockout is audited once').toBe(1);
    });
  }

  it('when the right password is among 20 simultaneous guesses, then still at most 5 wrong ones are checked', async () => {
    const { email } = await newAccount();
    const ip = address();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => signIn(from(ip), email, i === 10 ? PASSWORD : `wrong-${i}`)));
    const ok = results.filter((r) => r.status === 200).length;
    const wrong = results.filter((r) => r.status === 401).length;
    expect(ok).toBeLessThanOrEqual(1);
    // a success gives its own slot back, so one more guess may be checked after it: never a sixth wrong one
    expect(wrong, JSON.stringify(statuses(results))).toBeLessThanOrEqual(5);
    expect(results.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(14);
    expect((await signIn(from(ip), email, 'one-more-guess')).status).toBe(429);
  });
});

describe('many people signing in at once from one address', () => {
  it('when successes and reservations of several accounts interleave, then every answer is a 200 or a 401, never a 500 (the counters are locked in one order)', async () => {
    const accounts = await Promise.all(Array.from({ length: 6 }, () => newAccount()));
    const ip = address();
    // Within every limit (18 of the address's 20, 3 of each account's 5), so none is refused: each sign-in's
    // success gives its attempt back while the others reserve theirs.
    const calls = Array.from({ length: 18 }, (_, i) => signIn(from(ip), accounts[i % 6]!.email, i >= 12 ? 'wrong-password' : PASSWORD));
    const results = await Promise.all(calls);
    expect(statuses(results).filter((s) => s >= 500), JSON.stringify(results.filter((r) => r.status >= 500).map((r) => r.body))).toEqual([]);
    expect(statuses(results)).toEqual([...Array(12).fill(200), ...Array(6).fill(401)]);
  });
});

describe('device cookies', () => {
  it('when others hammer an account from other addresses, then the owner, whose browser has a device cookie, still signs in; a browser without one is locked out', async () => {
    const { id, email } = await newAccount();
    const owner = from(address());
    const first = await signIn(owner, email);
    expect(first.status).toBe(200);
    const device = first.headers.getSetCookie().find((c) => c.startsWith('cd_device='));
    expect(device).toMatch(/HttpOnly/i);
    expect(device).toMatch(/SameSite=Strict/i);
    expect(device).toMatch(/Max-Age=\d{7,}/);
    expect((await owner.post('/api/auth/logout')).status).toBe(204);
    expect(owner.cookieValue('cd_device'), 'signing out keeps the device cookie').toBeTruthy();

    const attack = await Promise.all(Array.from({ length: 12 }, (_, i) => signIn(from(address()), email, `guess-${i}`)));
    expect(attack.filter((r) => r.status === 401).length).toBe(5);
    expect(attack.filter((r) => r.status === 429).length).toBe(7);
    expect((await signIn(from(address()), email)).status, 'a new browser with the right password waits').toBe(429);

    const again = await signIn(owner, email);
    expect(again.status, 'the owner signs in during the attack').toBe(200);
    expect((await owner.get('/api/auth/me')).body.user.email).toBe(email);
    expect(await auditCount('auth.lockout', id)).toBe(1);
    const [lockout] = await server.ctx.models.AuditEvent.findAll({ where: { action: 'auth.lockout', entityId: String(id) }, raw: true });
    expect(JSON.parse(lockout!.after as string)).toMatchObject({ account: email, scope: 'account', attempts: 6 });
  });

  it('when the device cookie is forged, altered, or belongs to another account, then it counts for nothing', async () => {
    const victim = await newAccount();
    const other = await newAccount();
    const otherBrowser = from(address());
    expect((await signIn(otherBrowser, other.email)).status).toBe(200);
    await Promise.all(Array.from({ length: 6 }, (_, i) => signIn(from(address()), victim.email, `guess-${i}`)));
    const cookie = otherBrowser.cookieValue('cd_device')!;
    const tampered = cookie.replace(/^d1\.\d+/, `d1.${victim.id}`);
    for (const value of [cookie, tampered, `d1.${victim.id}.1.${'a'.repeat(22)}.${'b'.repeat(43)}`]) {
      const res = await signIn(from(address(), { cookie: `cd_device=${value}` }), victim.email);
      expect(res.status).toBe(429);
    }
  });

  it('when a browser with a device cookie keeps guessing, then its own small counter stops it and it joins the locked-out clients', async () => {
    const { id, email } = await newAccount();
    const browser = from(address());
    expect((await signIn(browser, email)).status).toBe(200);
    const tries: number[] = [];
    for (let i = 0; i < 6; i++) tries.push((await signIn(browser, email, `wrong-${i}`)).status);
    expect(tries.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(await auditCount('auth.lockout', id), 'the device was locked').toBe(1);
    // its sixth went to the account's counter: a locked device is an untrusted client
    expect(tries[5]).toBe(401);
    const [event] = await server.ctx.models.AuditEvent.findAll({ where: { action: 'auth.lockout', entityId: String(id) }, raw: true });
    expect(JSON.parse(event!.after as string)).toMatchObject({ scope: 'device' });
  });

  it('when one address tries more than 20 times, whatever the accounts, then it is refused and the burst is audited', async () => {
    const ip = address();
    const results = await Promise.all(Array.from({ length: 22 }, (_, i) => signIn(from(ip), `nobody-${seq}-${i}@demo.test`, 'x')));
    expect(statuses(results)).toEqual([...Array(20).fill(401), 429, 429]);
    const bursts = await server.ctx.models.AuditEvent.findAll({ where: { action: 'auth.login_burst', ip }, raw: true });
    expect(bursts).toHaveLength(1);
    expect(JSON.parse(bursts[0]!.after as string)).toMatchObject({ scope: 'address', attempts: 21 });
  });
});

describe('own sessions', () => {
  it('when a person lists their sessions, then they see each with its address and browser, the current one marked, and no token', async () => {
    const { email } = await newAccount('agent');
    const laptop = from('203.0.113.10', { 'user-agent': 'Laptop Browser/1.0' });
    const phone = from('203.0.113.11', { 'user-agent': 'Phone Browser/2.0' });
    await signIn(laptop, email);
    await signIn(phone, email);
    const list = await laptop.get('/api/auth/sessions');
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(2);
    for (const s of list.body) expect(Object.keys(s).sort()).toEqual(['createdAt', 'current', 'id', 'ip', 'lastSeenAt', 'userAgent']);
    const mine = list.body.find((s: { current: boolean }) => s.current);
    expect(mine).toMatchObject({ ip: '203.0.113.10', userAgent: 'Laptop Browser/1.0', current: true });
    expect(list.body.find((s: { current: boolean }) => !s.current)).toMatchObject({ ip: '203.0.113.11', userAgent: 'Phone Browser/2.0' });
    expect(JSON.stringify(list.body)).not.toContain(laptop.sessionToken!);
    expect(JSON.stringify(list.body)).not.toContain(sha256(phone.sessionToken!));
  });

  it('when a person ends one of their sessions, then it is signed out at once; another person\'s session is a 404', async () => {
    const { id, email } = await newAccount('agent');
    const laptop = from(address());
    const phone = from(address());
    await signIn(laptop, email);
    await signIn(phone, email);
    const phoneId = (await phone.get('/api/auth/sessions')).body.find((s: { current: boolean }) => s.current).id;
    const stranger = await newAccount('agent');
    const strangerClient = from(address());
    await signIn(strangerClient, stranger.email);
    const notTheirs = await strangerClient.request('DELETE', `/api/auth/sessions/${phoneId}`);
    expect(notTheirs.status).toBe(404);
    expect(notTheirs.body.code).toBe('not_found');
    expect((await phone.get('/api/auth/me')).status).toBe(200);
    expect((await laptop.request('DELETE', '/api/auth/sessions/no-such-session')).status).toBe(404);
    const ended = await laptop.request('DELETE', `/api/auth/sessions/${phoneId}`);
    expect(ended.status).toBe(204);
    expect((await phone.get('/api/auth/me')).status).toBe(401);
    expect((await laptop.get('/api/auth/me')).status).toBe(200);
    expect(await auditCount('auth.session_ended', id)).toBe(1);
  });

  it('when a person signs out everywhere else, then every other session ends and theirs stays', async () => {
    const { id, email } = await newAccount('auditor');
    const here = from(address());
    const others = [from(address()), from(address()), from(address())];
    await signIn(here, email);
    for (const o of others) await signIn(o, email);
    const res = await here.post('/api/auth/sessions/actions/end-others');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ended: 3 });
    for (const o of others) expect((await o.get('/api/auth/me')).status).toBe(401);
    expect((await here.get('/api/auth/me')).status).toBe(200);
    expect((await here.get('/api/auth/sessions')).body).toHaveLength(1);
    expect(await auditCount('auth.sessions_ended', id)).toBe(1);
    expect((await from(address()).post('/api/auth/sessions/actions/end-others')).status, 'needs a session').toBe(401);
  });
});

describe('session purge job and lifetimes', () => {
  it('when the idle lifetime is not set, then it is 30 minutes: 31 minutes idle ends a session', async () => {
    const settings = (await admin.get('/api/settings')).body as { id: string; value: number }[];
    expect(settings.find((s) => s.id === 'sessionIdleMinutes')!.value).toBe(30);
    const { email } = await newAccount('agent');
    const c = from(address());
    await signIn(c, email);
    await server.ctx.models.Session.update({ lastSeenAt: new Date(Date.now() - 31 * 60_000) }, { where: { id: sha256(c.sessionToken!) } });
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });

  it('when the purge runs, then idle and expired sessions are deleted though nobody presents them again; a second instance without the lease does nothing', async () => {
    const { email } = await newAccount('agent');
    const [idle, expired, old, live] = [from(address()), from(address()), from(address()), from(address())];
    for (const c of [idle, expired, old, live]) expect((await signIn(c, email)).status).toBe(200);
    const where = (c: ApiClient) => ({ where: { id: sha256(c.sessionToken!) } });
    await server.ctx.models.Session.update({ lastSeenAt: new Date(Date.now() - 31 * 60_000) }, where(idle));
    await server.ctx.models.Session.update({ expiresAt: new Date(Date.now() - 1000) }, where(expired));
    await server.ctx.models.Session.update({ createdAt: new Date(Date.now() - 13 * 3_600_000) }, where(old));
    const count = (c: ApiClient) => server.ctx.models.Session.count(where(c));

    expect(await takeLease(server.ctx.db, 'session-purge', 'other-instance', 60_000)).toBe(true);
    expect(await runSessionPurge(server.ctx, 'this-instance', 60_000)).toEqual({ ran: false, sessions: 0, attempts: 0 });
    expect(await count(idle), 'the other instance holds the lease').toBe(1);
    expect(await takeLease(server.ctx.db, 'session-purge', 'other-instance', -1), 'the other instance lets the lease run out').toBe(true);

    const run = await runSessionPurge(server.ctx, 'this-instance', 60_000);
    expect(run.ran).toBe(true);
    expect(run.sessions).toBeGreaterThanOrEqual(3);
    for (const c of [idle, expired, old]) expect(await count(c)).toBe(0);
    expect(await count(live)).toBe(1);
    expect((await live.get('/api/auth/me')).status).toBe(200);
    expect(await takeLease(server.ctx.db, 'session-purge', 'other-instance', 60_000), 'this instance keeps the lease').toBe(false);
  });
});

describe('cookie names', () => {
  it('when signing in over plain HTTP, then the cookie is cd_session without Secure; over HTTPS (trusted proxy) it is __Host-cd_session with Secure', async () => {
    const { email } = await newAccount('agent');
    const plain = from(address());
    const res = await signIn(plain, email);
    const session = res.headers.getSetCookie().find((c) => c.includes('cd_session='))!;
    expect(session).toMatch(/^cd_session=/);
    expect(session).not.toMatch(/Secure/i);

    const secure = from(address(), { 'x-forwarded-proto': 'https' });
    const over = await signIn(secure, email);
    const cookies = over.headers.getSetCookie();
    const hostSession = cookies.find((c) => c.startsWith('__Host-cd_session='))!;
    expect(hostSession).toMatch(/;\s*Secure/i);
    expect(hostSession).toMatch(/;\s*Path=\/(;|$)/);
    expect(hostSession).not.toMatch(/Domain=/i);
    expect(cookies.find((c) => c.startsWith('__Host-cd_device='))).toMatch(/;\s*Secure/i);
    expect(cookies.some((c) => c.startsWith('cd_session='))).toBe(false);
    expect((await secure.get('/api/auth/me')).status).toBe(200);

    // over HTTPS only the __Host- cookie counts (a plain-named one could have been planted over HTTP)
    const planted = from(address(), { 'x-forwarded-proto': 'https' });
    planted.cookie = `cd_session=${plain.sessionToken}`;
    expect((await planted.get('/api/auth/me')).status).toBe(401);
    const logout = await secure.post('/api/auth/logout');
    expect(logout.headers.getSetCookie()[0]).toMatch(/^__Host-cd_session=;/);
  });
});
