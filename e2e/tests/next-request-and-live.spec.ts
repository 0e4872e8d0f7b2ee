import { expect, test } from '../support/fixtures';
import { ClosureRequestPage } from '../pages/closure-request-page';
import { DashboardPage } from '../pages/dashboard-page';
import { LoginPage } from '../pages/login-page';
import { freeCustomer, logPhoneRequest } from '../support/data';

test('an agent presses Next request twice and works two different requests', async ({ page, apiAs }) => {
  test.setTimeout(120_000); // two requests worked end to end: more than one page's worth on a loaded machine
  const agentApi = await apiAs('agent');
  // Two requests at least in the queue, whatever other specs took.
  for (let i = 0; i < 2; i++) await logPhoneRequest(agentApi, (await freeCustomer(agentApi, { outstandingAmount_gte: 0 })).id);
  const me = (await agentApi.get('/auth/me')).user;

  await new LoginPage(page).signInAs('agent');
  const dashboard = new DashboardPage(page);
  const request = new ClosureRequestPage(page);
  const taken: number[] = [];
  for (let i = 0; i < 2; i++) {
    await dashboard.open();
    const id = await dashboard.nextRequest();
    await request.expectStatus('In review');
    // Working it: the request is the agent's, so the agent's own actions are offered (asking the customer).
    await expect(request.actionButton('request-info')).toBeVisible();
    await request.openAction('request-info');
    await request.dialog.locator('textarea[name="message"]').fill(`e2e: please confirm the device (${i + 1})`);
    await request.confirmDialog();
    await request.expectStatus('Awaiting customer');
    taken.push(id);
  }
  expect(new Set(taken).size).toBe(2);
  for (const id of taken) {
    const r = await agentApi.get(`/closure-requests/${id}`);
    expect(r).toMatchObject({ assigneeId: me.id, status: 'awaiting_customer' });
  }
});

test('two people on one request: one approves, the other\'s page follows without a reload and shows who is viewing', async ({ browser, apiAs }) => {
  test.setTimeout(150_000); // two browsers signed in side by side
  const supervisorApi = await apiAs('supervisor');
  const customer = await freeCustomer(supervisorApi, { outstandingAmount_lte: 0 });
  const created = await logPhoneRequest(supervisorApi, customer.id);
  await supervisorApi.mustPost(`/closure-requests/${created.id}/actions/claim`, { version: created.version });

  const supervisorContext = await browser.newContext();
  const agentContext = await browser.newContext();
  try {
    const supervisorPage = await supervisorContext.newPage();
    const agentPage = await agentContext.newPage();
    await new LoginPage(supervisorPage).signInAs('supervisor');
    await new LoginPage(agentPage).signInAs('agent3');
    const deciding = new ClosureRequestPage(supervisorPage);
    const watching = new ClosureRequestPage(agentPage);
    await deciding.open(created.id);
    await watching.open(created.id);
    await watching.expectStatus('In review');

    await expect(deciding.presence).toContainText('Chen Jie 陈杰', { timeout: 15_000 });
    await expect(watching.presence).toContainText('Wang Fang 王芳', { timeout: 15_000 });

    let reloads = 0;
    agentPage.on('framenavigated', (frame) => {
      if (frame === agentPage.mainFrame()) reloads++;
    });
    await deciding.approve(customer.cashBalance > 0 ? 'Forfeit' : 'No balance', 'e2e: approved while a colleague watches');
    await deciding.expectStatus('Approved');
    await watching.expectStatus('Approved');
    expect(reloads).toBe(0);
  } finally {
    await supervisorContext.close();
    await agentContext.close();
  }
});
