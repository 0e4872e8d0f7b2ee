import { expect, test } from '../support/fixtures';
import { LoginPage } from '../pages/login-page';
import { ConsolePage } from '../pages/console-page';
import { freeCustomer, logPhoneRequest } from '../support/data';
import type { StaffApi, Json } from '../support/api';

/** A new agent of this test's own (invited, so active) holding `count` open requests a supervisor gave them. */
async function agentWithWork(admin: StaffApi, supervisor: StaffApi, name: string, count: number): Promise<{ agent: Json; requests: Json[] }> {
  const agent = await admin.mustPost('/staff-users', { email: `${name.toLowerCase().replace(/\W+/g, '-')}-${Date.now()}@demo.test`, fullName: name, role: 'agent' });
  const requests: Json[] = [];
  for (let i = 0; i < count; i++) {
    const customer = await freeCustomer(supervisor, { outstandingAmount_gte: 1 });
    const request = await logPhoneRequest(supervisor, customer.id);
    requests.push(await supervisor.act(request, 'assign', { assigneeId: agent.id }));
  }
  return { agent, requests };
}

// Issue 18: nobody is disabled while still holding open requests; the admin says where the work goes.
test('an admin disables an agent who holds open requests, is asked where they go, and hands them to a colleague in the same save', async ({ page, apiAs }) => {
  const admin = await apiAs('admin');
  const supervisor = await apiAs('supervisor');
  const { agent, requests } = await agentWithWork(admin, supervisor, 'Leaving Agent', 2);
  const [tom] = (await admin.get('/staff-directory')).filter((s: { fullName: string }) => s.fullName === 'Tom Baker');

  await new LoginPage(page).signInAs('admin');
  await page.goto(`/#/staff-users/${agent.id}`);
  await page.getByRole('switch', { name: 'Active' }).or(page.getByRole('checkbox', { name: 'Active' })).uncheck();
  await page.getByRole('button', { name: 'Save' }).click();

  const dialog = page.getByRole('dialog', { name: 'Leaving Agent still holds 2 open requests' });
  await expect(dialog).toBeVisible();
  // Cancel changes nothing: the account stays active with its work.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect((await admin.get(`/staff-users/${agent.id}`)).active).toBe(true);

  await page.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('radio', { name: 'To a colleague' }).check();
  await expect(dialog.getByRole('button', { name: 'Save and hand over' })).toBeDisabled();
  await dialog.getByRole('combobox').click();
  // the person being disabled is not offered
  await expect(page.getByRole('option', { name: /^Leaving Agent/ })).toHaveCount(0);
  await page.getByRole('option', { name: /^Tom Baker/ }).click();
  await dialog.getByRole('button', { name: 'Save and hand over' }).click();

  await expect(page.locator('.MuiSnackbarContent-message').last()).toContainText('Leaving Agent: changes saved, 2 open requests handed over');
  await expect(page).toHaveURL(new RegExp(`#/staff-users/${agent.id}/show`));
  expect((await admin.get(`/staff-users/${agent.id}`)).active).toBe(false);
  for (const r of requests) {
    const now = await supervisor.get(`/closure-requests/${r.id}`);
    expect(now).toMatchObject({ assigneeId: tom.id, status: r.status, version: r.version + 1 });
  }
});

test('in Chinese, an admin moves an agent to auditor and sends their open request back to the queue', async ({ page, apiAs }) => {
  const admin = await apiAs('admin');
  const supervisor = await apiAs('supervisor');
  const { agent, requests } = await agentWithWork(admin, supervisor, 'Moving Agent', 1);

  await new LoginPage(page).signInAs('admin');
  await new ConsolePage(page).switchLanguage('简体中文');
  await page.goto(`/#/staff-users/${agent.id}`);
  await page.getByRole('combobox', { name: '角色' }).click();
  await page.getByRole('option', { name: '审计员' }).click();
  await page.getByRole('button', { name: '保存' }).click();

  const dialog = page.getByRole('dialog', { name: 'Moving Agent 仍有 1 个未结申请' });
  await expect(dialog).toBeVisible();
  // back to the queue is the default choice
  await expect(dialog.getByRole('radio', { name: '退回待办队列（任何客服均可领取）' })).toBeChecked();
  await dialog.getByRole('button', { name: '保存并移交' }).click();

  await expect(page.locator('.MuiSnackbarContent-message').last()).toContainText('已保存 Moving Agent 的修改，1 个未结申请已移交');
  expect((await admin.get(`/staff-users/${agent.id}`)).role).toBe('auditor');
  const [r] = requests;
  expect(await supervisor.get(`/closure-requests/${r!.id}`)).toMatchObject({ assigneeId: null, status: 'submitted' });
  const [released] = (await admin.list('audit-events', { entityType: 'closure_request', entityId: String(r!.id), action: 'closure.release' }));
  expect(released?.after).toMatchObject({ handedOverFrom: agent.id });
});
