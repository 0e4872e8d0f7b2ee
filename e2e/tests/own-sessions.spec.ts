import { expect, test } from '../support/fixtures';
import { LoginPage } from '../pages/login-page';
import { SessionsDialog } from '../pages/sessions-dialog';
import { ConsolePage } from '../pages/console-page';

test('a person signed in on two browsers ends the other session from the user menu', async ({ browser }) => {
  test.setTimeout(180_000); // two browsers signing in on a shared, busy machine
  const laptop = await browser.newContext();
  const phone = await browser.newContext({ userAgent: 'Phone-Browser/2.0 (e2e)' });
  try {
    const laptopPage = await laptop.newPage();
    const phonePage = await phone.newPage();
    await new LoginPage(laptopPage).signInAs('auditor');
    await new LoginPage(phonePage).signInAs('auditor');

    // a page behind another gets no animation frames, and the menu's transition waits for them
    await laptopPage.bringToFront();
    const sessions = new SessionsDialog(laptopPage);
    await sessions.open();
    await expect(sessions.dialog.locator('[data-current="true"]')).toContainText('This session');
    await expect(sessions.otherRows.filter({ hasText: 'Phone-Browser/2.0 (e2e)' })).toHaveCount(1);

    await sessions.signOutEverywhereElse();
    await new ConsolePage(laptopPage).expectNotification(/Signed out of \d+ other sessions?/);
    await expect(sessions.otherRows).toHaveCount(0);
    await expect(sessions.rows).toHaveCount(1);
    await sessions.close();

    // the other browser is signed out at its next request; this one carries on
    await phonePage.bringToFront();
    await phonePage.reload();
    await expect(phonePage).toHaveURL(/#\/login/, { timeout: 20_000 });
    await laptopPage.bringToFront();
    await laptopPage.reload();
    await expect(laptopPage.locator('.dashboard')).toBeVisible({ timeout: 20_000 });
  } finally {
    await laptop.close();
    await phone.close();
  }
});
