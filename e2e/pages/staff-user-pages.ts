import { expect, type Locator, type Page } from '@playwright/test';
import { ConsolePage } from './console-page';

/** The admin's "new staff member" form: an invitation, no password field. */
export class StaffUserCreatePage extends ConsolePage {
  async open() {
    await this.page.goto('/#/staff-users/create');
    await expect(this.page.locator('input[name="email"]')).toBeVisible();
  }

  get passwordInputs(): Locator {
    return this.page.locator('input[type="password"]');
  }

  get invitationNote(): Locator {
    return this.page.locator('.staff-invitation-note');
  }

  async invite(fields: { email: string; fullName: string; roleLabel: string }) {
    await this.page.locator('input[name="email"]').fill(fields.email);
    await this.page.locator('input[name="fullName"]').fill(fields.fullName);
    await this.page.getByRole('combobox', { name: 'Role' }).click();
    await this.page.getByRole('option', { name: fields.roleLabel, exact: true }).click();
    await this.page.getByRole('button', { name: 'Save' }).click();
  }
}

/** `#/enrol/<token>`: the page an enrolment e-mail links to. */
export class EnrolPage {
  constructor(readonly page: Page) {}

  async open(link: string) {
    await this.page.goto(link);
    await expect(this.page.locator('.enrol-page')).toBeVisible();
  }

  async choosePassword(password: string) {
    await this.page.locator('input[name="password"]').fill(password);
    await this.page.locator('input[name="repeat"]').fill(password);
    await this.page.getByRole('button', { name: 'Set password and sign in' }).click();
  }

  get error(): Locator {
    return this.page.locator('.enrol-error');
  }
}
