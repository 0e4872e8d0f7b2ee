import { expect, type Locator } from '@playwright/test';
import { ConsolePage } from './console-page';

/** One closure request (`/closure-requests/<id>/show`): actions, checklist, customer, tabs. */
export class ClosureRequestPage extends ConsolePage {
  async open(id: number) {
    await this.page.goto(`/#/closure-requests/${id}/show`);
    await expect(this.reference).toBeVisible({ timeout: 20_000 });
  }

  get reference(): Locator {
    return this.page.locator('.request-reference');
  }

  get status(): Locator {
    return this.page.locator('.request-reference + .MuiChip-root');
  }

  get actionButtons(): Locator {
    return this.page.locator('.closure-actions button');
  }

  actionButton(action: string): Locator {
    return this.page.locator(`.closure-actions .action-${action}`);
  }

  get dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  check(id: string): Locator {
    return this.page.locator(`.checklist [data-check="${id}"]`);
  }

  async expectStatus(text: string | RegExp, timeout = 15_000) {
    await expect(this.status).toHaveText(text, { timeout });
  }

  /** The termination at the peers, from complete on (one row per command). */
  get termination(): Locator {
    return this.page.locator('.termination-progress');
  }

  get terminationCommands(): Locator {
    return this.page.locator('.termination-progress .termination-command');
  }

  async openAction(action: string) {
    await this.actionButton(action).click();
    await expect(this.dialog).toBeVisible();
  }

  async confirmDialog() {
    await this.dialog.locator('.confirm-action, .confirm-refund, .confirm-reason').click();
    await expect(this.dialog).toBeHidden({ timeout: 15_000 });
  }

  async claim() {
    await this.openAction('claim');
    await this.confirmDialog();
  }

  async verifyIdentity(note: string) {
    await this.openAction('verify-identity');
    await this.dialog.locator('textarea[name="note"]').fill(note);
    await this.confirmDialog();
  }

  async approve(decision: 'Refund' | 'Forfeit' | 'No balance', note?: string) {
    await this.openAction('approve');
    await this.dialog.getByRole('radio', { name: decision }).check();
    if (note) await this.dialog.locator('textarea[name="note"]').fill(note);
    await this.confirmDialog();
  }

  async complete() {
    await this.openAction('complete');
    await this.confirmDialog();
  }

  async openRecordRefund() {
    await this.page.locator('.record-refund').click();
    await expect(this.dialog).toBeVisible();
    await expect(this.dialog.locator('.refundable-amount')).toBeVisible();
  }

  async refundable(): Promise<number> {
    return Number(await this.dialog.locator('.refundable').getAttribute('data-refundable'));
  }

  async fillRefund(amount: string, payoutReference: string) {
    await this.dialog.locator('input[name="amount"]').fill(amount);
    await this.dialog.locator('input[name="payoutReference"]').fill(payoutReference);
  }

  async submitRefund() {
    await this.dialog.locator('.confirm-refund').click();
  }

  /** "Chen Jie is viewing": the others on this page now. */
  get presence(): Locator {
    return this.page.locator('.presence-notice');
  }

  tab(name: string | RegExp): Locator {
    return this.page.getByRole('tab', { name });
  }
}
