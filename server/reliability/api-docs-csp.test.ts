import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../test/support/test-server';
import { report } from './support/figures';
import { startConfiguredServer } from './support/server';

// The API reference page (/api/docs: Redoc, served from our own origin) under the real CSP, in headless Chromium.
const CHROMIUM = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? '/usr/bin/chromium';

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`the /api/docs check needs Chromium at ${CHROMIUM}`);
  server = await startConfiguredServer({}, { customers: 5, jobs: false });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the API reference page under the content security policy', () => {
  it('when /api/docs is opened, then Redoc renders every tag of the document with no CSP violation and nothing from another origin', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    const origins = new Set<string>();
    await page.exposeFunction('__cspViolation', (v: string) => violations.push(v));
    await page.addInitScript(`document.addEventListener('securitypolicyviolation', (e) => window.__cspViolation(e.violatedDirective + ' ' + e.blockedURI))`);
    page.on('request', (r) => origins.add(new URL(r.url()).origin));
    await page.goto(`${server.url}/api/docs`);
    await page.getByText('Closure Desk API').first().waitFor({ timeout: 60_000 });
    const text = await page.locator('body').innerText();
    for (const tag of ['closures', 'refunds', 'audit', 'intake']) expect(text.toLowerCase()).toContain(tag);
    report('API reference page (/api/docs) under the CSP', { violations: violations.length, origins: [...origins].length });
    expect(violations).toEqual([]);
    expect([...origins].filter((o) => o !== server.url && o !== 'null')).toEqual([]);
  });
});
