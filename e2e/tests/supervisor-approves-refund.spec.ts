import { expect, test } from '../support/fixtures';
import { LoginPage } from '../pages/login-page';
import { RefundListPage } from '../pages/refund-list-page';
import { pendingLargeRefund } from '../support/data';

test('a supervisor approves a large refund made by an agent, and cannot approve their own', async ({ page, apiAs }) => {
  const agentApi = await apiAs('agent');
  const supervisorApi = await apiAs('supervisor');
  const byAgent = await pendingLargeRefund(agentApi, 'agent');
  const bySupervisor = await pendingLargeRefund(supervisorApi, 'supervisor');

  await new LoginPage(page).signInAs('supervisor');
  const refunds = new RefundListPage(page);
  await refunds.open();

  // The supervisor's queue opens on what waits for approval.
  const agentRow = refunds.row(byAgent.refund.payoutReference);
  await expect(agentRow).toBeVisible();
  await expect(agentRow).toContainText('Pending approval');

  // Their own refund has no Approve button: another supervisor must decide it.
  const ownRow = refunds.row(bySupervisor.refund.payoutReference);
  await expect(ownRow).toBeVisible();
  await expect(ownRow.locator('.approve-refund')).toHaveCount(0);
  await expect(ownRow.locator('.own-refund')).toHaveText('Recorded by you: another supervisor decides');

  await refunds.approve(byAgent.refund.payoutReference, 'e2e: checked the payout details');
  await refunds.expectNotification(/Refund of .* approved/);
  await expect(refunds.row(byAgent.refund.payoutReference)).toHaveCount(0);

  const approved = await supervisorApi.get(`/refunds/${byAgent.refund.id}`);
  expect(approved.status).toBe('recorded');
  expect(approved.approvedById).toBe(supervisorApi.user.id);
  expect((await supervisorApi.get(`/customers/${byAgent.customer.id}`)).cashBalance).toBe(0);

  // And the server refuses it too, whatever the page shows.
  const own = await supervisorApi.post(`/refunds/${bySupervisor.refund.id}/actions/approve`, {});
  expect(own.status).toBe(403);
  expect(own.body.code).toBe('same_person');
  expect((await supervisorApi.get(`/refunds/${bySupervisor.refund.id}`)).status).toBe('pending_approval');
});
