import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetCachedSettings } from '../src/platform/settings-store';
import { loadConfig } from '../src/platform/config';
import { clearSecondFactor } from '../src/staff/second-factor';
import { ApiClient } from './support/api-client';
import { buildStaff } from './support/factories';
import { startTestServer, type TestServer } from './support/test-server';

/**
 * The TOTP second factor through HTTP: enrolment, sign-in with a code computed here by the same
 * library (otpauth), replay refused, recovery codes used once, disabling, and the roles of
 * `mfaRequiredRoles` sent to enrol. Each test makes its own staff account, so their codes and
 * throttle counts never meet.
 */
let server: TestServer;
let admin: ApiClient;
beforeAll(async () => {
  server = await startTestServer({ customers: 5 });
  admin = await ApiClient.as(server.url, 'admin@demo.test');
});
afterAll(() => server?.stop());

const PASSWORD = 'a-long-enough-password';
let seq = 0;
async function newStaff(role: 'agent' | 'supervisor' | 'admin' | 'auditor' = 'supervisor') {
  const email = `mfa-${process.pid}-${++seq}@demo.test`;
  // Straight into the database with a known password: enrolment by link is enrolment.test.ts's subject.
  const id = await buildStaff(server, { email, fullName: `MFA ${seq}`, role }, PASSWORD);
  return { id, email };
}

/**
 * The code of the current step (`steps` = 0) or the next one (1). Only 0 and +1 are used, each
 * computed right before its request: crossing a step boundary on the way keeps it inside ±1.
 */
const code = (secret: string, steps = 0) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' })
    .generate({ timestamp: Date.now() + steps * 30_000 });

const login = (body: Record<string, unknown>) => new ApiClient(server.url).post('/api/auth/login', body);
async function signIn(email: string, otp?: string) {
  const client = new ApiClient(server.url);
  const res = await client.post('/api/auth/login', { email, password: PASSWORD, ...(otp ? { otp } : {}) });
  return { client, res };
}

/** Signs in (no factor yet), sets TOTP up and confirms it with the current step's code. */
async function enrol(email: string) {
  const { client, res } = await signIn(email);
  expect(res.status).toBe(200);
  const setup = await client.post('/api/auth/mfa/totp/setup');
  expect(setup.status, JSON.stringify(setup.body)).toBe(200);
  const confirm = await client.post('/api/auth/mfa/totp/confirm', { code: code(setup.body.secret) });
  expect(confirm.status, JSON.stringify(confirm.body)).toBe(200);
  return { client, secret: setup.body.secret as string, otpauthUrl: setup.body.otpauthUrl as string, recoveryCodes: confirm.body.recoveryCodes as string[] };
}

const auditActions = async (staffId: number) =>
  (await server.ctx.models.AuditEvent.findAll({ where: { entityType: 'staff_user', entityId: String(staffId) }, raw: true, order: [['id', 'ASC']] }))
    .map((e) => ({ action: e.action as string, after: e.after ? JSON.parse(e.after as string) : null }));

