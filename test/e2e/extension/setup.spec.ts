import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';
import { type RunCounts, runDetailResponseSchema } from '@staffsync/shared';
import { extensionTest } from './fixtures.ts';
import { SetupPage } from './pages/setup-page.ts';
import { UsersPage } from './pages/users-page.ts';
import { companyUsers } from './support/company-users.ts';
import { connectExtension } from './support/load-extension.ts';
import { type ServerStack, startServerStack } from './support/start-staffsync-stack.ts';

// Set up (PRODUCT.md 5; issue 13): the seed's three steps in the BUILT sandbox extension, against a sandbox of two
// companies (the first Staffology key sees both employers, so the picker is real) and the real server, which starts
// with no connection at all. The tests run in order: the keyboard walks the form before the page connects.

const DOCS = new URL('../../../docs/', import.meta.url);

const test = extensionTest(() => startServerStack({ companies: 2 })).extend<{ setup: SetupPage }>({
  setup: async ({ page, extension }, use) => use(new SetupPage(page, extension.extensionId)),
});

test.use({ suite: 'setup' });
test.describe.configure({ mode: 'serial' });

/** The first company: its Staffology key sees both employers; its ExpenseIn account is the web UI's. */
function firstCompany(stack: ServerStack) {
  const { sandbox } = stack;
  return {
    staffologyBaseUrl: sandbox.staffology.baseUrl,
    staffologyApiKey: sandbox.staffology.apiKey,
    expenseinBaseUrl: sandbox.expensein.baseUrl,
    expenseinApiKey: sandbox.expensein.apiKey,
  };
}

/**
 * The sandbox's own answer to step 1, from its data (not from staffsync's code): the employer's department titles with
 * no ExpenseIn department of the same name, case and spacing aside (R9), as comparison keys.
 */
function sandboxUnmatched(stack: ServerStack): string[] {
  const key = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();
  const { sandbox } = stack;
  const employees =
    sandbox.staffology.control.backend.snapshot().employees[sandbox.staffology.employerId] ?? [];
  const expensein = new Set(sandbox.expensein.control.backend.snapshot().departments.map((d) => key(d.name)));
  const titles = employees.flatMap((employee) => {
    const title = employee.employmentDetails.department?.title ?? '';
    return title.trim() === '' ? [] : [key(title)];
  });
  return [...new Set(titles)].filter((title) => !expensein.has(title)).sort();
}

/** A run's counts as the page words them (components/run-counts-list.tsx): zeros left out but the employees. */
function asShown(counts: RunCounts): Record<string, number> {
  const sum = (record: Partial<Record<string, number>>) =>
    Object.values(record).reduce<number>((total, n) => total + (n ?? 0), 0);
  const all: Record<string, number> = {
    employees: counts.employees,
    created: counts.created,
    updated: counts.updated,
    leavers: counts.leavers,
    reinstated: counts.reinstated,
    unchanged: counts.unchanged,
    skipped: sum(counts.skipped),
    conflicts: sum(counts.conflicts),
    warnings: sum(counts.warnings),
    held: counts.held,
    failed: counts.failed,
  };
  return Object.fromEntries(Object.entries(all).filter(([label, n]) => label === 'employees' || n > 0));
}

/** Tabs (or shift-tabs) until the control named `name` has focus; fails after a full lap. */
async function tabTo(page: Page, name: string | RegExp, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  for (let presses = 0; presses < 80; presses += 1) {
    await page.keyboard.press(key);
    const focused = await focusedName(page);
    if (typeof name === 'string' ? focused === name : name.test(focused)) return;
  }
  throw new Error(`no control named ${String(name)} reached with ${key}`);
}

/** The focused control's name: its label's text, else its own text. */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return '';
    const labels = (element as HTMLInputElement).labels;
    return (labels?.[0]?.textContent ?? element.textContent ?? '').trim();
  });
}

/**
 * Marks every control a keyboard user must reach (visible and enabled), then tabs a full lap from the top and
 * returns those it never reached, by name.
 */
