import { expect, type Locator, type Page } from '@playwright/test';

/** The extension's set-up page (setup.html): the seed's three steps. */
export class SetupPage {
  constructor(
    readonly page: Page,
    readonly extensionId: string,
  ) {}

  readonly step = (n: 1 | 2 | 3): Locator =>
    this.page.getByRole('region', { name: new RegExp(`^Step ${n}:`) });
  readonly unmatched = (): Locator =>
    this.step(1).getByRole('list', { name: 'Staffology departments with no ExpenseIn department' });
  readonly employer = (): Locator => this.step(2).getByLabel('Employer', { exact: true });
  readonly preview = (): Locator => this.page.getByRole('region', { name: /^Preview of the first sync/ });

  async open(): Promise<void> {
    await this.page.goto(`chrome-extension://${this.extensionId}/setup.html`);
  }

  async unmatchedNames(): Promise<string[]> {
    return this.unmatched().locator('[data-department]').allTextContents();
  }

  /** A counts list as shown ("40 employees", "3 created"...), by label. */
  async counts(list: Locator): Promise<Record<string, number>> {
    const shown: Record<string, number> = {};
    for (const text of await list.getByRole('listitem').allTextContents()) {
      const match = /^(\d+)\s+(.+)$/.exec(text.trim());
      if (match?.[1] && match[2]) shown[match[2]] = Number(match[1]);
    }
    return shown;
  }

  /** The keys, the sandbox's addresses, and Check keys. */
  async checkKeys(keys: {
    staffologyBaseUrl: string;
    staffologyApiKey: string;
    expenseinBaseUrl: string;
    expenseinApiKey: string;
  }): Promise<void> {
    const step = this.step(2);
    await step.getByLabel('Staffology API key').fill(keys.staffologyApiKey);
    await step.getByLabel('ExpenseIn API key').fill(keys.expenseinApiKey);
    await step.getByText('API addresses').click();
    await step.getByLabel('Staffology API address').fill(keys.staffologyBaseUrl);
    await step.getByLabel('ExpenseIn API address').fill(keys.expenseinBaseUrl);
    await step.getByRole('button', { name: 'Check keys' }).click();
    await expect(this.employer()).toBeEnabled();
  }
}
