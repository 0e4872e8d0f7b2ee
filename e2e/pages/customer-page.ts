import { expect, type Locator } from '@playwright/test';
import { ConsolePage } from './console-page';

/** Customers (`/customers`) and one customer's page. */
export class CustomerPage extends ConsolePage {
  async openList() {
    await this.page.goto('/#/customers');
    await expect(this.page.locator('tbody .RaDataTable-row').first()).toBeVisible({ timeout: 20_000 });
  }

  async open(id: number) {
    await this.page.goto(`/#/customers/${id}/show`);
    await expect(this.page.locator('.RaShow-main')).toBeVisible({ timeout: 20_000 });
  }

  revealButton(field: 'email' | 'phone' | 'idDocumentNumber'): Locator {
    return this.page.locator(`.reveal-${field}`);
  }

  /** Reveals one masked field with a reason and answers the value shown. */
  async reveal(field: 'email' | 'phone' | 'idDocumentNumber', reason: string): Promise<string> {
    await this.revealButton(field).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.locator('textarea[name="reason"]').fill(reason);
    await dialog.locator('.confirm-reason').click();
    const value = dialog.locator('.revealed-value');
    await expect(value).toBeVisible();
    return (await value.textContent()) ?? '';
  }
}
