import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api-client';
import { enrolmentTokenFor, inviteStaff } from './support/factories';
import { startTestServer, type TestServer } from './support/test-server';

// Issue 11 item 2: an admin never chooses, sees or learns another person's password.
let server: TestServer;
let admin: ApiClient;
beforeAll(async () => {
  server = await startTestServer({ customers: 2 });
  admin = await ApiClient.as(server.url, 'admin@demo.test');
});
afterAll(() => server?.stop());

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
let serial = 0;
const email = (what: string) => `${what}-${process.pid}-${++serial}@demo.test`;
const enrol = (token: string, password = 'my-own-secret-words') => new ApiClient(server.url).post('/api/auth/enrol', { token, password });
const signIn = (address: string, password: string) => new ApiClient(server.url).post('/api/auth/login', { email: address, password });
const outboxFor = (staffUserId: number) =>
  server.ctx.models.Notification.findAll({ where: { staffUserId }, order: [['id', 'ASC']], raw: true }) as Promise<Record<string, any>[]>;

describe('an admin invites staff; nobody but the new member chooses their password', () => {
  it('when an admin sends a password with the new account, or with a change to one, then 400 and nothing is created or changed', async () => {
    const address = email('chosen');
    const created = await admin.post('/api/staff-users', { email: address, fullName: 'Chosen Password', role: 'supervisor', password: 'admin-knows-this-1' });
    expect(created.status).toBe(400);
    expect(created.body.code).toBe('validation_failed');
    expect(await server.ctx.models.StaffUser.count({ where: { email: address } })).toBe(0);
    expect((await signIn(address, 'admin-knows-this-1')).status).toBe(401);

    const supervisor = (await admin.list('staff-users', { filter: { role: 'supervisor' } })).body[0];
    const put = await admin.request('PUT', `/api/staff-users/${supervisor.id}`, { password: 'admin-knows-this-1' });
    expect(put.status).toBe(400);
    expect((await signIn(supervisor.email, 'admin-knows-this-1')).status).toBe(401);
    expect((await signIn(supervisor.email, 'test-password')).status, 'their own password still works').toBe(200);
  });

  it('when an admin invites someone, then one e-mail in their language carries a one-time link; the token is stored only hashed', async () => {
    const address = email('invitee');
    const created = await admin.post('/api/staff-users', { email: address, fullName: '新主管', role: 'supervisor', locale: 'zh-CN' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: address, role: 'supervisor', locale: 'zh-CN', active: true });
    const [message, ...more] = await outboxFor(created.body.id);
    expect(more).toHaveLength(0);
    expect(message).toMatchObject({ channel: 'email', recipient: address, template: 'staff_invited', locale: 'zh-CN', status: expect.any(String), customerId: null });
    expect(message!.subject).toContain('Closure Desk');
    expect(message!.body).toContain('新主管');
    expect(message!.body).toMatch(/http:\/\/localhost:\d+\/#\/enrol\/[A-Za-z0-9_-]{43}\b/);
    const token = await enrolmentTokenFor(server, created.body.id);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32); // 256 random bits
    const stored = (await server.ctx.models.StaffEnrolmentToken.findAll({ where: { staffUserId: created.body.id }, raw: true })) as Record<string, any>[];
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    // the admin's answer, the staff list and the customer notification list hold nothing of it
    expect(JSON.stringify(created.body)).not.toContain(token);
    expect(JSON.stringify((await admin.get(`/api/staff-users/${created.body.id}`)).body)).not.toContain(token);
    const notifications = (await admin.list('notifications', { range: [0, 499] })).body;
    expect(notifications.some((n: any) => n.id === message!.id)).toBe(false);
    expect((await admin.get(`/api/notifications/${message!.id}`)).status).toBe(404);
    // until they enrol, no password signs them in
    expect((await signIn(address, '!none')).status).toBe(401);
  });

  it('when the invitee opens the link and chooses a password, then they are signed in at once, and the link never works again', async () => {
    const address = email('enrols');
    const created = await admin.post('/api/staff-users', { email: address, fullName: 'Enrolling Agent', role: 'agent' });
    const token = await enrolmentTokenFor(server, created.body.id);
    const short = await enrol(token, 'short');
    expect(short.status, 'a password the policy refuses does not spend the link').toBe(400);

    const browser = new ApiClient(server.url);
    const enrolled = await browser.post('/api/auth/enrol', { token, password: 'my-own-secret-words' });
    expect(enrolled.status).toBe(200);
    expect(enrolled.body).toEqual({
      user: { id: created.body.id, email: address, fullName: 'Enrolling Agent', role: 'agent' }, csrfToken: expect.any(String),
      mfaEnabled: false, mfaRequired: false, mfaEnrolmentRequired: false,
    });
    const cookie = enrolled.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^cd_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect((await browser.get('/api/auth/me')).body).toEqual(enrolled.body);

    const again = await enrol(token, 'another-secret-words');
    expect(again.status).toBe(410);
    expect(again.body).toEqual({ code: 'gone', message: expect.any(String) });
    expect((await signIn(address, 'another-secret-words')).status).toBe(401);
    expect((await signIn(address, 'my-own-secret-words')).status).toBe(200);
    expect((await enrol('x'.repeat(43))).status, 'an unknown token').toBe(410);
    for (const body of [{}, { token }, { token: 1, password: 'my-own-secret-words' }, { token, password: 'my-own-secret-words', role: 'admin' }]) {
      expect((await new ApiClient(server.url).post('/api/auth/enrol', body)).status).toBe(400);
    }
    const events = (await admin.list('audit-events', { filter: { entityType: 'staff_user', entityId: String(created.body.id) }, sort: ['id', 'ASC'] })).body;
    expect(events.map((e: any) => e.action)).toEqual(['staff.create', 'auth.enrol', 'auth.login_failed', 'auth.login']);
    expect(JSON.stringify(events)).not.toContain(token);
  });

  it('when a link is older than 24 hours, then it is gone (410), and the account still has no password', async () => {
    const address = email('late');
    const created = await admin.post('/api/staff-users', { email: address, fullName: 'Late Agent', role: 'agent' });
    const token = await enrolmentTokenFor(server, created.body.id);
    const [link] = (await server.ctx.models.StaffEnrolmentToken.findAll({ where: { staffUserId: created.body.id }, raw: true })) as Record<string, any>[];
    expect(new Date(link!.expiresAt).getTime() - new Date(link!.createdAt).getTime()).toBe(24 * 3_600_000);
    await server.ctx.models.StaffEnrolmentToken.update({ expiresAt: new Date(Date.now() - 1000) }, { where: { id: link!.id } });
    expect((await enrol(token)).status).toBe(410);
    expect((await signIn(address, 'my-own-secret-words')).status).toBe(401);
  });

  it('when the same link is used twice at once, then exactly one use signs in', async () => {
    const created = await admin.post('/api/staff-users', { email: email('twice'), fullName: 'Twice', role: 'agent' });
    const token = await enrolmentTokenFor(server, created.body.id);
    const statuses = (await Promise.all([enrol(token, 'first-secret-words'), enrol(token, 'second-secret-words'), enrol(token, 'third-secret-words')])).map((r) => r.status);
    expect(statuses.sort()).toEqual([200, 410, 410]);
  });

  it('when an admin resets a password, then the old one stops working, every session ends, and a new link goes to the member', async () => {
    const address = email('reset');
    const member = await inviteStaff(server, admin, { email: address, role: 'supervisor' }, 'old-secret-words');
    const laptop = await ApiClient.as(server.url, address, 'old-secret-words');
    const firstToken = await enrolmentTokenFor(server, member.id);

    const reset = await admin.post(`/api/staff-users/${member.id}/actions/reset-password`);
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ id: member.id, email: address, active: true });
    expect((await laptop.get('/api/auth/me')).status).toBe(401);
    expect((await member.client.get('/api/auth/me')).status).toBe(401);
    expect((await signIn(address, 'old-secret-words')).status, 'the old password no longer signs in').toBe(401);

    const messages = await outboxFor(member.id);
    expect(messages.map((m) => m.template)).toEqual(['staff_invited', 'staff_password_reset']);
    const newToken = await enrolmentTokenFor(server, member.id);
    expect(newToken).not.toBe(firstToken);
    expect(JSON.stringify(reset.body)).not.toContain(newToken);
    expect((await enrol(newToken, 'new-secret-words')).status).toBe(200);
    expect((await signIn(address, 'new-secret-words')).status).toBe(200);

    const events = (await admin.list('audit-events', { filter: { action: 'staff.reset_password', entityId: String(member.id) } })).body;
    expect(events[0].after).toMatchObject({ passwordCleared: true, sessionsEnded: 2, enrolmentSent: true });
    const agent = await ApiClient.as(server.url, 'agent@demo.test');
    expect((await agent.post(`/api/staff-users/${member.id}/actions/reset-password`)).status).toBe(403);
    expect((await admin.post('/api/staff-users/99999/actions/reset-password')).status).toBe(404);
  });

  it('when a second link is sent, then the first stops working; when the account is disabled, its link stops working', async () => {
    const created = await admin.post('/api/staff-users', { email: email('relink'), fullName: 'Relink', role: 'agent' });
    const first = await enrolmentTokenFor(server, created.body.id);
    expect((await admin.post(`/api/staff-users/${created.body.id}/actions/reset-password`)).status).toBe(200);
    expect((await enrol(first)).status).toBe(410);
    const second = await enrolmentTokenFor(server, created.body.id);
    expect((await admin.request('PUT', `/api/staff-users/${created.body.id}`, { active: false })).status).toBe(200);
    expect((await enrol(second)).status).toBe(410);
    expect((await admin.request('PUT', `/api/staff-users/${created.body.id}`, { active: true })).status).toBe(200);
    expect((await enrol(second)).status, 're-enabling does not revive the link').toBe(410);
  });

  it('when the admin\'s console is in Chinese and the body names no language, then the invitation is in Chinese; otherwise English', async () => {
    const zh = await admin.post('/api/staff-users', { email: email('zh'), fullName: '王', role: 'auditor' }, { 'accept-language': 'zh-CN,zh;q=0.9' });
    const en = await admin.post('/api/staff-users', { email: email('en'), fullName: 'Wang', role: 'auditor' });
    expect([zh.body.locale, en.body.locale]).toEqual(['zh-CN', 'en']);
    expect((await outboxFor(zh.body.id))[0]).toMatchObject({ locale: 'zh-CN', subject: expect.stringContaining('密码') });
    expect((await outboxFor(en.body.id))[0]).toMatchObject({ locale: 'en', subject: expect.stringContaining('password') });
  });
});