async function unreachedControls(page: Page): Promise<string[]> {
  const total = await page.evaluate(() => {
    const controls = [
      ...document.querySelectorAll<HTMLElement>('a[href], button, input, select, summary'),
    ].filter((element) => !(element as HTMLButtonElement).disabled && element.getClientRects().length > 0);
    controls.forEach((element, index) => {
      element.dataset.kbd = String(index);
    });
    (document.activeElement as HTMLElement | null)?.blur();
    return controls.length;
  });
  const reached = new Set<string>();
  for (let presses = 0; presses < total + 5; presses += 1) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.kbd ?? null);
    if (id !== null) reached.add(id);
  }
  return page.evaluate(
    (seen) =>
      [...document.querySelectorAll<HTMLElement>('[data-kbd]')]
        .filter((element) => !seen.includes(element.dataset.kbd ?? ''))
        .map((element) => element.textContent?.trim() || element.outerHTML.slice(0, 80)),
    [...reached],
  );
}

test('says plainly that setting up needs an owner token', async ({ setup, stack, extension }) => {
  const viewer = (await stack.store.tokens.create('setup-viewer', { role: 'viewer' })).token;
  await connectExtension(extension.context, { serverUrl: stack.serverUrl, token: viewer });
  try {
    await setup.open();
    const problem = setup.page.locator('[data-problem="forbidden"]');
    await expect(problem).toContainText('Setting up needs a token with the owner role');
    await expect(problem).toContainText('"owner" role');
    await expect(setup.step(2)).toHaveCount(0);
  } finally {
    await connectExtension(extension.context, { serverUrl: stack.serverUrl, token: stack.token });
  }
});

test('is used with the keyboard only: every control reached, keys typed, employer picked, preview shown', async ({
  setup,
  stack,
  page,
  extension,
}) => {
  const keys = firstCompany(stack);
  await setup.open();
  await expect(setup.step(2).getByLabel('Staffology API key')).toBeVisible();

  await tabTo(page, 'Staffology API key');
  await page.keyboard.type(keys.staffologyApiKey);
  await tabTo(page, 'ExpenseIn API key');
  await page.keyboard.type(keys.expenseinApiKey);
  await tabTo(page, /^API addresses/);
  await page.keyboard.press('Enter');
  await tabTo(page, 'Staffology API address');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(keys.staffologyBaseUrl);
  await tabTo(page, 'ExpenseIn API address');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(keys.expenseinBaseUrl);
  await tabTo(page, 'Check keys');
  await page.keyboard.press('Enter');
  await expect(setup.employer()).toBeEnabled();

  await tabTo(page, 'Employer');
  await page.keyboard.press('ArrowDown');
  await expect(setup.employer()).toHaveValue(stack.sandbox.companies[0]?.staffology.employerId ?? '');
  await expect(setup.preview().getByRole('list', { name: 'Counts of the first sync' })).toBeVisible({
    timeout: 20_000,
  });
  await tabTo(page, 'Include Bank Details');
  await page.keyboard.press('Space');
  await expect(page.getByLabel('Include Bank Details')).toBeChecked();
  await expect(setup.preview().getByRole('list', { name: 'Counts of the first sync' })).toBeVisible({
    timeout: 20_000,
  });
  await tabTo(page, 'Connect');
  await tabTo(page, 'Include Bank Details', 'Shift+Tab');
  await page.keyboard.press('Space');
  await expect(page.getByLabel('Include Bank Details')).not.toBeChecked();

  expect(await unreachedControls(page)).toEqual([]);

  // Nothing was stored by checking and previewing: no connection, no run, and no key in the extension's storage.
  expect(await stack.store.connections.list()).toEqual([]);
  expect((await stack.store.runs.list({ limit: 10 })).total).toBe(0);
  const [worker] = extension.context.serviceWorkers();
  const stored = JSON.stringify(await worker?.evaluate('chrome.storage.local.get(null)'));
  expect(stored).not.toContain(keys.staffologyApiKey);
  expect(stored).not.toContain(keys.expenseinApiKey);
});

