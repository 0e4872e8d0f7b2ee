import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** WCAG 2.1 A and AA, as issue 19 asks: every rule of these tags, none disabled. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa'];

export interface Finding { where: string; rule: string; impact: string | null; nodes: string[] }

/** The console's stored preferences (react-admin's localStorageStore, key prefix `RaStoreClosureDesk.`), set before every load. */
export async function usePreferences(page: Page, locale: 'en' | 'zh-CN', theme: 'light' | 'dark') {
  await page.addInitScript(([l, t]) => {
    localStorage.setItem('RaStoreClosureDesk.version', '1');
    localStorage.setItem('RaStoreClosureDesk.locale', JSON.stringify(l));
    localStorage.setItem('RaStoreClosureDesk.theme', JSON.stringify(t));
  }, [locale, theme]);
}

/** Collects axe's violations page after page; `assertNone` fails once with all of them listed. */
export class AxeSweep {
  readonly findings: Finding[] = [];
  checked = 0;
  /** requests in flight, but the live feed's stream (GET /api/events), which stays open while a page is shown */
  private readonly inFlight = new Set<object>();
  constructor(private readonly page: Page, private readonly label: string) {
    const live = (url: string) => new URL(url).pathname === '/api/events';
    page.on('request', (r) => {
      if (!live(r.url())) this.inFlight.add(r);
    });
    page.on('requestfinished', (r) => this.inFlight.delete(r));
    page.on('requestfailed', (r) => this.inFlight.delete(r));
  }

  /**
   * No request in flight for 300 ms (at most 4 s: a page that polls is never idle for long).
   * Playwright's 'networkidle' never comes once the console holds its event stream open, so it
   * cost every check its whole timeout.
   */
  private async settled() {
    const until = Date.now() + 4_000;
    let quietSince = Date.now();
    while (Date.now() < until) {
      if (this.inFlight.size) quietSince = Date.now();
      else if (Date.now() - quietSince >= 300) return;
      await this.page.waitForTimeout(50);
    }
  }

  /** Waits for react-admin to settle (no loader, no request in flight, transitions over), then runs axe. */
  async check(where: string, include?: string) {
    await this.settled();
    await this.page.waitForTimeout(350); // MUI's fades and ripples: colours mid-transition are not what a user reads
    let builder = new AxeBuilder({ page: this.page }).withTags(WCAG_TAGS);
    if (include) builder = builder.include(include);
    const result = await builder.analyze();
    this.checked += 1;
    if (process.env.AXE_TRACE) console.log(`${new Date().toISOString()} ${this.label} · ${where}: ${result.violations.map((x) => `${x.id} ${x.nodes.map((n) => n.target.join(' ')).join(' | ')}`).join('; ') || 'none'}`);
    for (const v of result.violations) {
      this.findings.push({
        where: `${this.label} · ${where}`, rule: v.id, impact: v.impact ?? null,
        nodes: v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1).join(' ') ?? ''}`),
      });
    }
  }

  assertNone() {
    expect(this.checked, 'axe ran on the pages').toBeGreaterThan(0);
    expect(this.findings, JSON.stringify(this.findings, null, 1)).toEqual([]);
  }
}
