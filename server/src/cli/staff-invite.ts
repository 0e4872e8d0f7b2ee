/**
 * npm run staff:invite -- --email <address> --name "<full name>" --role <role> [--locale en|zh-CN]
 *
 * The first admin of a database without the demo data (and anyone else, when no admin can sign in):
 * the account is made without a password and an enrolment link is put in the outbox, exactly as an
 * admin's invitation does, so not even the operator who runs this learns a password or a link. The
 * server's dispatcher delivers it (SMTP_URL, or the file transport). Audited with no actor.
 */
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../platform/config';
import { openContext } from '../server';
import { createStaff } from '../staff';

const { values } = parseArgs({
  options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, locale: { type: 'string' } },
});
if (!values.email || !values.name || !values.role) {
  console.error('usage: npm run staff:invite -- --email <address> --name "<full name>" --role <agent|supervisor|auditor|admin> [--locale en|zh-CN]');
  process.exit(2);
}
const ctx = await openContext({ ...loadConfig(), logLevel: 'warn' });
try {
  const body = { email: values.email, fullName: values.name, role: values.role, ...(values.locale ? { locale: values.locale } : {}) };
  const staff = await createStaff(ctx, { actor: null, ip: null, requestId: `cli-${randomUUID()}` }, body);
  console.log(`staff:invite: ${staff.email} (${staff.role}, id ${staff.id}) invited; the enrolment link is in the outbox, valid until ${staff.enrolmentExpiresAt}`);
} catch (err) {
  console.error(`staff:invite: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  await ctx.db.close();
}
