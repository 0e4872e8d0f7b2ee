import { expect, test } from '../support/fixtures';
import { ClosureRequestListPage } from '../pages/closure-request-list-page';
import { LoginPage } from '../pages/login-page';
import { freeCustomer, logPhoneRequest } from '../support/data';

test('a supervisor assigns several requests at once, sees each person’s open work, and is told to whom they went and which could not be assigned', async ({ page, apiAs }) => {
  const supervisorApi = await apiAs('supervisor');
  // A request of its own (a customer with unpaid bills, which no other test looks for), and a completed one.
  const customer = await freeCustomer(supervisorApi, { outstandingAmount_gte: 1 });
  const fresh = await logPhoneRequest(supervisorApi, customer.id);
  const [completed] = await supervisorApi.list('closure-requests', { status: 'completed' }, ['id', 'ASC'], [0, 0]);
  const [tom] = (await supervisorApi.get('/staff-directory')).filter((s: { fullName: string }) => s.fullName === 'Tom Baker');

  await new LoginPage(page).signInAs('supervisor');
  const list = new ClosureRequestListPage(page);
  await list.openWithFilter({ id: [fresh.id, completed!.id] });
  await expect(list.rows).toHaveCount(2);
  await list.selectAll();
  // The picker shows each person's open requests, as the directory counts them now.
  await page.locator('.bulk-assign').click();
  await page.getByRole('dialog').getByRole('combobox').click();
  await expect(page.getByRole('option', { name: /^Tom Baker/ })).toContainText(`${tom.open} open, ${tom.overdue} overdue`);
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await list.bulkAssign('Tom Baker');

  const failures = page.locator('.bulk-assign-failures');
  await expect(failures).toContainText(completed!.reference);
  await expect(failures).not.toContainText(fresh.reference);
  await list.expectNotification('1 assigned to Tom Baker, 1 not assigned');

  const assigned = await supervisorApi.get(`/closure-requests/${fresh.id}`);
  expect(assigned.assigneeId).toBe(tom.id);
  expect(assigned.status).toBe('in_review');
  expect((await supervisorApi.get(`/closure-requests/${completed!.id}`)).assigneeId).toBe(completed!.assigneeId);
});

test('bulk assign names the person the requests went to', async ({ page, apiAs }) => {
  const supervisorApi = await apiAs('supervisor');
  const customer = await freeCustomer(supervisorApi, { outstandingAmount_gte: 1 });
  const fresh = await logPhoneRequest(supervisorApi, customer.id);
  await new LoginPage(page).signInAs('supervisor');
  const list = new ClosureRequestListPage(page);
  await list.openWithFilter({ id: [fresh.id] });
  await expect(list.rows).toHaveCount(1);
  await list.selectAll();
  await list.bulkAssign('Tom Baker');
  await list.expectNotification('1 request assigned to Tom Baker');
});
