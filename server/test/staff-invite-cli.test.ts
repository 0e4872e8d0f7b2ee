import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from './support/test-server';
import { openContext } from '../src/server';
import { loadConfig } from '../src/platform/config';
import type { AppContext } from '../src/platform/context';

/**
 * `npm run staff:invite`: how the first admin gets into a database without the demo data. The
 * account is made without a password and the enrolment link goes to the outbox (never to the
 * terminal), as an admin's invitation does; audited with no actor.
 */
const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let db: { url: string; drop(): Promise<void> };
let ctx: AppContext;

function invite(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('npx', ['tsx', 'src/cli/staff-invite.ts', ...args], {
      cwd: serverDir, env: { ...process.env, DATABASE_URL: db.url, DEMO_DATA: '0', NODE_ENV: 'test' },
    }, (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = await openContext({ ...loadConfig({ DATABASE_URL: db.url, DEMO_DATA: '0' }), logLevel: 'silent' });
});
afterAll(async () => {
  await ctx?.db.close();
  await db?.drop();
});

describe('npm run staff:invite', () => {
  it('when an operator invites the first admin of an empty database, then the account has no password, the link is in the outbox only, and it is audited', async () => {
    expect(await ctx.models.StaffUser.count()).toBe(0);
    const run = await invite(['--email', 'First.Admin@Example.test', '--name', 'First Admin', '--role', 'admin', '--locale', 'zh-CN']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/first\.admin@example\.test \(admin, id \d+\) invited/);
    expect(run.stdout).not.toMatch(/#\/enrol\//);

    const staff = await ctx.models.StaffUser.findAll({ raw: true });
    expect(staff.map((s) => [s.email, s.role, s.locale])).toEqual([['first.admin@example.test', 'admin', 'zh-CN']]);
    const mail = await ctx.models.Notification.findAll({ where: { staffUserId: staff[0]!.id }, raw: true });
    expect(mail.map((m) => [m.template, m.channel, m.locale])).toEqual([['staff_invited', 'email', 'zh-CN']]);
    expect(String(mail[0]!.body)).toMatch(/#\/enrol\/[A-Za-z0-9_-]{40,}/);
    const events = await ctx.models.AuditEvent.findAll({ where: { action: 'staff.create' }, raw: true });
    expect(events.map((e) => [e.actorId, String(e.entityId)])).toEqual([[null, String(staff[0]!.id)]]);
  }, 120_000);

  it('when the address is taken or the arguments are missing, then it refuses and changes nothing', async () => {
    const again = await invite(['--email', 'first.admin@example.test', '--name', 'Again', '--role', 'admin']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/exists/);
    const missing = await invite(['--email', 'x@example.test']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/usage/);
    expect(await ctx.models.StaffUser.count()).toBe(1);
  }, 120_000);
});
