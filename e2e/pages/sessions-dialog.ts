import { expect, type Locator, type Page } from '@playwright/test';

/** The user menu's "Sessions" dialog: the person's own sessions, each with a sign-out button. */
export class SessionsDialog {
  constructor(private readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Your sessions' });
  }

  get rows(): Locator {
    return this.dialog.getByTestId('session-row');
  }

  get otherRows(): Locator {
    return this.dialog.locator('[data-testid="session-row"][data-current="false"]');
  }

  /** Opens it from the app bar's user menu (react-admin's "Profile" button). */
  async open() {
    await this.page.getByRole('button', { name: 'Profile' }).click();
    await this.page.getByRole('menuitem', { name: 'Sessions' }).click();
    await expect(this.dialog).toBeVisible();
    await expect(this.rows.first()).toBeVisible();
  }

  async signOutEverywhereElse() {
    await this.dialog.getByRole('button', { name: 'Sign out everywhere else' }).click();
  }

  async close() {
    await this.dialog.getByRole('button', { name: 'Close' }).click();
    await expect(this.dialog).toBeHidden();
  }
}
