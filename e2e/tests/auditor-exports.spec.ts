import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '../support/fixtures';
import { AuditEventListPage } from '../pages/audit-event-list-page';
import { DashboardPage } from '../pages/dashboard-page';
import { LoginPage } from '../pages/login-page';

const run = promisify(execFile);
const REPO = path.join(import.meta.dirname, '..', '..');

test('an auditor exports the audit trail as JSONL, and the file verifies offline', async ({ page, apiAs }, testInfo) => {
  const auditorApi = await apiAs('auditor');
  const before = await auditorApi.list('audit-events', {}, ['id', 'DESC'], [0, 0]);
  const headBefore = before[0]!.id as number;

  await new LoginPage(page).signInAs('auditor');
  const audit = new AuditEventListPage(page);
  await audit.open();
  const download = await audit.export('jsonl');
  expect(download.suggestedFilename()).toMatch(/^audit-events-\d{8}T\d{6}Z\.jsonl$/);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  await audit.expectNotification(/saved: [\d,]+ rows/);

  const { readFile } = await import('node:fs/promises');
  const lines = (await readFile(file, 'utf8')).split('\n').filter(Boolean);
  expect(lines.length).toBeGreaterThanOrEqual(headBefore);

  // The offline verifier (npm run audit:verify) proves the file is the intact chain.
  const verified = await run('npm', ['run', '--silent', 'audit:verify', '--', file], { cwd: REPO });
  expect(verified.stdout + verified.stderr).not.toMatch(/FAIL/);

  // The export is itself on record, and the chain verifies on the server too.
  const status = await audit.verify();
  await expect(status).toHaveClass(/chain-ok/);
  const dashboard = new DashboardPage(page);
  await dashboard.open();
  await expect(dashboard.recentExports.first()).toContainText('Audit trail export');
  await expect(dashboard.recentExports.first()).toContainText('JSONL');
  await expect(dashboard.chainStatus).toHaveClass(/chain-ok/);
});
