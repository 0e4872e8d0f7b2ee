import fs from 'node:fs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { expect, test } from '../support/fixtures';
import { ClosureRequestPage } from '../pages/closure-request-page';
import { LoginPage } from '../pages/login-page';

test('an auditor downloads a request\'s evidence pack and the browser verifies it; one changed byte turns it red, naming the check', async ({ page, apiAs }, testInfo) => {
  test.setTimeout(180_000); // a pack is built, downloaded and checked twice on a shared, loaded machine
  const auditorApi = await apiAs('auditor');
  const [request] = await auditorApi.list('closure-requests', { status: 'completed' }, ['id', 'DESC'], [0, 0]);
  expect(request).toBeTruthy();

  await new LoginPage(page).signInAs('auditor');
  const closure = new ClosureRequestPage(page);
  await closure.open(request!.id as number);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.evidence-pack').click()]);
  expect(download.suggestedFilename()).toMatch(/^evidence-.+\.zip$/);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);

  // The Verify page, from the menu: the browser checks the pack itself (nothing but the public key is fetched).
  const sent: string[] = [];
  // (leaving the request page says so to the others viewing it: presence, not the pack)
  page.on('request', (r) => { if (r.method() !== 'GET' && !r.url().endsWith('/presence')) sent.push(`${r.method()} ${r.url()}`); });
  await page.locator('.menu-verify-evidence').click({ timeout: 60_000 });
  await page.locator('input.evidence-file').setInputFiles(file);
  const result = page.locator('.evidence-result');
  await expect(result).toHaveAttribute('data-ok', 'true', { timeout: 30_000 });
  for (const check of ['pack layout', 'public key', 'checkpoint signature', 'event hashes', 'inclusion proofs', 'record backed by events', 'attachment files']) {
    await expect(page.locator(`.evidence-check[data-check="${check}"]`)).toHaveAttribute('data-status', 'pass');
  }
  await expect(page.locator('.evidence-check[data-status="fail"]')).toHaveCount(0);
  await expect(page.locator('.evidence-key')).toContainText('the key the server publishes');
  await page.screenshot({ path: testInfo.outputPath('verify-evidence-ok.png'), fullPage: true });

  // One byte of one event changed (a digit of its time): its hash no longer holds.
  const files = unzipSync(new Uint8Array(fs.readFileSync(file)));
  const text = strFromU8(files['events.jsonl']!);
  const at = text.indexOf('"at":"') + 6 + 3; // the year's last digit of the first event
  files['events.jsonl'] = strToU8(text.slice(0, at) + (text[at] === '9' ? '8' : '9') + text.slice(at + 1));
  const bad = testInfo.outputPath('tampered.zip');
  fs.writeFileSync(bad, zipSync(files));
  await page.locator('input.evidence-file').setInputFiles(bad);
  await expect(result).toHaveAttribute('data-ok', 'false', { timeout: 30_000 });
  await expect(page.locator('.evidence-check[data-check="event hashes"]')).toHaveAttribute('data-status', 'fail');
  await expect(page.locator('.evidence-check[data-check="event hashes"]')).toContainText('the event was changed');
  await page.screenshot({ path: testInfo.outputPath('verify-evidence-tampered.png'), fullPage: true });
  expect(sent).toEqual([]);
});
