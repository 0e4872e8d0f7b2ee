import { expect, test } from '../support/fixtures';
import { ClosureRequestPage } from '../pages/closure-request-page';
import { LoginPage } from '../pages/login-page';
import { RefundListPage } from '../pages/refund-list-page';

test('an auditor sees every request but no action button anywhere', async ({ page, apiAs }) => {
  const auditorApi = await apiAs('auditor');
  const statuses = ['submitted', 'in_review', 'approved'];
  const requests = await Promise.all(statuses.map(async (status) => (await auditorApi.list('closure-requests', { status }, ['id', 'ASC'], [0, 0]))[0]!));

  await new LoginPage(page).signInAs('auditor');
  const closure = new ClosureRequestPage(page);
  for (const request of requests) {
    await closure.open(request.id);
    await expect(page.locator('.checklist .check').first()).toBeVisible();
    await expect(closure.actionButtons).toHaveCount(0);
    await expect(page.locator('.record-refund, .waive-bill, .approve-refund')).toHaveCount(0);
  }
  await closure.tab('Notes').click();
  await expect(page.locator('.notes')).toBeVisible();
  await expect(page.locator('.add-note, textarea[name="note"]')).toHaveCount(0);
  await closure.tab('Attachments').click();
  await expect(page.locator('.attachments')).toBeVisible();
  await expect(page.locator('.upload-attachment')).toHaveCount(0);

  const refunds = new RefundListPage(page);
  await refunds.open();
  await expect(page.locator('.approve-refund, .reject-refund, .own-refund')).toHaveCount(0);

  await page.goto('/#/notifications');
  await expect(page.locator('tbody .RaDataTable-row').first()).toBeVisible();
  await expect(page.locator('.retry-notification')).toHaveCount(0);

  await page.goto('/#/closure-requests');
  await expect(page.locator('tbody .RaDataTable-row').first()).toBeVisible();
  await expect(page.locator('tbody .RaDataTable-row input[type="checkbox"]')).toHaveCount(0);
});
