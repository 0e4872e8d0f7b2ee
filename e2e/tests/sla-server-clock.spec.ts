import { expect, test } from '../support/fixtures';
import { ClosureRequestListPage } from '../pages/closure-request-list-page';
import { LoginPage } from '../pages/login-page';
import { freeCustomer, logPhoneRequest } from '../support/data';

const DAY = 86_400_000;

// The server decides what is overdue (shared isOverdue on its own clock); the countdown on a page
// left open must follow it, not a browser clock that is days off.
test('when the browser’s clock runs ten days ahead, a request the server says is on time still shows time left, not late', async ({ page, apiAs }) => {
  const supervisorApi = await apiAs('supervisor');
  const customer = await freeCustomer(supervisorApi, { outstandingAmount_gte: 1 });
  const fresh = await logPhoneRequest(supervisorApi, customer.id);
  expect(fresh.overdue).toBe(false);
  expect(Date.parse(fresh.dueAt)).toBeLessThan(Date.now() + 10 * DAY); // late by the browser's clock

  await page.clock.install({ time: Date.now() + 10 * DAY });
  await new LoginPage(page).signInAs('supervisor');
  const list = new ClosureRequestListPage(page);
  await list.openWithFilter({ id: [fresh.id] });
  await expect(list.rows).toHaveCount(1);
  const sla = list.rows.first().locator('.sla');
  await expect(sla).toHaveAttribute('data-overdue', 'false');
  await expect(sla).not.toHaveClass(/sla-late/);
});
