import type { Locator, Page } from '@playwright/test';

/** The popup's "This page" section: what staffsync recognises on the ExpenseIn tab, and Copy page report. */
export class RecognitionReport {
  readonly section: Locator;

  constructor(readonly page: Page) {
    this.section = page.getByRole('region', { name: 'This page' });
  }

  /** One anchor's line (usersList, rows, rowKey, editUserDialog, field:email, label:email, updateButton...). */
  anchor(id: string): Locator {
    return this.section.locator(`[data-anchor="${id}"]`);
  }

  /** Clicks Copy page report and reads back what reached the clipboard. */
  async copyReport(): Promise<string> {
    await this.page.bringToFront();
    await this.section.getByRole('button', { name: 'Copy page report' }).click();
    await this.section.getByRole('status').filter({ hasText: 'Copied the page report' }).waitFor();
    return this.page.evaluate(() => navigator.clipboard.readText());
  }
}
