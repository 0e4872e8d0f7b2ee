import { expect, test } from '../support/fixtures';
import { ClosureRequestPage } from '../pages/closure-request-page';
import { LoginPage } from '../pages/login-page';
import { freeCustomer, logPhoneRequest } from '../support/data';

// Issue 16: completing tells the eSIM platform and the network (the server's own emulators here:
// the e2e server runs with no peer URL), and the request page follows the termination live.
test('an agent completes a closure and watches the request page go from closing to completed as the peers confirm', async ({ page, apiAs }) => {
  test.setTimeout(120_000);
  const agentApi = await apiAs('agent');
  const customer = await freeCustomer(agentApi, { outstandingAmount_lte: 0, cashBalance_lte: 0 });
  const profiles = await agentApi.list('esim-profiles', { customerId: customer.id });
  expect(profiles.length).toBeGreaterThan(0);
  let request = await agentApi.act(await logPhoneRequest(agentApi, customer.id), 'claim');
  request = await agentApi.act(request, 'approve', { balanceDecision: 'none', effectiveDate: new Date().toISOString().slice(0, 10) });

  await new LoginPage(page).signInAs('agent');
  const closure = new ClosureRequestPage(page);
  await closure.open(request.id);
  await closure.expectStatus('Approved');
  await expect(closure.termination).toHaveCount(0);

  await closure.complete();
  await closure.expectStatus('Closing');
  await closure.expectNotification(/is closing: waiting for the eSIM platform and the network/);
  // one network delete per profile (and a CancelOrder for one never downloaded), listed while they go
  await expect(closure.termination).toBeVisible();
  const network = closure.terminationCommands.and(page.locator('[data-peer="network"]'));
  await expect(network).toHaveCount(profiles.length);
  await expect(closure.check('termination_confirmed')).toBeVisible();
  await expect(closure.actionButtons).toHaveCount(0); // nothing for an agent while closing

  // no reload: the page goes on by itself once both peers have confirmed
  await closure.expectStatus('Completed', 30_000);
  await expect(closure.terminationCommands.and(page.locator('[data-status="confirmed"]'))).toHaveCount(await closure.terminationCommands.count());
  await expect(closure.check('termination_confirmed')).toHaveAttribute('data-state', 'ok');
  await closure.tab('Timeline').click();
  await expect(page.locator('.timeline-entry[data-action="closure.termination-confirmed"]')).toBeVisible();

  const after = await agentApi.get(`/closure-requests/${request.id}`);
  expect(after.status).toBe('completed');
  for (const p of await agentApi.list('esim-profiles', { customerId: customer.id })) expect(p.networkState).toBe('terminated');
});
