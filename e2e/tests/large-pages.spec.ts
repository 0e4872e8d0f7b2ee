import { expect, test } from '../support/fixtures';
import { AuditEventListPage } from '../pages/audit-event-list-page';
import { LoginPage } from '../pages/login-page';

// 500 rows a page (the most the API gives): the list renders them all and stays usable. The time
// it takes is printed as a figure, not asserted (a timed test fails on a busy machine, not on slow code).
test('an auditor shows 500 audit events on one page, scrolls to the last and opens it', async ({ page, apiAs }) => {
  const auditor = await apiAs('auditor');
  expect(await auditor.list('audit-events', {}, ['id', 'DESC'], [0, 499])).toHaveLength(500); // there are 500 to show

  await new LoginPage(page).signInAs('auditor');
  const list = new AuditEventListPage(page);
  await list.open();
  const rows = page.locator('tbody .RaDataTable-row');
  await expect(rows).toHaveCount(50);

  await page.getByRole('combobox', { name: /rows per page/i }).click();
  const started = Date.now();
  await page.getByRole('option', { name: '500', exact: true }).click();
  await expect(rows).toHaveCount(500, { timeout: 20_000 });
  const renderedMs = Date.now() - started;

  const last = rows.nth(499);
  await last.scrollIntoViewIfNeeded();
  const lastId = (await last.locator('td').first().innerText()).trim();
  expect(lastId).toMatch(/^\d+$/);
  // a long task blocks the page: the time of a frame right after the 500 rows are there
  const frameMs = await page.evaluate(() => new Promise<number>((resolve) => {
    const t = performance.now();
    requestAnimationFrame(() => resolve(performance.now() - t));
  }));
  console.log(`[figures] 500-row page: shownAfterMs=${renderedMs}, nextFrameMs=${frameMs.toFixed(1)}`);
  await last.click();
  await expect(page).toHaveURL(new RegExp(`/audit-events/${lastId}/show$`));
});
