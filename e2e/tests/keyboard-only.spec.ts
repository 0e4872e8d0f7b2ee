import { expect, test } from '../support/fixtures';
import type { Locator, Page } from '@playwright/test';
import { ClosureRequestPage } from '../pages/closure-request-page';
import { PASSWORD, STAFF } from '../support/accounts';
import { freeCustomer, logPhoneRequest } from '../support/data';

// Issue 19: every action reachable and operable by keyboard alone. No click, no hover: Tab,
// Shift+Tab, arrows, Space, Enter, Escape and typing. The address bar (page.goto) stands for
// following a link from the queue. After each dialog the focus is back where it was.

/** Presses Tab until `target` has the focus (at most `max` times); fails if it never does. */
async function tabTo(page: Page, target: Locator, max = 60) {
  for (let i = 0; i < max; i += 1) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target, `reachable with Tab within ${max} presses`).toBeFocused();
}

/**
 * Enter on the focused `opener` opens its dialog and Escape closes it without acting: the focus is
 * back on the opener, so Enter opens the same dialog again.
 */
async function openAndDismiss(page: Page, dialog: Locator, opener: Locator, what: string) {
  await expect(opener).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener, `${what}: after Escape the focus is back on the button that opened the dialog`).toBeFocused();
}

test('an agent claims, approves and completes a request with the keyboard only', async ({ page, apiAs }) => {
  test.setTimeout(300_000); // a whole claim, approve and complete by keyboard, with every dialog
  const api = await apiAs('agent');
  const customer = await freeCustomer(api, { cashBalance_lte: 0, outstandingAmount_lte: 0 });
  const request = await logPhoneRequest(api, customer.id, true);

  // Sign in: the e-mail field has the focus on arrival, or is the first stop.
  await page.goto('/#/login');
  const email = page.locator('input[name="username"]');
  await tabTo(page, email);
  await page.keyboard.type(STAFF.agent);
  await page.keyboard.press('Tab');
  await expect(page.locator('input[name="password"]')).toBeFocused();
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.locator('.dashboard')).toBeVisible({ timeout: 20_000 });

  const closure = new ClosureRequestPage(page);
  await closure.open(request.id);
  await closure.expectStatus('Submitted');

  // Claim: Tab to the button, Enter opens the dialog (Escape closes it, the focus back on the button),
  // Tab to confirm, Enter. The claim button goes with the claim: the focus moves to the next step's.
  const claim = closure.actionButton('claim');
  await tabTo(page, claim);
  await openAndDismiss(page, closure.dialog, claim, 'claim');
  await page.keyboard.press('Enter');
  await expect(closure.dialog).toBeVisible();
  await tabTo(page, closure.dialog.locator('.confirm-action'));
  await page.keyboard.press('Enter');
  await expect(closure.dialog).toBeHidden({ timeout: 15_000 });
  await closure.expectStatus('In review');
  const approve = closure.actionButton('approve');
  await expect(approve, 'after the claim the focus is on the next step, not lost to the page').toBeFocused();

  // Approve with "No balance" (the customer has none): the radio group by its arrows, the note typed.
  await openAndDismiss(page, closure.dialog, approve, 'approve');
  await page.keyboard.press('Enter');
  await expect(closure.dialog).toBeVisible();
  const noBalance = closure.dialog.getByRole('radio', { name: 'No balance' });
  await tabTo(page, closure.dialog.getByRole('radio').first());
  for (let i = 0; i < 4 && !(await noBalance.isChecked()); i += 1) await page.keyboard.press('ArrowDown');
  if (!(await noBalance.isChecked())) await page.keyboard.press('Space');
  await expect(noBalance).toBeChecked();
  const note = closure.dialog.locator('textarea[name="note"]');
  if (await note.count()) {
    await tabTo(page, note);
    await page.keyboard.type('keyboard only: nothing to refund');
  }
  await tabTo(page, closure.dialog.locator('.confirm-action'));
  await page.keyboard.press('Enter');
  await expect(closure.dialog).toBeHidden({ timeout: 15_000 });
  await closure.expectStatus('Approved');
  const complete = closure.actionButton('complete');
  await expect(complete, 'after the approval the focus is on the next step').toBeFocused();

  // Escape closes a dialog without acting, and the focus returns to the button that opened it.
  await openAndDismiss(page, closure.dialog, complete, 'complete');

  // Complete: accepted (completing may go on through a closing state: only "no longer approved" is asserted).
  await page.keyboard.press('Enter');
  await expect(closure.dialog).toBeVisible();
  await tabTo(page, closure.dialog.locator('.confirm-action'));
  await page.keyboard.press('Enter');
  await expect(closure.dialog).toBeHidden({ timeout: 15_000 });
  await expect.poll(async () => (await api.get(`/closure-requests/${request.id}`)).status, { timeout: 15_000 }).not.toBe('approved');
});
