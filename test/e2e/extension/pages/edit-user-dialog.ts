import type { Locator, Page } from '@playwright/test';

/** ExpenseIn's Edit User pop-up and the staffsync panel inside it. */
export class EditUserDialog {
  readonly root: Locator;
  /** The staffsync panel (a region named "staffsync", in its shadow root). */
  readonly panel: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('dialog', { name: 'Edit User' });
    this.panel = this.root.getByRole('region', { name: 'staffsync' });
  }

  field(label: string): Locator {
    return this.root.getByLabel(label, { exact: true });
  }

  /** The warning staffsync shows under a synced field being edited. */
  fieldWarning(field: string): Locator {
    return this.root.locator(`[data-staffsync-warning="${field}"]`);
  }

  /** The "synced" markers beside the synced fields' labels. */
  readonly markers = (): Locator => this.root.locator('[data-staffsync-marker]');

  readonly editWarnings = (): Locator => this.panel.locator('[data-staffsync="edit-warnings"]');
  readonly pendingOverwrites = (): Locator => this.panel.locator('[data-staffsync="pending-overwrites"]');
  readonly resyncResult = (): Locator => this.panel.getByRole('region', { name: 'Resync result' });

  async resync(): Promise<void> {
    await this.panel.getByRole('button', { name: 'Resync' }).click();
  }

  async update(): Promise<void> {
    await this.root.getByRole('button', { name: 'Update' }).click();
  }

  async cancel(): Promise<void> {
    await this.root.getByRole('button', { name: 'Cancel' }).click();
  }
}
