import { expect, test } from '../support/fixtures';
import { LoginPage } from '../pages/login-page';

// Issue 19: a signed-out visit to the login page used to log "401 Unauthorized" for /api/auth/me on
// every visit. The console now asks GET /api/auth/session, which answers 200 {signedIn: false}.
test('a signed-out visit to the login page logs nothing in the console and makes no failing request', async ({ page }) => {
  const logged: string[] = [];
  const failed: string[] = [];
  page.on('console', (m) => logged.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => logged.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });

  for (const path of ['/', '/#/login', '/#/closure-requests']) {
    await page.goto(path);
    await expect(page.locator('input[name="username"]')).toBeVisible();
    await expect(page).toHaveURL(/#\/login/);
  }
  await new LoginPage(page).open();
  await page.reload();
  await expect(page.locator('input[name="username"]')).toBeVisible();
  await page.waitForLoadState('networkidle');

  expect(logged).toEqual([]);
  expect(failed).toEqual([]);
});
