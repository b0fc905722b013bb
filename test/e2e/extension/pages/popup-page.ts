import type { Locator, Page } from '@playwright/test';
import { RecognitionReport } from './recognition-report.ts';

/** The extension's popup, opened as a page (Playwright cannot click the toolbar icon). */
export class PopupPage {
  constructor(
    readonly page: Page,
    readonly extensionId: string,
  ) {}

  readonly main = (): Locator => this.page.getByRole('main');
  readonly connection = (): Locator => this.page.getByRole('region', { name: 'Connection' });
  readonly lastRun = (): Locator => this.page.getByRole('region', { name: 'Last run' });
  readonly syncResult = (): Locator => this.page.getByRole('region', { name: 'Sync now' });
  readonly previewResult = (): Locator => this.page.getByRole('region', { name: 'Preview' });

  readonly thisPage = (): RecognitionReport => new RecognitionReport(this.page);

  async open(): Promise<void> {
    await this.page.goto(`chrome-extension://${this.extensionId}/popup.html`);
  }

  async syncNow(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sync now' }).click();
  }

  async preview(): Promise<void> {
    await this.page.getByRole('button', { name: 'Preview' }).click();
  }
}
