import path from 'node:path';
import type { Page } from '@playwright/test';

export const SCREENSHOT_DIR = path.join(import.meta.dirname, '..', 'artifacts', 'screenshots');

/**
 * Saves what the page shows as e2e/artifacts/screenshots/<name>.png (kept between runs, outside test-results).
 * `keepFocus`: leave the focus where it is, for a picture of what focus shows (a tooltip on a focused button).
 */
export async function saveScreenshot(page: Page, name: string, fullPage = false, keepFocus = false): Promise<string> {
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  // Let charts and fonts settle: ECharts animates its first paint.
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(800);
  // A focused "skip to content" link or a scrolled page would draw the fixed app bar mid-page.
  await page.evaluate(([top, keep]) => {
    if (!keep) (document.activeElement as HTMLElement | null)?.blur();
    if (top) window.scrollTo(0, 0);
  }, [fullPage, keepFocus]);
  await page.screenshot({ path: file, fullPage });
  return file;
}
