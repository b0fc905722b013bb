import { expect, type Locator, type Page } from '@playwright/test';
import { EditUserDialog } from './edit-user-dialog.ts';

/** The sandbox's Users list in its grid look (`?skin=grid`): a virtualised ARIA grid without a Reference column. */
export class GridUsersPage {
  readonly grid: Locator;

  constructor(
    readonly page: Page,
    readonly expenseInUrl: string,
  ) {
    this.grid = page.getByRole('grid');
  }

  readonly strip = (): Locator => this.page.getByRole('region', { name: 'staffsync sync status' });
  /** The user rows drawn now (the grid draws only those in view). */
  readonly rows = (): Locator => this.grid.getByRole('row').filter({ has: this.page.getByRole('gridcell') });
  private readonly viewport = (): Locator => this.grid.locator('.ug-viewport');

  async open(): Promise<void> {
    await this.page.goto(`${this.expenseInUrl}/admin/users?skin=grid`);
    await expect(this.rows().first()).toBeVisible();
  }

  row(email: string): Locator {
    return this.rows().filter({ hasText: email });
  }

  badge(email: string): Locator {
    return this.row(email).locator('[data-badge]');
  }

  /**
   * Scrolls the grid until the user's row is drawn. Each scroll waits two animation frames: the grid redraws its rows
   * on the scroll event, and until then the rows of the previous position (another search's) are still there.
   */
  async scrollTo(email: string): Promise<Locator> {
    await this.viewport().evaluate(async (viewport) => {
      viewport.scrollTo(0, 0);
      await new Promise((drawn) => requestAnimationFrame(() => requestAnimationFrame(drawn)));
    });
    for (let step = 0; step < 40; step += 1) {
      if ((await this.row(email).count()) > 0) return this.row(email);
      await this.viewport().evaluate(async (viewport) => {
        viewport.scrollBy(0, 260);
        await new Promise((drawn) => requestAnimationFrame(() => requestAnimationFrame(drawn)));
      });
    }
    throw new Error(`no row for ${email} in the grid`);
  }

  async edit(email: string): Promise<EditUserDialog> {
    const row = await this.scrollTo(email);
    await row.getByRole('button', { name: /^Edit/ }).click();
    const dialog = new EditUserDialog(this.page);
    await expect(dialog.root).toBeVisible();
    return dialog;
  }
}
