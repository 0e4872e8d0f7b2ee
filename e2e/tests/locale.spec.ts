import { expect, test } from '../support/fixtures';
import { ClosureRequestListPage } from '../pages/closure-request-list-page';
import { LoginPage } from '../pages/login-page';
import { saveScreenshot } from '../support/screenshots';

test('the language switch turns the console Chinese, and back', async ({ page }) => {
  await new LoginPage(page).signInAs('agent');
  const list = new ClosureRequestListPage(page);
  await list.open();
  await expect(list.title).toHaveText('Closure requests');

  await list.switchLanguage('简体中文');
  await expect(list.title).toHaveText('注销申请');
  await expect(page.getByRole('columnheader', { name: '受理编号' })).toBeVisible();
  await expect(list.sidebar.getByText('分配给我的')).toBeVisible();
  await expect(page.getByRole('menuitem', { name: '客户', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await saveScreenshot(page, 'closure-requests-list-zh-CN');

  // The choice survives a reload (it is the desk's preference).
  await page.reload();
  await expect(list.title).toHaveText('注销申请');
  await list.switchLanguage('English');
  await expect(list.title).toHaveText('Closure requests');
});
