import { expect, test } from '../support/fixtures';
import { ClosureRequestPage } from '../pages/closure-request-page';
import { LoginPage } from '../pages/login-page';
import { freeCustomer, logPhoneRequest } from '../support/data';

/** A 1×1 PNG: the server judges attachments by their bytes. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

test('when someone else changed the request meanwhile, the agent is told and sees it reloaded; failing checks are named', async ({ page, apiAs }) => {
  const agentApi = await apiAs('agent');
  // A customer with unpaid bills (no other test looks for one), on a phone request not verified yet.
  const customer = await freeCustomer(agentApi, { outstandingAmount_gte: 1 });
  let request = await logPhoneRequest(agentApi, customer.id, false);
  request = await agentApi.act(request, 'claim');

  await new LoginPage(page).signInAs('agent');
  const closure = new ClosureRequestPage(page);
  await closure.open(request.id);
  await expect(closure.check('identity_verified')).toHaveAttribute('data-state', 'blocking');

  // A colleague's change, made while the dialog is open: the page follows it live, but the dialog keeps
  // the version it was opened on, so its submit is refused as stale. (The supervisor re-assigns the request
  // to the same agent: a change that bumps the version and leaves verifying possible.)
  const supervisorApi = await apiAs('supervisor');
  await closure.openAction('verify-identity');
  await supervisorApi.act(request, 'assign', { assigneeId: agentApi.user.id });
  await closure.dialog.locator('textarea[name="note"]').fill('e2e: verified here');
  await closure.dialog.locator('.confirm-action').click();
  await expect(closure.dialog).toBeHidden();
  await closure.expectNotification('Someone else changed this request meanwhile');

  // Submitted again on the current version, it goes through.
  await closure.openAction('verify-identity');
  await closure.dialog.locator('textarea[name="note"]').fill('e2e: verified here');
  await closure.dialog.locator('.confirm-action').click();
  await expect(closure.dialog).toBeHidden();
  await expect(closure.check('identity_verified')).toHaveAttribute('data-state', 'ok');

  // Approving is not yet possible on the unpaid bills: the button says so and names the check.
  await expect(closure.check('no_outstanding_bills')).toHaveAttribute('data-state', 'blocking');
  const approve = closure.actionButton('approve');
  await expect(approve).toHaveAttribute('aria-disabled', 'true');
  await expect(approve).toHaveAttribute('aria-description', /No unpaid bills/);
});

test('an agent adds a note and uploads an ID proof, then views it', async ({ page, apiAs }) => {
  const agentApi = await apiAs('agent');
  const customer = await freeCustomer(agentApi, { outstandingAmount_gte: 1 });
  const request = await agentApi.act(await logPhoneRequest(agentApi, customer.id), 'claim');

  await new LoginPage(page).signInAs('agent');
  const closure = new ClosureRequestPage(page);
  await closure.open(request.id);

  await closure.tab('Notes').click();
  const text = `e2e: customer will send the ID proof by e-mail (${Date.now()})`;
  await page.locator('.notes textarea[name="note"]').fill(text);
  await page.locator('.add-note').click();
  await expect(page.locator('.note').first()).toContainText(text);
  await expect(page.locator('.note').first()).toContainText('Li Na');

  await closure.tab('Attachments').click();
  await page.locator('.attachments input[type="file"]').setInputFiles({ name: 'id-proof.png', mimeType: 'image/png', buffer: PNG });
  const row = page.locator('.attachment').filter({ hasText: 'id-proof.png' });
  await expect(row).toContainText('image/png');
  await row.locator('.view-attachment').click();
  await expect(page.locator('.attachment-viewer img')).toBeVisible();

  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await closure.tab('Timeline').click();
  await expect(page.locator('.timeline-entry[data-action="attachment.upload"]')).toContainText('id-proof.png');
  await expect(page.locator('.timeline-entry[data-action="closure.note"]')).toContainText(text);
});
