import { expect, type Locator, type Page } from '@playwright/test';
import { EditUserDialog } from './edit-user-dialog.ts';

/** The sandbox's ExpenseIn Users list, and the extension's badges and strip on it. */
export class UsersPage {
  constructor(
    readonly page: Page,
    readonly expenseInUrl: string,
  ) {}

  readonly table = (): Locator => this.page.getByRole('table', { name: 'Users' });

  /** The staffsync strip above the table. */
  readonly strip = (): Locator => this.page.getByRole('region', { name: 'staffsync sync status' });

  async open(): Promise<void> {
    await this.page.goto(`${this.expenseInUrl}/admin/users`);
    await expect(this.page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
    await expect(this.table().getByRole('row').nth(1)).toBeVisible();
  }

  /** A user's row, by the email it shows (unique in ExpenseIn). */
  row(email: string): Locator {
    return this.table().getByRole('row').filter({ hasText: email });
  }

  /** The staffsync badge in a row (Playwright's locators pierce the badge's open shadow root). */
  badge(email: string): Locator {
    return this.row(email).locator('[data-badge]');
  }

  async includeLeavers(): Promise<void> {
    await this.page.getByLabel('Include Leavers').check();
    await this.page.getByRole('search', { name: 'Filter' }).getByRole('button', { name: 'Update' }).click();
  }

  async search(text: string): Promise<void> {
    await this.page.getByLabel('User Search').fill(text);
    await this.page.getByRole('search', { name: 'Filter' }).getByRole('button', { name: 'Update' }).click();
  }

  async edit(email: string): Promise<EditUserDialog> {
    await this.row(email).getByRole('button', { name: /^Edit/ }).click();
    const dialog = new EditUserDialog(this.page);
    await expect(dialog.root).toBeVisible();
    return dialog;
  }
}
