import type { Locator, Page } from '@playwright/test';

/** The extension's options page: server URL, API token, Save and Test connection. */
export class OptionsPage {
  constructor(
    readonly page: Page,
    readonly extensionId: string,
  ) {}

  readonly serverUrl = (): Locator => this.page.getByLabel('Server URL');
  readonly token = (): Locator => this.page.getByLabel('API token');

  async open(): Promise<void> {
    await this.page.goto(`chrome-extension://${this.extensionId}/options.html`);
  }

  async fill(settings: { serverUrl: string; token: string }): Promise<void> {
    await this.serverUrl().fill(settings.serverUrl);
    await this.token().fill(settings.token);
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save' }).click();
  }

  /** Advanced: a CSS selector per anchor, by the anchor's name ("Users list", "Users list rows"...). */
  async correct(corrections: Record<string, string>): Promise<void> {
    const advanced = this.page.locator('details').filter({ hasText: 'correct what staffsync looks for' });
    if ((await advanced.getAttribute('open')) === null) await advanced.locator('summary').click();
    for (const [name, selector] of Object.entries(corrections)) {
      await advanced.getByLabel(name, { exact: true }).fill(selector);
    }
  }

  async saveCorrections(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save corrections' }).click();
  }

  async testConnection(): Promise<void> {
    await this.page.getByRole('button', { name: 'Test connection' }).click();
  }
}