describe('TOTP enrolment', () => {
  it('when a person sets up TOTP and confirms a code, then it is on, ten recovery codes are shown once and the secret is stored encrypted', async () => {
    const staff = await newStaff();
    const { client, res } = await signIn(staff.email);
    expect(res.body).toMatchObject({ mfaEnabled: false, mfaRequired: false, mfaEnrolmentRequired: false });

    const setup = await client.post('/api/auth/mfa/totp/setup');
    expect(setup.status).toBe(200);
    expect(setup.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    const url = new URL(setup.body.otpauthUrl);
    expect(url.protocol).toBe('otpauth:');
    expect(url.searchParams.get('secret')).toBe(setup.body.secret);
    expect(url.searchParams.get('period')).toBe('30');
    expect(url.searchParams.get('digits')).toBe('6');
    // Pending is not on: signing in still needs no code.
    expect((await client.get('/api/auth/me')).body.mfaEnabled).toBe(false);
    expect((await signIn(staff.email)).res.status).toBe(200);

    const wrong = await client.post('/api/auth/mfa/totp/confirm', { code: code(setup.body.secret) === '000000' ? '111111' : '000000' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('validation_failed');
    expect((await client.post('/api/auth/mfa/totp/confirm', {})).status).toBe(400);

    const confirm = await client.post('/api/auth/mfa/totp/confirm', { code: code(setup.body.secret) });
    expect(confirm.status).toBe(200);
    const codes: string[] = confirm.body.recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/);
    expect((await client.get('/api/auth/me')).body).toMatchObject({ mfaEnabled: true, mfaEnrolmentRequired: false });

    // Once on, set-up and confirm are refused; nothing is shown again.
    expect((await client.post('/api/auth/mfa/totp/setup')).status).toBe(409);
    expect((await client.post('/api/auth/mfa/totp/confirm', { code: code(setup.body.secret) })).status).toBe(409);

    const [row] = await server.ctx.db.select<Record<string, string | null>>(
      `SELECT totp_secret, pending_secret FROM staff_second_factors WHERE staff_user_id = ${server.ctx.db.placeholder(1)}`, [staff.id]);
    expect(row!.pending_secret).toBeNull();
    expect(row!.totp_secret).toMatch(/^v1\./);
    expect(row!.totp_secret).not.toContain(setup.body.secret);
    const stored = await server.ctx.models.StaffRecoveryCode.findAll({ where: { staffUserId: staff.id }, raw: true });
    expect(stored).toHaveLength(10);
    for (const r of stored) expect(codes.map((c) => c.replace(/-/g, ''))).not.toContain(r.codeHash);
    expect((await auditActions(staff.id)).filter((e) => e.action === 'auth.mfa_enrolled')).toEqual([
      { action: 'auth.mfa_enrolled', after: { method: 'totp', recoveryCodes: 10 } },
    ]);
  });

  it('when confirming without a set-up, then 409 and nothing is turned on', async () => {
    const staff = await newStaff('agent');
    const { client } = await signIn(staff.email);
    const res = await client.post('/api/auth/mfa/totp/confirm', { code: '123456' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('precondition_failed');
    expect((await client.get('/api/auth/me')).body.mfaEnabled).toBe(false);
  });
});

describe('signing in with a second factor', () => {
  it('when no code is given, then 401 mfa_required and no session cookie', async () => {
    const staff = await newStaff();
    await enrol(staff.email);
    const res = await login({ email: staff.email, password: PASSWORD });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ code: 'mfa_required', message: expect.any(String) });
    expect(res.headers.get('set-cookie')).toBeNull();
    // A wrong password is still the plain 401: the code step says nothing about a wrong password.
    const badPassword = await login({ email: staff.email, password: 'wrong-password', otp: '123456' });
    expect(badPassword.status).toBe(401);
    expect(badPassword.body.code).toBe('unauthenticated');
  });

  it('when the code is right, then it signs in once; the same code again is refused', async () => {
    const staff = await newStaff();
    const { secret } = await enrol(staff.email);
    const otp = code(secret, 1); // the confirming code used this step; the next one is new
    const first = await signIn(staff.email, otp);
    expect(first.res.status, JSON.stringify(first.res.body)).toBe(200);
    expect(first.res.headers.get('set-cookie')).toMatch(/^cd_session=/);
    expect(first.res.body).toMatchObject({ user: { email: staff.email }, mfaEnabled: true });
    expect((await first.client.get('/api/auth/me')).status).toBe(200);

    const replay = await login({ email: staff.email, password: PASSWORD, otp });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('mfa_required');
    expect(replay.headers.get('set-cookie')).toBeNull();
    // Logged as a replay, not as a mistyped code (ASVS 2.8.5).
    expect((await auditActions(staff.id)).filter((e) => e.action === 'auth.login_failed').map((e) => e.after)).toEqual([
      { account: staff.email, reason: 'replayed_otp' },
    ]);
  });

  it('when one code is sent twice at the same time, then only one sign-in succeeds', async () => {
    const staff = await newStaff();
    const { secret } = await enrol(staff.email);
    const otp = code(secret, 1);
    const answers = await Promise.all([0, 1, 2].map(() => login({ email: staff.email, password: PASSWORD, otp })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401, 401]);
  });

  it('when the code is wrong, then 401 mfa_required, no session, and it counts as a failed sign-in', async () => {
    const staff = await newStaff();
    const { secret } = await enrol(staff.email);
    const right = code(secret, 1);
    const wrongCode = right === '000000' ? '000001' : '000000';
    const res = await login({ email: staff.email, password: PASSWORD, otp: wrongCode });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('mfa_required');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect((await auditActions(staff.id)).filter((e) => e.action === 'auth.login_failed')).toEqual([
      { action: 'auth.login_failed', after: { account: staff.email, reason: 'wrong_otp' } },
    ]);
    const counted = (await server.ctx.models.LoginAttempt.findByPk(`account:${staff.email}`, { raw: true })) as { attempts: number } | null;
    expect(Number(counted?.attempts)).toBe(1);
    // The right code still signs in (and gives its own attempt back, as a password sign-in does).
    expect((await signIn(staff.email, right)).res.status).toBe(200);
  });

  it('when a recovery code is given, then it signs in once and its use is audited', async () => {
    const staff = await newStaff();
    const { recoveryCodes } = await enrol(staff.email);
    const used = recoveryCodes[3]!;
    // Case and dashes do not matter.
    const ok = await signIn(staff.email, used.toLowerCase().replace(/-/g, ' '));
    expect(ok.res.status, JSON.stringify(ok.res.body)).toBe(200);
    expect(ok.res.headers.get('set-cookie')).toMatch(/^cd_session=/);

    const again = await login({ email: staff.email, password: PASSWORD, otp: used });
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('mfa_required');
    // Another of the ten still works.
    expect((await signIn(staff.email, recoveryCodes[7]!)).res.status).toBe(200);
    expect((await auditActions(staff.id)).filter((e) => e.action === 'auth.mfa_recovery_code_used').map((e) => e.after)).toEqual([
      { account: staff.email, remaining: 9 },
      { account: staff.email, remaining: 8 },
    ]);
  });
});

describe('disabling the second factor', () => {
  it('when the password or the code is wrong, then 403 and it stays on; with both right, then 204 and a password signs in again', async () => {
    const staff = await newStaff();
    const { client, secret } = await enrol(staff.email);
    const wrongCode = code(secret, 1) === '000000' ? '000001' : '000000';
    const noPassword = await client.post('/api/auth/mfa/totp/disable', { password: 'wrong-password', code: code(secret, 1) });
    expect(noPassword.status).toBe(403);
    const noCode = await client.post('/api/auth/mfa/totp/disable', { password: PASSWORD, code: wrongCode });
    expect(noCode.status).toBe(403);
    expect((await client.post('/api/auth/mfa/totp/disable', { password: PASSWORD })).status).toBe(400);
    expect((await client.get('/api/auth/me')).body.mfaEnabled).toBe(true);

    const off = await client.post('/api/auth/mfa/totp/disable', { password: PASSWORD, code: code(secret, 1) });
    expect(off.status, JSON.stringify(off.body)).toBe(204);
    expect((await client.get('/api/auth/me')).body.mfaEnabled).toBe(false);
    expect((await signIn(staff.email)).res.status).toBe(200);
    expect(await server.ctx.models.StaffRecoveryCode.count({ where: { staffUserId: staff.id } })).toBe(0);
    const actions = (await auditActions(staff.id)).map((e) => e.action);
    expect(actions.filter((a) => a === 'auth.mfa_disable_failed')).toHaveLength(2);
    expect(actions).toContain('auth.mfa_disabled');
  });

  it('when an admin reset clears the factor (clearSecondFactor in its transaction), then a password signs in and the person can enrol again', async () => {
    const staff = await newStaff();
    await enrol(staff.email);
    const cleared = await server.ctx.db.transaction((tx) => clearSecondFactor(server.ctx, tx, staff.id));
    expect(cleared).toBe(true);
    const again = await enrol(staff.email);
    expect(again.recoveryCodes).toHaveLength(10);
  });
});

describe('roles that must have a second factor (mfaRequiredRoles)', () => {
  // Written to the settings table directly, as an admin's approved change would leave it, so the
  // test holds whether changing settings takes one admin or two.
  const setRequiredRoles = async (value: string | null) => {
    if (value === null) await server.ctx.models.Setting.destroy({ where: { key: 'mfaRequiredRoles' } });
    else await server.ctx.models.Setting.upsert({ key: 'mfaRequiredRoles', value, updatedAt: new Date() });
    forgetCachedSettings(server.ctx.models);
  };

  it('by default, then supervisor and admin in production and no role elsewhere', () => {
    expect(loadConfig({ NODE_ENV: 'production', MFA_ENCRYPTION_KEY: 'x'.repeat(32) }).mfaRequiredRolesDefault).toBe('supervisor,admin');
    expect(loadConfig({}).mfaRequiredRolesDefault).toBe('');
    expect(loadConfig({ NODE_ENV: 'production', MFA_ENCRYPTION_KEY: 'x'.repeat(32), MFA_REQUIRED_ROLES: 'admin' }).mfaRequiredRolesDefault).toBe('admin');
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/MFA_ENCRYPTION_KEY/);
  });

  it('when the role needs one and the account has none, then after sign-in it can only enrol, and once enrolled it works', async () => {
    const supervisor = await newStaff('supervisor');
    const agent = await newStaff('agent');
    const newAdmin = await newStaff('admin'); // made before: from now on the demo admin must enrol too
    await setRequiredRoles('supervisor,admin');
    try {
      const { client, res } = await signIn(supervisor.email);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ mfaEnabled: false, mfaRequired: true, mfaEnrolmentRequired: true });
      for (const path of ['/api/closure-requests', '/api/customers', '/api/refunds', '/api/dashboard']) {
        const blocked = await client.get(path);
        expect(blocked.status, path).toBe(403);
        expect(blocked.body.code).toBe('mfa_enrolment_required');
      }
      const adminSession = await signIn(newAdmin.email);
      expect(adminSession.res.body).toMatchObject({ mfaRequired: true, mfaEnrolmentRequired: true });
      const write = await adminSession.client.request('PUT', '/api/settings/slaDays', { value: 5 });
      expect(write.status).toBe(403);
      expect(write.body.code).toBe('mfa_enrolment_required');
      expect((await client.post('/api/auth/mfa/totp/disable', { password: PASSWORD, code: '123456' })).body.code).toBe('mfa_enrolment_required');
      expect((await client.get('/api/auth/me')).body).toMatchObject({ mfaRequired: true, mfaEnrolmentRequired: true });

      // Another role is not affected.
      const agentSession = await signIn(agent.email);
      expect(agentSession.res.body).toMatchObject({ mfaRequired: false, mfaEnrolmentRequired: false });
      expect((await agentSession.client.get('/api/closure-requests')).status).toBe(200);

      const setup = await client.post('/api/auth/mfa/totp/setup');
      expect(setup.status).toBe(200);
      const confirm = await client.post('/api/auth/mfa/totp/confirm', { code: code(setup.body.secret) });
      expect(confirm.status).toBe(200);
      expect((await client.get('/api/auth/me')).body).toMatchObject({ mfaEnabled: true, mfaRequired: true, mfaEnrolmentRequired: false });
      expect((await client.get('/api/closure-requests')).status).toBe(200);

      // From now on this account signs in with a code.
      expect((await login({ email: supervisor.email, password: PASSWORD })).body.code).toBe('mfa_required');
      expect((await signIn(supervisor.email, code(setup.body.secret, 1))).res.status).toBe(200);

      const logout = await client.post('/api/auth/logout');
      expect(logout.status).toBe(204);
    } finally {
      await setRequiredRoles(null);
    }
  });

  it('when an admin proposes mfaRequiredRoles through the settings API, then it is checked, waits for a second admin, is audited, and applies once approved', async () => {
    try {
      const before = (await admin.get('/api/settings/mfaRequiredRoles')).body;
      expect(before).toMatchObject({ id: 'mfaRequiredRoles', value: '', defaultValue: '' });
      expect((await admin.get('/api/settings')).body.map((s: { id: string }) => s.id)).toContain('mfaRequiredRoles');
      for (const value of ['auditor,janitor', 7, null]) {
        const bad = await admin.request('PUT', '/api/settings/mfaRequiredRoles', { value });
        expect(bad.status, String(value)).toBe(400);
        expect(bad.body.code).toBe('validation_failed');
      }
      const auditor = await newStaff('auditor');
      // It guards access: one admin only proposes (202), a second one applies it.
      const proposed = await admin.request('PUT', '/api/settings/mfaRequiredRoles', { value: ' auditor ' });
      expect(proposed.status, JSON.stringify(proposed.body)).toBe(202);
      expect(proposed.body).toMatchObject({ id: 'mfaRequiredRoles', value: '', fourEyes: true, pending: { value: 'auditor' } });
      expect((await admin.post('/api/settings/mfaRequiredRoles/actions/approve')).status).toBe(403);
      const admin2 = await ApiClient.as(server.url, 'admin2@demo.test');
      const set = await admin2.post('/api/settings/mfaRequiredRoles/actions/approve');
      expect(set.status, JSON.stringify(set.body)).toBe(200);
      expect(set.body).toMatchObject({ id: 'mfaRequiredRoles', value: 'auditor', defaultValue: '', pending: null });
      const { client, res } = await signIn(auditor.email);
      expect(res.body).toMatchObject({ mfaRequired: true, mfaEnrolmentRequired: true });
      expect((await client.get('/api/audit-events')).body.code).toBe('mfa_enrolment_required');
      const audit = (await admin.list('audit-events', { filter: { action: 'setting.approve' }, sort: ['id', 'DESC'] })).body[0];
      expect(audit).toMatchObject({ entityId: 'mfaRequiredRoles' });
      expect((await admin.get('/api/settings/mfaRequiredRoles')).body.updatedAt).not.toBeNull();
    } finally {
      await setRequiredRoles(null);
    }
  });
});