describe('anyone signed in changes their own password', () => {
  it('when the current password is right, then 204, the new one signs in, and their other sessions end while this one stays', async () => {
    const address = email('changer');
    const { client: here } = await inviteStaff(server, admin, { email: address, role: 'agent' }, 'first-secret-words');
    const elsewhere = await ApiClient.as(server.url, address, 'first-secret-words');
    const changed = await here.post('/api/auth/password', { currentPassword: 'first-secret-words', newPassword: 'second-secret-words' });
    expect(changed.status).toBe(204);
    expect((await here.get('/api/auth/me')).status).toBe(200);
    expect((await elsewhere.get('/api/auth/me')).status).toBe(401);
    expect((await signIn(address, 'first-secret-words')).status).toBe(401);
    expect((await signIn(address, 'second-secret-words')).status).toBe(200);
    const [event] = (await admin.list('audit-events', { filter: { action: 'auth.password_change' } })).body;
    expect(event).toMatchObject({ actorEmail: address, after: { passwordChanged: true, otherSessionsEnded: 1 } });
  });

  it('when the input is bad, then 400; without a session 401; without the CSRF token 403', async () => {
    const address = email('badinput');
    const { client } = await inviteStaff(server, admin, { email: address, role: 'auditor' }, 'first-secret-words');
    for (const body of [{}, { currentPassword: 'first-secret-words' }, { currentPassword: 'first-secret-words', newPassword: 'short' },
      { currentPassword: 'first-secret-words', newPassword: 'first-secret-words' }, { currentPassword: 'first-secret-words', newPassword: 'second-secret-words', userId: 1 }]) {
      expect((await client.post('/api/auth/password', body)).status, JSON.stringify(body)).toBe(400);
    }
    const body = { currentPassword: 'first-secret-words', newPassword: 'second-secret-words' };
    expect((await new ApiClient(server.url).post('/api/auth/password', body)).status).toBe(401);
    expect((await client.post('/api/auth/password', body, { 'x-csrf-token': 'wrong' })).status).toBe(403);
    expect((await signIn(address, 'first-secret-words')).status, 'nothing changed').toBe(200);
  });

  it('when the current password is wrong, then 403 and it counts as a failed sign-in: past the limit even the right one is refused (429)', async () => {
    const address = email('guesser');
    const { client } = await inviteStaff(server, admin, { email: address, role: 'agent' }, 'first-secret-words');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await client.post('/api/auth/password', { currentPassword: `guess-${i}`, newPassword: 'stolen-secret-words' })).status);
    expect(statuses).toEqual([403, 403, 403, 403, 403]);
    const refused = await client.post('/api/auth/password', { currentPassword: 'first-secret-words', newPassword: 'stolen-secret-words' });
    expect(refused.status).toBe(429);
    expect((await signIn(address, 'first-secret-words')).status, 'the sign-in throttle counted them').toBe(429);
    expect((await client.get('/api/auth/me')).status, 'the session itself is not ended').toBe(200);
    const failed = (await admin.list('audit-events', { filter: { action: 'auth.password_change_failed' } })).body.filter((e: any) => e.actorEmail === address);
    expect(failed).toHaveLength(5);
  });
});
