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

  async testConnection(): Promise<void> {
    await this.page.getByRole('button', { name: 'Test connection' }).click();
  }
}
