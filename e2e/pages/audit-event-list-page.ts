import { expect, type Download, type Locator } from '@playwright/test';
import { ConsolePage } from './console-page';

/** The audit trail (`/audit-events`): filters, exports, chain verification. */
export class AuditEventListPage extends ConsolePage {
  async open() {
    await this.page.goto('/#/audit-events');
    await expect(this.page.locator('tbody .RaDataTable-row').first()).toBeVisible({ timeout: 20_000 });
  }

  get progress(): Locator {
    return this.page.locator('.export-progress');
  }

  /** Starts an export from the Export menu and answers the file the browser saved. */
  async export(format: 'csv' | 'jsonl'): Promise<Download> {
    await this.page.locator('.export-button').click();
    const download = this.page.waitForEvent('download', { timeout: 60_000 });
    await this.page.locator(`.export-${format}`).click();
    return download;
  }

  async verify(): Promise<Locator> {
    await this.page.locator('.verify-chain').click();
    const status = this.page.getByRole('dialog').locator('.chain-status');
    await expect(status).toBeVisible({ timeout: 30_000 });
    return status;
  }
}