test('walks the three steps: departments, connect after a preview, the on-connect run, badges', async ({
  setup,
  stack,
  page,
  extension,
}) => {
  const keys = firstCompany(stack);
  const { sandbox } = stack;
  // An account from before "User references must be unique" (as the R4 scenario's legacy data): the seed's advice.
  const account = sandbox.expensein.control.backend.snapshot();
  account.settings.userReferencesMustBeUnique = false;
  sandbox.expensein.control.backend.load(account);
  await setup.open();
  // Step 1 waits for step 2's keys and employer.
  await expect(setup.step(1)).toContainText('enter the keys and choose the employer in step 2');

  await setup.checkKeys(keys);
  await expect(setup.employer().getByRole('option')).toHaveText([
    'Choose the company to sync…',
    ...sandbox.companies.map(
      (company) => new RegExp(`^${company.company.facts.companyName} \\(\\d+ employees\\)$`),
    ),
  ]);
  await setup.employer().selectOption(sandbox.staffology.employerId);

  // Step 1: the names the sandbox's own data leaves unmatched.
  await expect(setup.unmatched()).toBeVisible({ timeout: 20_000 });
  const shown = (await setup.unmatchedNames()).map((name) => name.trim().replace(/\s+/g, ' ').toLowerCase());
  expect(shown.sort()).toEqual(sandboxUnmatched(stack));
  expect(shown.length).toBeGreaterThan(0);
  await setup.step(1).screenshot({ path: fileURLToPath(new URL('extension-setup-departments.png', DOCS)) });

  // Step 2: bank details off by default, the seed's advice when references need not be unique, the preview.
  const bank = setup.step(2).getByLabel('Include Bank Details');
  await expect(bank).not.toBeChecked();
  await expect(setup.step(2)).toContainText('bank details in ExpenseIn');
  await expect(setup.step(2).locator('[data-staffsync="references-advice"]')).toContainText(
    'We recommend enabling the "User references must be unique" Additional Setting (under the Account tab)',
  );
  await bank.check();
  const previewCounts = setup.preview().getByRole('list', { name: 'Counts of the first sync' });
  await expect(setup.step(2).getByText('Previewing the first sync…')).toBeHidden({ timeout: 20_000 });
  await expect(previewCounts).toBeVisible();
  const previewed = await setup.counts(previewCounts);
  const problemRows = setup.preview().getByRole('table').locator('tbody tr');
  await expect(problemRows.first()).toBeVisible();
  // The preview comes before the Connect button.
  const previewBox = await setup.preview().boundingBox();
  const connectBox = await setup.step(2).getByRole('button', { name: 'Connect' }).boundingBox();
  expect(previewBox && connectBox && previewBox.y < connectBox.y).toBe(true);
  expect(await stack.store.connections.list()).toEqual([]);
  await setup.step(2).screenshot({ path: fileURLToPath(new URL('extension-setup-connect.png', DOCS)) });

  await setup.step(2).getByRole('button', { name: 'Connect' }).click();

  // Step 3: the on-connect run, followed to its end, with the employees it skipped or left in conflict.
  const result = setup.step(3).locator('[data-staffsync="run-result"]');
  await expect(result).toContainText(/finished/, { timeout: 30_000 });
  const runId = Number((await result.textContent())?.match(/Run #(\d+)/)?.[1]);
  const { run } = runDetailResponseSchema.parse((await stack.api(`/api/runs/${runId}?pageSize=1`)).body);
  expect(run.trigger).toBe('connect');
  if (!run.counts) throw new Error('the run has no counts');
  // The preview's counts are the run's: what the administrator saw before connecting is what happened.
  expect(previewed).toEqual(asShown(run.counts));
  expect(await setup.counts(setup.step(3).getByRole('list', { name: `Counts of run ${runId}` }))).toEqual(
    previewed,
  );
  const problems = setup.step(3).getByRole('table').locator('tbody tr');
  const skippedOrInConflict = [run.counts.skipped, run.counts.conflicts]
    .flatMap((byCode) => Object.values(byCode))
    .reduce<number>((total, n) => total + (n ?? 0), 0);
  await expect(problems).toHaveCount(skippedOrInConflict);
  await expect(setup.step(3).getByRole('table')).toContainText('Staffology HR:');

  // The keys are never shown again, and were never kept by the extension.
  for (const key of [keys.staffologyApiKey, keys.expenseinApiKey]) {
    for (const input of await page.locator('input').all()) await expect(input).not.toHaveValue(key);
    expect(await page.content()).not.toContain(key);
  }
  await expect(setup.step(2).getByLabel('Staffology API key', { exact: true })).toHaveCount(0);
  await expect(setup.step(2).getByRole('term').filter({ hasText: 'API keys' })).toBeVisible();
  await setup.step(3).screenshot({ path: fileURLToPath(new URL('extension-setup-check.png', DOCS)) });

  // The Users list: every row carries a badge, new starters as Needs setup.
  const [list] = await Promise.all([
    extension.context.waitForEvent('page'),
    setup.step(3).getByRole('link', { name: "Open ExpenseIn's Users list" }).click(),
  ]);
  const users = new UsersPage(list, sandbox.expensein.baseUrl);
  await expect(users.table().getByRole('row').nth(1)).toBeVisible();
  await expect(users.strip()).toContainText('as of');
  const [connection] = await stack.store.connections.list();
  if (!connection) throw new Error('no connection stored');
  const company = await companyUsers({ ...stack, connectionId: connection.id });
  await expect(users.badge(company.newStarter().email)).toContainText('Needs setup');
  await expect(users.badge(company.plain(1).email)).toContainText('Linked');
  const rows = await users.table().locator('tbody tr').count();
  await expect(users.table().locator('tbody [data-badge]:not([data-badge="loading"])')).toHaveCount(rows);
  await list.close();
});

test('changes, reconnects and disconnects the connection with the keyboard, each through the API', async ({
  setup,
  stack,
  page,
}) => {
  const [connection] = await stack.store.connections.list();
  if (!connection) throw new Error('the previous test connects');
  await setup.open();
  await expect(setup.step(1).getByRole('button', { name: 'Check again' })).toBeEnabled({ timeout: 20_000 });
  await expect(setup.step(3).locator('[data-staffsync="run-result"]')).toContainText('finished');
  expect(await unreachedControls(page)).toEqual([]);

  // A value out of range is named, and nothing is sent.
  await page.locator('body').focus();
  await tabTo(page, 'Interval runs: every how many minutes');
  await page.keyboard.type('2');
  await page.keyboard.press('Enter');
  await expect(setup.step(2).getByRole('alert')).toContainText('every 5 to 1440 minutes');
  expect((await stack.store.connections.require(connection.id)).syncEveryMinutes).toBeNull();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('30');
  await tabTo(page, 'Leaver guard: percentage of linked users', 'Shift+Tab');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('35');
  await page.keyboard.press('Enter');
  await expect(setup.page.locator('[data-staffsync="notice"]')).toContainText('Settings saved');
  expect(await stack.store.connections.require(connection.id)).toMatchObject({
    syncEveryMinutes: 30,
    settings: { leaverGuardPercent: 35 },
  });

  await tabTo(page, 'Disconnect');
  await page.keyboard.press('Enter');
  await tabTo(page, 'Disconnect now', 'Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(setup.step(2)).toContainText('Disconnected');
  expect((await stack.store.connections.require(connection.id)).status).toBe('disconnected');

  // Reconnect with the stored keys (none typed): connected again, and the sync runs again.
  await tabTo(page, 'Reconnect', 'Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(setup.step(3).locator('[data-staffsync="run-result"]')).toContainText('on-reconnect sync', {
    timeout: 30_000,
  });
  expect((await stack.store.connections.require(connection.id)).status).toBe('connected');
});
