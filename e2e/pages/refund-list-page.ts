import { expect, type Locator } from '@playwright/test';
import { ConsolePage } from './console-page';

/** Refunds (`/refunds`): for supervisors, the approval queue. */
export class RefundListPage extends ConsolePage {
  async open() {
    await this.page.goto('/#/refunds');
    await expect(this.page.locator('.RaList-main')).toBeVisible({ timeout: 20_000 });
  }

  row(payoutReference: string): Locator {
    return this.page.locator('tbody .RaDataTable-row').filter({ hasText: payoutReference });
  }

  get dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  async approve(payoutReference: string, note: string) {
    await this.row(payoutReference).locator('.approve-refund').click();
    await expect(this.dialog).toBeVisible();
    await this.dialog.locator('textarea[name="reason"]').fill(note);
    await this.dialog.locator('.confirm-reason').click();
    await expect(this.dialog).toBeHidden({ timeout: 15_000 });
  }
}
