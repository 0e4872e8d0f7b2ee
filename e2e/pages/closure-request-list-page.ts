import { expect, type Locator } from '@playwright/test';
import { ConsolePage } from './console-page';

/** The closure request queue (`/closure-requests`). */
export class ClosureRequestListPage extends ConsolePage {
  async open() {
    await this.page.goto('/#/closure-requests');
    await expect(this.rows.first()).toBeVisible({ timeout: 20_000 });
  }

  /** The table's rows at desk width, the simple list's items on a phone. */
  get rows(): Locator {
    return this.page.locator('tbody .RaDataTable-row, .closure-request-simple-list > li');
  }

  /** Opens the list with a filter in the URL, as a link from the dashboard does. */
  async openWithFilter(filter: Record<string, unknown>) {
    await this.page.goto(`/#/closure-requests?filter=${encodeURIComponent(JSON.stringify(filter))}`);
    await expect(this.rows.first()).toBeVisible({ timeout: 20_000 });
  }

  async selectAll() {
    await this.page.locator('thead input[type="checkbox"]').check();
  }

  /** Bulk action: assigns the selected requests to one person from the staff directory. */
  async bulkAssign(fullName: string) {
    await this.page.locator('.bulk-assign').click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByRole('combobox').click();
    await this.page.getByRole('option', { name: new RegExp(`^${fullName}`) }).click();
    await dialog.getByRole('button', { name: 'Assign', exact: true }).click();
  }

  get sidebar(): Locator {
    return this.page.locator('.closure-request-filters');
  }

  async search(text: string) {
    await this.page.locator('input[name="q"]').first().fill(text);
    await expect(this.rows).toHaveCount(1, { timeout: 15_000 });
  }

  row(reference: string): Locator {
    return this.rows.filter({ hasText: reference });
  }

  /** Finds a request by its reference with the search box and opens it. */
  async openRequest(reference: string) {
    await this.search(reference);
    await this.row(reference).click();
    await expect(this.page.locator('.request-reference')).toHaveText(reference, { timeout: 15_000 });
  }

  async filterBy(label: string) {
    await this.sidebar.getByText(label, { exact: true }).click();
  }
}
