import { expect, type Locator, type Page } from '@playwright/test';

/** What every page of the console shares: the app bar (language, theme) and notifications. */
export class ConsolePage {
  constructor(readonly page: Page) {}

  get title(): Locator {
    return this.page.locator('#react-admin-title');
  }

  /** React-admin's snackbar: the last message shown. */
  get notification(): Locator {
    return this.page.locator('.MuiSnackbarContent-message').last();
  }

  async switchLanguage(name: '简体中文' | 'English') {
    // The language button (layout/LanguageMenuButton.tsx) keeps react-admin's menu id.
    await this.page.locator('header button[aria-controls="simple-menu"]').click();
    await this.page.getByRole('menuitem', { name }).click();
  }

  /** The app bar's light/dark toggle (react-admin's ToggleThemeButton). */
  async toggleTheme() {
    const before = await this.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await this.page.getByRole('button', { name: 'Toggle light/dark mode' }).click();
    await expect.poll(() => this.page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe(before);
  }

  async expectNotification(text: string | RegExp) {
    await expect(this.notification).toContainText(text);
  }

  /** Waits until react-admin has no request in flight. */
  async settled() {
    await this.page.waitForLoadState('networkidle');
    await expect(this.page.locator('.app-loader, .MuiLinearProgress-root')).toHaveCount(0, { timeout: 15_000 });
  }
}
