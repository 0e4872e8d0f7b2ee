import { expect, test } from '../support/fixtures';
import { LoginPage } from '../pages/login-page';
import { EnrolPage, StaffUserCreatePage } from '../pages/staff-user-pages';
import { enrolmentLinkFor } from '../support/outbox';

// Issue 11 item 2: an admin invites; only the new member ever knows their password.
test('an admin invites a supervisor, who enrols through the e-mailed link, signs in with the password they chose and changes it from the user menu', async ({ page, browser }) => {
  test.setTimeout(180_000); // three browser contexts and an e-mail delivery on a shared machine
  const email = `invited-${Date.now()}@demo.test`;
  const password = 'chosen-by-me-alone';

  await new LoginPage(page).signInAs('admin');
  const create = new StaffUserCreatePage(page);
  await create.open();
  await expect(create.invitationNote).toBeVisible();
  await expect(create.passwordInputs, 'the admin form has no password field').toHaveCount(0);
  await create.invite({ email, fullName: 'Invited Supervisor', roleLabel: 'Supervisor' });
  await create.expectNotification(`Invitation sent to ${email}`);
  await expect(page.getByText('Invited Supervisor').first()).toBeVisible();

  // the invitee, in their own browser, with the link from their e-mail (the file transport)
  const link = await enrolmentLinkFor(email);
  const theirs = await browser.newContext();
  const invitee = await theirs.newPage();
  const enrol = new EnrolPage(invitee);
  await enrol.open(link);
  await enrol.choosePassword(password);
  await expect(invitee.locator('.dashboard')).toBeVisible({ timeout: 20_000 });
  await expect(invitee.locator('header')).toContainText('Invited Supervisor');

  // the link works once
  const again = await theirs.newPage();
  const second = new EnrolPage(again);
  await second.open(link);
  await second.choosePassword('someone-else-words');
  await expect(second.error).toContainText('already been used or has expired');
  await theirs.close();

  // first sign-in through the login page, with the password only they know
  const fresh = await browser.newContext();
  const loginPage = await fresh.newPage();
  const login = new LoginPage(loginPage);
  await login.open();
  await login.signIn(email, password);
  await expect(loginPage.locator('.dashboard')).toBeVisible({ timeout: 20_000 });
  await expect(loginPage.locator('header')).toContainText('Invited Supervisor');

  // and changes it from the user menu: the current one is asked for, the new one works from then on
  await loginPage.getByRole('button', { name: 'Profile' }).click();
  await loginPage.getByRole('menuitem', { name: 'Change password' }).click();
  await loginPage.locator('input[name="currentPassword"]').fill(password);
  await loginPage.locator('input[name="newPassword"]').fill('changed-by-me-later');
  await loginPage.locator('input[name="repeatPassword"]').fill('changed-by-me-later');
  await loginPage.getByRole('button', { name: 'Change password' }).click();
  await expect(loginPage.locator('.MuiSnackbarContent-message').last()).toContainText('Password changed');
  await fresh.close();
  const check = await (await browser.newContext()).newPage();
  const relogin = new LoginPage(check);
  await relogin.open();
  await relogin.signIn(email, 'changed-by-me-later');
  await expect(check.locator('.dashboard')).toBeVisible({ timeout: 20_000 });
});
