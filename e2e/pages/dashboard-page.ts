import { expect, type Locator } from '@playwright/test';
import { ConsolePage } from './console-page';

/** The role dashboard (`/`). */
export class DashboardPage extends ConsolePage {
  async open() {
    await this.page.goto('/#/');
    await expect(this.page.locator('.dashboard')).toBeVisible();
  }

  /** Presses Next request and waits for the request it claimed to open; answers its id. */
  async nextRequest(): Promise<number> {
    const before = this.page.url();
    await this.page.locator('.next-request').first().click();
    await expect(this.page).not.toHaveURL(before, { timeout: 15_000 });
    await expect(this.page).toHaveURL(/#\/closure-requests\/\d+\/show/, { timeout: 15_000 });
    return Number(/closure-requests\/(\d+)\/show/.exec(this.page.url())![1]);
  }

  stat(name: string): Locator {
    return this.page.locator(`.stat-${name}`);
  }

  async statValue(name: string): Promise<number> {
    return Number(await this.stat(name).getAttribute('data-value'));
  }

  get charts(): Locator {
    return this.page.locator('.activity-charts canvas');
  }

  get recentExports(): Locator {
    return this.page.locator('.recent-exports .export-row');
  }

  get chainStatus(): Locator {
    return this.page.locator('.chain-card .chain-status');
  }

  /** Waits for the lazily loaded charts to be drawn. */
  async waitForCharts() {
    await expect(this.charts.first()).toBeVisible({ timeout: 20_000 });
  }
}
