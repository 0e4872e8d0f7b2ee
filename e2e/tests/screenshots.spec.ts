import { expect, test } from '../support/fixtures';
import { AuditEventListPage } from '../pages/audit-event-list-page';
import { ClosureRequestListPage } from '../pages/closure-request-list-page';
import { ClosureRequestPage } from '../pages/closure-request-page';
import { CustomerPage } from '../pages/customer-page';
import { DashboardPage } from '../pages/dashboard-page';
import { LoginPage } from '../pages/login-page';
import { RefundListPage } from '../pages/refund-list-page';
import type { StaffName } from '../support/accounts';
import { saveScreenshot } from '../support/screenshots';

/** The main pages as each role sees them, saved under e2e/artifacts/screenshots/. Read-only. */

for (const role of ['agent', 'supervisor', 'auditor', 'admin'] as StaffName[]) {
  test(`the ${role} dashboard`, async ({ page }) => {
    await new LoginPage(page).signInAs(role);
    const dashboard = new DashboardPage(page);
    await dashboard.waitForCharts();
    if (role === 'agent') await expect(dashboard.stat('assigned')).toBeVisible();
    if (role === 'supervisor') await expect(page.locator('.workload-row').first()).toBeVisible();
    if (role === 'auditor') await expect(dashboard.chainStatus).toBeVisible({ timeout: 30_000 });
    if (role === 'admin') await expect(dashboard.stat('staff-agent')).toBeVisible();
    await saveScreenshot(page, `dashboard-${role}`, true);
  });
}

test('the closure request list and a request page (supervisor)', async ({ page, apiAs }) => {
  const api = await apiAs('supervisor');
  const [request] = await api.list('closure-requests', { status: 'in_review', overdue: true }, ['id', 'ASC'], [0, 0]);
  await new LoginPage(page).signInAs('supervisor');
  const list = new ClosureRequestListPage(page);
  await list.open();
  await saveScreenshot(page, 'closure-requests-list');

  const closure = new ClosureRequestPage(page);
  await closure.open(request!.id);
  await expect(page.locator('.checklist .check').first()).toBeVisible();
  await saveScreenshot(page, 'closure-request-page', true);
  await closure.tab('Timeline').click();
  await expect(page.locator('.timeline-entry').first()).toBeVisible();
  await page.locator('.timeline').scrollIntoViewIfNeeded();
  await saveScreenshot(page, 'closure-request-timeline');
});

test('a request page in the dark theme (agent)', async ({ page, apiAs }) => {
  const api = await apiAs('agent');
  const me = api.user.id;
  const [request] = await api.list('closure-requests', { status: 'in_review', assigneeId: me }, ['id', 'ASC'], [0, 0]);
  await new LoginPage(page).signInAs('agent');
  const closure = new ClosureRequestPage(page);
  await closure.open(request!.id);
  await closure.toggleTheme();
  await expect(closure.actionButtons.first()).toBeVisible();
  await saveScreenshot(page, 'closure-request-page-dark', true);
});

test('customers, with Reveal for a supervisor', async ({ page, apiAs }) => {
  const api = await apiAs('supervisor');
  const [customer] = await api.list('customers', { status: 'active' }, ['id', 'ASC'], [0, 0]);
  await new LoginPage(page).signInAs('supervisor');
  const customers = new CustomerPage(page);
  await customers.openList();
  await saveScreenshot(page, 'customers');
  await customers.open(customer!.id);
  await expect(customers.revealButton('phone')).toBeVisible();
  await saveScreenshot(page, 'customer-page', true);
});

test('refunds as the approval queue (supervisor)', async ({ page }) => {
  await new LoginPage(page).signInAs('supervisor');
  await new RefundListPage(page).open();
  await saveScreenshot(page, 'refunds');
});

test('audit events (auditor)', async ({ page }) => {
  await new LoginPage(page).signInAs('auditor');
  await new AuditEventListPage(page).open();
  await saveScreenshot(page, 'audit-events');
});

test('the closure request list at 390 px (agent)', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await new LoginPage(page).signInAs('agent');
  const list = new ClosureRequestListPage(page);
  await list.open();
  await expect(list.sidebar).toBeHidden();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  await saveScreenshot(page, 'closure-requests-list-390');
});
