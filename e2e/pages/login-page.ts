import { expect, type Page } from '@playwright/test';
import { PASSWORD, STAFF, type StaffName } from '../support/accounts';

/** React-Admin's login page. */
export class LoginPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto('/#/login');
  }

  async signIn(email: string, password: string) {
    await this.page.locator('input[name="username"]').fill(email);
    await this.page.locator('input[name="password"]').fill(password);
    await this.page.locator('button[type="submit"]').click();
  }

  /** Opens the login page and signs in as one of the demo staff; ends on the dashboard. */
  async signInAs(name: StaffName) {
    await this.open();
    await this.signIn(STAFF[name], PASSWORD);
    await expect(this.page.locator('.dashboard')).toBeVisible({ timeout: 20_000 });
  }
}
