import { expect, test } from '../support/fixtures';
import { ConsolePage } from '../pages/console-page';
import { LoginPage } from '../pages/login-page';

// Issue 11 item 2: a setting that guards access changes only when a second admin approves it.
test('an admin proposes a new idle sign-out; it waits, they cannot approve it, and a second admin approves it from the list', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await new LoginPage(page).signInAs('admin');
  await page.goto('/#/settings/sessionIdleMinutes');
  await expect(page.locator('.four-eyes-note')).toBeVisible();
  const input = page.locator('input[name="value"]');
  const current = Number(await input.inputValue());
  const proposed = current >= 700 ? 60 : current + 1;
  await input.fill(String(proposed));
  await page.getByRole('button', { name: 'Save' }).click();
  const console1 = new ConsolePage(page);
  await console1.expectNotification('Change proposed');

  const row = page.locator('tr', { hasText: 'Idle sign-out' });
  await expect(row.locator('.pending-setting-change')).toContainText(`${proposed} minutes, proposed by Me`);
  await expect(row.locator('.approve-setting')).toBeDisabled();

  const other = await browser.newContext();
  const page2 = await other.newPage();
  await new LoginPage(page2).signInAs('admin2');
  await page2.goto('/#/settings');
  const row2 = page2.locator('tr', { hasText: 'Idle sign-out' });
  await expect(row2.locator('.pending-setting-change')).toContainText(`${proposed} minutes, proposed by Zhang Wei`);
  await row2.locator('.approve-setting').click();
  await new ConsolePage(page2).expectNotification('approved and applied');
  await expect(row2.locator('.pending-setting-change')).toHaveCount(0);
  await expect(row2).toContainText(`${proposed} minutes`);
  await other.close();
});
