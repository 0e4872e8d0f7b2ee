import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, type TestServer } from '../test/support/test-server';
import { report } from './support/figures';
import { startConfiguredServer } from './support/server';

// The built console under the real Content-Security-Policy, in headless Chromium: every page a
// role opens must render without one CSP violation. Needs `npm run build -w client` and Chromium;
// skipped (and said so) without them.
const CLIENT_DIST = path.resolve(import.meta.dirname, '../../client/dist');
const CHROMIUM = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? '/usr/bin/chromium';
// The policy is the same whatever the database: the config runs this file in the SQLite pass only.
const ready = fs.existsSync(path.join(CLIENT_DIST, 'index.html')) && fs.existsSync(CHROMIUM);

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  if (!ready) throw new Error(`the CSP check needs ${CLIENT_DIST}/index.html (npm run build -w client) and ${CHROMIUM}`);
  server = await startConfiguredServer({ clientDist: CLIENT_DIST }, { customers: 40, jobs: false });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

interface Violation { directive: string; blocked: string; source: string }

async function watch(page: Page): Promise<{ violations: Violation[]; consoleErrors: string[] }> {
  const seen = { violations: [] as Violation[], consoleErrors: [] as string[] };
  await page.exposeFunction('__cspViolation', (v: Violation) => seen.violations.push(v));
  // (a string: this file is compiled without the DOM library)
  await page.addInitScript(`document.addEventListener('securitypolicyviolation', (e) =>
    window.__cspViolation({ directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile }))`);
  page.on('console', (m) => {
    if (m.type() === 'error') seen.consoleErrors.push(m.text());
  });
  return seen;
}

describe('the console under the content security policy (headless Chromium)', () => {
  for (const [email, pages] of [
    ['supervisor@demo.test', ['#/', '#/closure-requests', '#/closure-requests/1/show', '#/customers', '#/customers/1/show', '#/refunds', '#/notifications', '#/audit-events', '#/bills']],
    ['admin@demo.test', ['#/', '#/staff-users', '#/settings']],
  ] as const) {
    it(`when ${email} opens ${pages.length} pages, then no CSP violation and no console error`, async () => {
      const page = await browser.newPage();
      const seen = await watch(page);
      const response = await page.goto(`${server.url}/#/login`);
      expect(response!.headers()['content-security-policy']).toContain("script-src 'self'");
      await page.locator('input[name="username"]').fill(email);
      await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
      await page.locator('button[type="submit"]').click();
      await page.waitForURL((url) => !url.hash.includes('login'), { timeout: 20_000 });
      for (const hash of pages) {
        await page.goto(`${server.url}/${hash}`);
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(300);
      }
      const styled = await page.evaluate<number>("document.querySelectorAll('style').length");
      await page.close();
      // zod 4 probes once whether it may compile validators (`try { Function('') } catch {}`) and,
      // refused, validates without: the only eval the console attempts, and blocked as it should be.
      const zodProbe = (v: Violation) => v.directive === 'script-src' && v.blocked === 'eval';
      const probes = seen.violations.filter(zodProbe);
      const violations = seen.violations.filter((v) => !zodProbe(v));
      const errors = seen.consoleErrors.filter((e) => /Content Security Policy|Refused to/i.test(e) && !/unsafe-eval/.test(e));
      report('CSP in Chromium', { account: email, pages: pages.length, violations: violations.length, evalProbesBlocked: probes.length, cspConsoleErrors: errors.length, otherConsoleErrors: seen.consoleErrors.length - errors.length, styleElements: styled });
      expect(violations).toEqual([]);
      expect(probes.length).toBeLessThanOrEqual(1);
      expect(errors).toEqual([]);
    });
  }
});
