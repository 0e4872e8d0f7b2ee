import { expect, test } from '../support/fixtures';
import { LoginPage } from '../pages/login-page';
import type { StaffApi } from '../support/api';

// Issue 18: Waive is on the bill's own page as well as in the tables, and a waived bill says why.

/** The newest open bill: freeCustomer() takes customers from the lowest id up, so no other test waits on it. */
async function openBill(api: StaffApi) {
  const [bill] = await api.list('bills', { status: 'open' }, ['id', 'DESC'], [0, 0]);
  expect(bill, 'the demo data has an open bill').toBeTruthy();
  return bill!;
}

test("an agent sees a bill's own page with what is outstanding, and no Waive", async ({ page, apiAs }) => {
  const bill = await openBill(await apiAs('agent'));
  await new LoginPage(page).signInAs('agent');
  await page.goto(`/#/bills/${bill.id}/show`);
  await expect(page.getByText(String(bill.billNo)).first()).toBeVisible();
  await expect(page.getByText('Outstanding')).toBeVisible();
  await expect(page.locator('.waive-bill')).toHaveCount(0);
});

test('a supervisor waives a bill from its own page and the page then shows it waived, with the reason and nothing outstanding', async ({ page, apiAs }) => {
  const supervisor = await apiAs('supervisor');
  const bill = await openBill(supervisor);
  await new LoginPage(page).signInAs('supervisor');
  await page.goto(`/#/bills/${bill.id}/show`);
  await page.getByRole('button', { name: 'Waive' }).click();
  const dialog = page.getByRole('dialog', { name: `Waive bill ${bill.billNo}` });
  await dialog.locator('textarea[name="reason"], input[name="reason"]').first().fill('e2e: billing error confirmed by finance');
  await dialog.getByRole('button', { name: 'Waive' }).click();
  await expect(page.locator('.MuiSnackbarContent-message').last()).toContainText(`Bill ${bill.billNo} waived`);

  await expect(page.locator('.ra-field-waivedReason')).toContainText('Reason waived');
  await expect(page.locator('.MuiTypography-root.bill-waived-reason')).toHaveText('e2e: billing error confirmed by finance');
  await expect(page.locator('.waive-bill')).toHaveCount(0);
  const after = await supervisor.get(`/bills/${bill.id}`);
  expect(after).toMatchObject({ status: 'waived', outstanding: 0, waivedReason: 'e2e: billing error confirmed by finance' });
});
