import fs from 'node:fs';
import { expect, request } from '@playwright/test';

/** The file the server under test delivers its messages to (NOTIFY_FILE, set in playwright.config.ts). */
export const OUTBOX_FILE = process.env.E2E_NOTIFY_FILE!;

interface OutboxLine {
  recipient: string;
  template: string;
  subject: string | null;
  body: string;
}

function lines(): OutboxLine[] {
  if (!fs.existsSync(OUTBOX_FILE)) return [];
  return fs.readFileSync(OUTBOX_FILE, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as OutboxLine);
}

/** The link of the newest enrolment e-mail to this address, once the dispatcher has delivered it. */
export async function enrolmentLinkFor(email: string, template = 'staff_invited'): Promise<string> {
  let link: string | undefined;
  await expect.poll(() => {
    const mail = lines().filter((l) => l.recipient === email && l.template === template).at(-1);
    link = mail ? /https?:\/\/\S+\/#\/enrol\/[A-Za-z0-9_-]+/.exec(mail.body)?.[0] : undefined;
    return link;
  }, { message: `an enrolment e-mail to ${email} in ${OUTBOX_FILE}`, timeout: 20_000 }).toBeTruthy();
  return link!;
}

/**
 * A staff member of the test's own, as the console makes one: an admin invites them and they
 * choose this password through the e-mailed link (admins never set passwords).
 */
export async function enrolStaff(
  admin: { mustPost: (path: string, data: Record<string, unknown>) => Promise<Record<string, any>> },
  baseURL: string,
  fields: { email: string; fullName: string; role: string },
  password: string,
): Promise<void> {
  await admin.mustPost('/staff-users', fields);
  const token = new URL((await enrolmentLinkFor(fields.email)).replace('/#/', '/')).pathname.split('/').at(-1)!;
  const http = await request.newContext({ baseURL });
  const res = await http.post('/api/auth/enrol', { data: { token, password } });
  expect(res.status(), `enrol ${fields.email}: ${await res.text()}`).toBe(200);
  await http.dispose();
}
