import * as OTPAuth from 'otpauth';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { LoginPage } from '../pages/login-page';
import { enrolStaff } from '../support/outbox';

/**
 * A supervisor turns on two-step sign-in from the user menu (reading the secret off the page and
 * computing codes with otpauth, as an authenticator app would), signs out, and signs in again
 * with a code. A supervisor of its own, made through the admin API, so the demo accounts stay
 * password-only for the other specs and the spec runs again on the same database.
 */
const PASSWORD = 'e2e-mfa-password-1';

/**
 * The code of the current 30-second step, or of the next (`steps` 1), computed right before it is
 * typed: the server takes one step either way, so crossing a step boundary on the way still passes.
 */
const totp = (secret: string, steps = 0) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' })
    .generate({ timestamp: Date.now() + steps * 30_000 });

async function openUserMenu(page: Page) {
  await page.getByRole('button', { name: 'Profile' }).click();
}

test('a supervisor enrols TOTP from the user menu, signs out, and signs in with a code', async ({ page, apiAs, baseURL }) => {
  test.setTimeout(180_000); // three sign-ins and an enrolment: more than one page's worth on a loaded machine
  const admin = await apiAs('admin');
  const email = `mfa-e2e-${Date.now()}@demo.test`;
  await enrolStaff(admin, baseURL!, { email, fullName: 'E2E Two-Step Supervisor', role: 'supervisor' }, PASSWORD);

  const login = new LoginPage(page);
  await login.open();
  await login.signIn(email, PASSWORD);
  await expect(page.locator('.dashboard')).toBeVisible({ timeout: 20_000 });

  await openUserMenu(page);
  await page.getByRole('menuitem', { name: 'Two-step sign-in' }).click();
  await expect(page.getByTestId('mfa-status')).toContainText('off');
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();

  const secret = (await page.getByTestId('totp-secret').innerText()).trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expect(page.getByTestId('totp-qr')).toHaveAttribute('src', /^data:image\/png;base64,/);
  await page.getByTestId('totp-code').fill(totp(secret));
  await page.getByRole('button', { name: 'Confirm' }).click();

  const codes = page.getByTestId('recovery-codes').locator('li');
  await expect(codes).toHaveCount(10);
  await expect(codes.first()).toHaveText(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.locator('.dashboard')).toBeVisible();

  await openUserMenu(page);
  await page.getByRole('menuitem', { name: 'Logout' }).click();
  await expect(page).toHaveURL(/#\/login/);

  // The password alone is not enough now: the form asks for the code.
  await login.signIn(email, PASSWORD);
  const otp = page.getByTestId('login-otp');
  await expect(otp).toBeVisible();
  await expect(page).toHaveURL(/#\/login/);
  // The next step's code: the confirming code's step is used up, and a code is accepted once.
  await otp.fill(totp(secret, 1));
  await page.locator('button[type="submit"]').click();
  await expect(page.locator('.dashboard')).toBeVisible({ timeout: 20_000 });

  await openUserMenu(page);
  await page.getByRole('menuitem', { name: 'Two-step sign-in' }).click();
  await expect(page.getByTestId('mfa-status')).toContainText('on');
});

test('an auditor whose role must use two-step sign-in is sent to enrol right after signing in, and works once enrolled', async ({ page, apiAs, baseURL }) => {
  test.setTimeout(180_000);
  const admin = await apiAs('admin');
  const email = `mfa-e2e-auditor-${Date.now()}@demo.test`;
  await enrolStaff(admin, baseURL!, { email, fullName: 'E2E Two-Step Auditor', role: 'auditor' }, PASSWORD);
  // Only auditors, and only for this test: the other specs' demo accounts stay password-only.
  // A setting that guards access: one admin proposes, a second approves.
  const admin2 = await apiAs('admin2');
  const setRoles = async (value: string) => {
    expect((await admin.put('/settings/mfaRequiredRoles', { value })).status).toBe(202);
    expect((await admin2.post('/settings/mfaRequiredRoles/actions/approve', {})).status).toBe(200);
  };
  await setRoles('auditor');
  try {
    const login = new LoginPage(page);
    await login.open();
    await login.signIn(email, PASSWORD);
    await expect(page).toHaveURL(/#\/two-step-sign-in/, { timeout: 20_000 });
    await expect(page.getByTestId('mfa-required')).toBeVisible();

    // Any other page sends it back here.
    await page.goto('/#/closure-requests');
    await expect(page).toHaveURL(/#\/two-step-sign-in/, { timeout: 20_000 });

    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    const secret = (await page.getByTestId('totp-secret').innerText()).trim();
    await page.getByTestId('totp-code').fill(totp(secret));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByTestId('recovery-codes').locator('li')).toHaveCount(10);
    await page.getByRole('button', { name: 'Done' }).click();
    await expect(page.locator('.dashboard')).toBeVisible({ timeout: 20_000 });
    await page.goto('/#/closure-requests');
    await expect(page).toHaveURL(/#\/closure-requests/);
    await expect(page.getByTestId('mfa-required')).toHaveCount(0);
  } finally {
    await setRoles('');
  }
});
