import path from 'node:path';
import type { Page } from '@playwright/test';

export const SCREENSHOT_DIR = path.join(import.meta.dirname, '..', 'artifacts', 'screenshots');

/** Saves what the page shows as e2e/artifacts/screenshots/<name>.png (kept between runs, outside test-results). */
export async function saveScreenshot(page: Page, name: string, fullPage = false): Promise<string> {
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  // Let charts and fonts settle: ECharts animates its first paint.
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(800);
  // A focused "skip to content" link or a scrolled page would draw the fixed app bar mid-page.
  await page.evaluate((top) => {
    (document.activeElement as HTMLElement | null)?.blur();
    if (top) window.scrollTo(0, 0);
  }, fullPage);
  await page.screenshot({ path: file, fullPage });
  return file;
}
