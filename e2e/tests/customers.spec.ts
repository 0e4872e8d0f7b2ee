import { expect, test } from '../support/fixtures';
import { CustomerPage } from '../pages/customer-page';
import { LoginPage } from '../pages/login-page';

test('a supervisor reveals a masked phone number once, giving a reason that goes on record', async ({ page, apiAs }) => {
  const supervisorApi = await apiAs('supervisor');
  const [customer] = await supervisorApi.list('customers', { status: 'active' }, ['id', 'DESC'], [0, 0]);
  expect(customer!.phone).toContain('****');

  await new LoginPage(page).signInAs('supervisor');
  const customers = new CustomerPage(page);
  await customers.open(customer!.id);
  const reason = `e2e: customer called back ${Date.now()}`;
  const value = await customers.reveal('phone', reason);
  expect(value).toMatch(/^\+?[\d\s-]{7,}$/);
  expect(value).not.toContain('*');

  // Closing the dialog forgets the value: the page still shows it masked.
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await expect(page.getByText(value)).toHaveCount(0);
  await expect(page.getByText(customer!.phone)).toBeVisible();

  const [event] = await supervisorApi.list('audit-events', { action: 'customer.reveal', entityId: String(customer!.id) }, ['id', 'DESC'], [0, 0]);
  expect(event).toMatchObject({ reason, actorEmail: 'supervisor@demo.test', after: { field: 'phone' } });
});

test('an agent sees personal data masked, with no Reveal', async ({ page, apiAs }) => {
  const agentApi = await apiAs('agent');
  const [customer] = await agentApi.list('customers', { status: 'active' }, ['id', 'DESC'], [0, 0]);
  await new LoginPage(page).signInAs('agent');
  const customers = new CustomerPage(page);
  await customers.open(customer!.id);
  await expect(page.getByText(customer!.phone)).toBeVisible();
  await expect(page.locator('.reveal')).toHaveCount(0);
});
