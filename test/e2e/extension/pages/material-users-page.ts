import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The sandbox's material look (`?skin=material`): an unnamed Users table and one Edit User dialog kept in the page
 * and reused, whose fields are captioned by labels that neither wrap nor point at them (so they have no accessible
 * name: a field is found here by its caption's text).
 */
export class MaterialUsersPage {
  readonly dialog: Locator;
  readonly panel: Locator;

  constructor(
    readonly page: Page,
    readonly expenseInUrl: string,
  ) {
    this.dialog = page.getByRole('dialog', { name: 'Edit User' });
    this.panel = this.dialog.getByRole('region', { name: 'staffsync' });
  }

  readonly table = (): Locator => this.page.getByRole('table');
  readonly strip = (): Locator => this.page.getByRole('region', { name: 'staffsync sync status' });

  async open(): Promise<void> {
    await this.page.goto(`${this.expenseInUrl}/admin/users?skin=material`);
    await expect(this.table().getByRole('row').nth(1)).toBeVisible();
  }

  badge(email: string): Locator {
    return this.table().getByRole('row').filter({ hasText: email }).locator('[data-badge]');
  }

  async edit(email: string): Promise<void> {
    await this.table()
      .getByRole('row')
      .filter({ hasText: email })
      .getByRole('button', { name: /^Edit/ })
      .click();
    await expect(this.dialog).toBeVisible();
    await expect(this.dialog.getByRole('progressbar')).toHaveCount(0);
  }

  /** A field's box: its caption, its control, and what staffsync adds to it. */
  fieldBox(caption: string): Locator {
    return this.dialog
      .locator('.mat-form-field')
      .filter({ has: this.page.locator('.mat-label', { hasText: new RegExp(`^${caption}$`) }) });
  }

  field(caption: string): Locator {
    return this.fieldBox(caption).locator('input, select');
  }

  marker(caption: string): Locator {
    return this.fieldBox(caption).locator('[data-staffsync-marker]');
  }

  warning(field: string): Locator {
    return this.dialog.locator(`[data-staffsync-warning="${field}"]`);
  }

  async tab(name: string): Promise<void> {
    await this.dialog.getByRole('tab', { name }).click();
  }

  async cancel(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(this.dialog).toBeHidden();
  }
}
