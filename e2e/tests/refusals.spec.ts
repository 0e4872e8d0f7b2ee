import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { ClosureRequestPage } from '../pages/closure-request-page';
import { ConsolePage } from '../pages/console-page';
import { LoginPage } from '../pages/login-page';
import type { Json, StaffApi } from '../support/api';
import { freeCustomer, logPhoneRequest } from '../support/data';
import { saveScreenshot } from '../support/screenshots';

/**
 * Issue 18, "Done when": each refusal a new user meets names its cause and the next step, in the
 * words they read, and a form refuses what the server would refuse before anything is sent.
 */

/** A request of the customer's, taken by the agent, identity verified: only the approve dialog's choices are left. */
async function requestToApprove(agentApi: StaffApi, customer: Json): Promise<Json> {
  return agentApi.act(await logPhoneRequest(agentApi, customer.id, true), 'claim');
}

/** Every request the page sends that matches, from now on: a refusal "before submitting" sends none. */
function sent(page: Page, method: string, path: RegExp): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    if (r.method() === method && path.test(new URL(r.url()).pathname)) seen.push(r.url());
  });
  return seen;
}

/** Presses Tab until the target has the focus, as a keyboard user gets there. */
async function tabTo(page: Page, target: Locator, max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target}`);
}

/** A date a week ago: in the past in every time zone. */
const weekAgo = () => new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);

test('a past effective date in the approve dialog is refused before submitting, naming the past date, in English and Chinese', async ({ page, apiAs }) => {
  test.setTimeout(120_000);
  const agentApi = await apiAs('agent');
  // No cash, no unpaid bill, identity verified: with "No balance" and today's date, approving would succeed.
  const customer = await freeCustomer(agentApi, { cashBalance_lte: 0, outstandingAmount_lte: 0 });
  const request = await requestToApprove(agentApi, customer);
  const past = weekAgo();

  await new LoginPage(page).signInAs('agent');
  const closure = new ClosureRequestPage(page);
  const approvals = sent(page, 'POST', /\/actions\/approve$/);
  const cases = [
    { language: 'English', words: /in the past.*today or a later date/ },
    { language: '简体中文', words: /生效日期已过.*今天或以后/ },
  ] as const;
  for (const { language, words } of cases) {
    await new ConsolePage(page).switchLanguage(language);
    await closure.open(request.id);
    await closure.openAction('approve');
    await closure.dialog.locator('input[name="balanceDecision"][value="none"]').check();
    const date = closure.dialog.locator('input[name="effectiveDate"]');
    await date.fill(past);
    await closure.dialog.locator('.confirm-action').click();
    // The field itself says what is wrong and what to choose; the dialog stays open.
    await expect(closure.dialog.locator('.MuiFormHelperText-root.Mui-error')).toHaveText(words);
    await expect(date).toHaveAttribute('aria-invalid', 'true');
    await expect(closure.dialog).toBeVisible();
    await saveScreenshot(page, `refusal-past-date-${language === 'English' ? 'en' : 'zh-CN'}`);
    await closure.dialog.getByRole('button', { name: language === 'English' ? 'Cancel' : '取消' }).click();
    await expect(closure.dialog).toBeHidden();
  }
  expect(approvals, 'the form sent nothing').toEqual([]);

  // Had it gone through, the server refuses it with the same cause, in the language asked for.
  for (const [lang, words] of [['en', /in the past/], ['zh-CN', /生效日期已过/]] as const) {
    const refused = await agentApi.post(`/closure-requests/${request.id}/actions/approve`,
      { version: request.version, balanceDecision: 'none', effectiveDate: past }, { 'Accept-Language': lang });
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    expect(refused.body.details).toEqual(['effective_date_set']);
    expect(refused.body.message).toMatch(words);
  }
  expect((await agentApi.get(`/closure-requests/${request.id}`)).status).toBe('in_review');
});

test('"No balance" on an account with cash is refused, saying there is cash left and to refund or forfeit it', async ({ page, apiAs }) => {
  test.setTimeout(120_000);
  const agentApi = await apiAs('agent');
  const customer = await freeCustomer(agentApi, { cashBalance_gte: 1, outstandingAmount_lte: 0 });
  const request = await requestToApprove(agentApi, customer);

  await new LoginPage(page).signInAs('agent');
  const closure = new ClosureRequestPage(page);
  await closure.open(request.id);
  await closure.openAction('approve');
  await closure.dialog.getByRole('radio', { name: 'No balance' }).check();
  await closure.dialog.locator('.confirm-action').click();
  // Whether the form or the server refuses it, the words name the cash left and the two choices.
  const refusal = closure.dialog.locator('.action-error, .MuiFormHelperText-root.Mui-error');
  await expect(refusal.first()).toContainText(/cash/i);
  await expect(refusal.first()).toContainText(/Refund or Forfeit/);
  await expect(closure.dialog).toBeVisible();
  await saveScreenshot(page, 'refusal-no-balance-with-cash-en');

  // In Chinese too.
  await closure.dialog.getByRole('button', { name: 'Cancel' }).click();
  await new ConsolePage(page).switchLanguage('简体中文');
  await closure.open(request.id);
  await closure.openAction('approve');
  await closure.dialog.locator('input[name="balanceDecision"][value="none"]').check();
  await closure.dialog.locator('.confirm-action').click();
  await expect(refusal.first()).toContainText('现金');
  await expect(refusal.first()).toContainText(/「退还」或「不予退还」/);
  await saveScreenshot(page, 'refusal-no-balance-with-cash-zh-CN');

  const after = await agentApi.get(`/closure-requests/${request.id}`);
  expect(after.status).toBe('in_review');
  expect(after.balanceDecision ?? null).toBeNull();
});

test('a blocked Approve is reached by Tab, does nothing, and its tooltip names the unpaid bills and who clears them', async ({ page, apiAs }) => {
  test.setTimeout(120_000);
  const agentApi = await apiAs('agent');
  const customer = await freeCustomer(agentApi, { outstandingAmount_gte: 1 });
  const request = await requestToApprove(agentApi, customer);

  await new LoginPage(page).signInAs('agent');
  const closure = new ClosureRequestPage(page);
  await closure.open(request.id);
  await expect(closure.check('no_outstanding_bills')).toHaveAttribute('data-state', 'blocking');
  const approve = closure.actionButton('approve');
  await expect(approve).toHaveAttribute('aria-disabled', 'true');

  // From the top of the request, the keyboard reaches it; on focus its reason shows and is its description.
  await closure.reference.click();
  await tabTo(page, approve);
  await expect(approve).toBeFocused();
  const tooltip = page.getByRole('tooltip');
  await expect(tooltip).toContainText('No unpaid bills');
  await expect(tooltip).toContainText(/billing system must report the payment, or a supervisor waives the bill/);
  await expect(approve).toHaveAccessibleDescription(/No unpaid bills.*supervisor waives the bill/);
  await saveScreenshot(page, 'refusal-blocked-approve-en', false, true);
  // Enter or Space on it opens nothing.
  await expect(approve).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Space');
  await expect(closure.dialog).toHaveCount(0);

  // In Chinese, by pointer: hovering shows the same reason in Chinese.
  await new ConsolePage(page).switchLanguage('简体中文');
  await closure.open(request.id);
  await approve.hover();
  await expect(tooltip).toContainText('无欠费账单');
  await expect(tooltip).toContainText('主管减免账单');
  await saveScreenshot(page, 'refusal-blocked-approve-zh-CN');
  await approve.click({ force: true });
  await expect(closure.dialog).toHaveCount(0);
  expect((await agentApi.get(`/closure-requests/${request.id}`)).status).toBe('in_review');
});

test('a negative setting is refused by the form, which shows the allowed range; nothing is saved', async ({ page, apiAs }) => {
  test.setTimeout(120_000);
  const adminApi = await apiAs('admin');
  const before = await adminApi.get('/settings/slaDays');

  await new LoginPage(page).signInAs('admin');
  const saves = sent(page, 'PUT', /\/api\/settings\//);
  const cases = [
    { language: 'English', range: /1 day.*90 days/, save: 'Save' },
    { language: '简体中文', range: /1 天.*90 天/, save: '保存' },
  ] as const;
  for (const { language, range, save } of cases) {
    await new ConsolePage(page).switchLanguage(language);
    await page.goto('/#/settings/slaDays');
    const input = page.locator('input[name="value"]');
    await expect(input).toHaveValue(String(before.value), { timeout: 20_000 });
    // The range is shown beside the value before anything is typed.
    const helper = page.locator('#value-helper-text, .MuiFormHelperText-root').first();
    await expect(helper).toContainText(range);
    await input.fill('-5');
    await page.getByRole('button', { name: save }).click();
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect(helper).toContainText(range);
    await saveScreenshot(page, `refusal-negative-setting-${language === 'English' ? 'en' : 'zh-CN'}`);
  }
  expect(saves, 'the form sent nothing').toEqual([]);
  const after = await adminApi.get('/settings/slaDays');
  expect(after.value).toBe(before.value);
  expect(after.pending).toBeNull();
  // The server refuses it as well.
  const refused = await adminApi.put('/settings/slaDays', { value: -5 });
  expect(refused.status).toBe(400);
});
