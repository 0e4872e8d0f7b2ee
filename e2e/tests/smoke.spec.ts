import { expect, test } from '../support/fixtures';
import { ClosureRequestListPage } from '../pages/closure-request-list-page';
import { LoginPage } from '../pages/login-page';
import { PASSWORD, STAFF } from '../support/accounts';

test('an agent signs in through the login page and sees the closure request list', async ({ page }) => {
  const login = new LoginPage(page);
  await login.open();
  await login.signIn(STAFF.agent, PASSWORD);
  await expect(page.locator('.dashboard')).toBeVisible();

  const list = new ClosureRequestListPage(page);
  await list.open();
  await expect(list.title).toHaveText('Closure requests');
  await expect(list.rows.first()).toContainText(/CR-\d{4}-\d{6}/);
  await expect(list.sidebar).toBeVisible();
});

test('a wrong password keeps the login page with an error', async ({ page }) => {
  const login = new LoginPage(page);
  await login.open();
  await login.signIn(STAFF.agent, `${PASSWORD}-wrong`);
  await expect(page.locator('.MuiSnackbarContent-message')).toBeVisible();
  await expect(page).toHaveURL(/#\/login/);
});
