import { expect, type Locator } from '@playwright/test';
import { ConsolePage } from './console-page';

/** The role dashboard (`/`). */
export class DashboardPage extends ConsolePage {
  async open() {
    await this.page.goto('/#/');
    await expect(this.page.locator('.dashboard')).toBeVisible();
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
