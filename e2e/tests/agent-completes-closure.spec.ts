import { expect, test } from '../support/fixtures';
import { ClosureRequestListPage } from '../pages/closure-request-list-page';
import { ClosureRequestPage } from '../pages/closure-request-page';
import { LoginPage } from '../pages/login-page';
import { smallRefundRequest } from '../support/data';

test('an agent takes a request from the queue and completes it with a refund of the whole cash balance', async ({ page, apiAs }) => {
  test.setTimeout(120_000); // a whole journey of seven steps: more than one page's worth on a loaded machine
  const agentApi = await apiAs('agent');
  const request = await smallRefundRequest(agentApi);
  const customer = await agentApi.get(`/customers/${request.customerId}`);
  expect(customer.cashBalance).toBeGreaterThan(0);

  await new LoginPage(page).signInAs('agent');
  const list = new ClosureRequestListPage(page);
  await list.open();
  await list.openRequest(request.reference);

  const closure = new ClosureRequestPage(page);
  await closure.expectStatus('Submitted');
  await closure.claim();
  await closure.expectStatus('In review');
  await expect(closure.actionButton('claim')).toHaveCount(0);

  if (!request.identityVerified) {
    await expect(closure.check('identity_verified')).toHaveAttribute('data-state', 'blocking');
    await closure.verifyIdentity('e2e: security questions answered on the call');
    await expect(closure.check('identity_verified')).toHaveAttribute('data-state', 'ok');
  }
  await expect(closure.check('balance_decided')).toHaveAttribute('data-state', 'blocking');

  await closure.approve('Refund', 'e2e: customer asked for the refund');
  await closure.expectStatus('Approved');
  await expect(closure.check('refunds_settled')).toHaveAttribute('data-state', 'blocking');

  // The dialog shows what can be refunded and refuses more, before anything is sent.
  await closure.openRecordRefund();
  const refundable = await closure.refundable();
  expect(refundable).toBe(customer.cashBalance);
  const tooMuch = ((refundable + 1) / 100).toFixed(2);
  await closure.fillRefund(tooMuch, `E2E-AGENT-${Date.now()}`);
  await closure.submitRefund();
  await expect(closure.dialog.getByText(/At most .* can be refunded/)).toBeVisible();

  await closure.fillRefund((refundable / 100).toFixed(2), `E2E-AGENT-${Date.now()}`);
  await closure.submitRefund();
  await expect(closure.dialog).toBeHidden({ timeout: 15_000 });
  await closure.expectNotification(/Refund of .* recorded/);
  await expect(closure.check('refunds_settled')).toHaveAttribute('data-state', 'ok');

  await closure.complete();
  await closure.expectStatus('Completed');
  await expect(closure.actionButtons).toHaveCount(0);

  const after = await agentApi.get(`/closure-requests/${request.id}`);
  expect(after.status).toBe('completed');
  const closed = await agentApi.get(`/customers/${request.customerId}`);
  expect(closed.status).toBe('closed');
  expect(closed.cashBalance).toBe(0);
  const refunds = await agentApi.list('refunds', { closureRequestId: request.id });
  expect(refunds.map((r) => [r.amount, r.status])).toEqual([[customer.cashBalance, 'recorded']]);
});
