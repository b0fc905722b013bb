import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures.ts';
import { companyUsers } from './support/company-users.ts';
import { connectExtension } from './support/load-extension.ts';
import { startCountingProxy } from './support/start-counting-proxy.ts';

test.use({ suite: 'users-list' });

const DOCS = new URL('../../../docs/', import.meta.url);

test('badges every row of the Users list, one kind per sync state', async ({ users, stack, page }) => {
  const company = await companyUsers(stack);
  await users.open();
  await expect(users.strip()).toContainText('as of');
  const expected: [string, string][] = [
    [company.plain(1).email, 'Linked'],
    [company.newStarter().email, 'Needs setup'],
    [company.scheduledLeaver().email, 'Scheduled leaver'],
    [company.skipped().email, 'Skipped: '],
    [company.conflict().email, 'Conflict: '],
    [company.notInStaffology().email, 'Not in Staffology'],
  ];
  for (const [email, text] of expected) await expect(users.badge(email), email).toContainText(text);
  // The reason in full: reached by keyboard (Tab from the row's checkbox), shown, and the badge's description.
  const skipped = users.badge(company.skipped().email);
  await users.row(company.skipped().email).getByRole('checkbox').focus();
  await page.keyboard.press('Tab');
  await expect(skipped).toBeFocused();
  await expect(skipped).toHaveAccessibleDescription(/Known As/i);
  await expect(page.getByRole('tooltip').filter({ hasText: /Known As/i })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('tooltip').filter({ hasText: /Known As/i })).toBeHidden();
  await expect(skipped).not.toHaveAttribute('title');

  // Every row has exactly one badge.
  const rows = await users.table().locator('tbody tr').count();
  await expect(users.table().locator('tbody [data-badge]:not([data-badge="loading"])')).toHaveCount(rows);

  // Leavers are hidden until Include Leavers: the list renders again in the page, and so do the badges.
  const leaver = company.leaver();
  await expect(users.row(leaver.email)).toHaveCount(0);
  await users.includeLeavers();
  await expect(users.badge(leaver.email)).toContainText('Leaver');

  // An edit made in ExpenseIn after the last sync shows once a dry run has planned it (badges come from stored runs).
  const edited = company.plain(0);
  await stack.patchExpenseInUser(edited.userId, { firstName: 'Edited' });
  await stack.sync({ dryRun: true });
  await page.reload();
  await expect(users.badge(edited.email)).toContainText('Pending overwrite');

  await users.search(edited.email);
  await expect(users.table().locator('tbody tr')).toHaveCount(1);
  await expect(users.badge(edited.email)).toContainText('Pending overwrite');
});

test('keys rows by email when they show no reference', async ({ users, stack }) => {
  const contractor = (await companyUsers(stack)).withoutReference();
  expect(contractor.reference).toBeNull();
  await users.open();
  await expect(users.row(contractor.email).getByRole('cell').nth(3)).toHaveText('');
  await expect(users.badge(contractor.email)).toContainText('Not in Staffology');
});

test('asks for the badges of a render of the list in one request', async ({ users, stack, extension }) => {
  const proxy = await startCountingProxy(stack.serverUrl);
  await connectExtension(extension.context, { serverUrl: proxy.url, token: stack.token });
  try {
    const badgeRequests = () => proxy.requests.filter((request) => request.path.endsWith('/users/badges'));
    await users.open();
    await expect(
      users.table().locator('tbody [data-badge]:not([data-badge="loading"])').first(),
    ).toBeVisible();
    await expect.poll(() => badgeRequests().length).toBe(1);
    // Include Leavers renders the list again: one more request, for all its rows.
    await users.includeLeavers();
    await expect.poll(() => badgeRequests().length).toBe(2);
    await expect(users.table().locator('tbody [data-badge="loading"]')).toHaveCount(0);
    expect(badgeRequests()).toHaveLength(2);
  } finally {
    await connectExtension(extension.context, { serverUrl: stack.serverUrl, token: stack.token });
    await proxy.close();
  }
});

test('follows in-page navigation and the pop-up opening and closing, without a page load', async ({
  users,
  stack,
  page,
}) => {
  const company = await companyUsers(stack);
  await users.open();
  await page.evaluate(() => Object.assign(window, { __noReload: true }));
  await expect(users.strip()).toContainText('as of');

  await page
    .getByRole('navigation', { name: 'User Management' })
    .getByRole('link', { name: 'Departments' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Departments' })).toBeVisible();
  await expect(users.strip()).toHaveCount(0);
  await page.goBack();
  await expect(users.badge(company.plain(1).email)).toContainText('Linked');

  const first = await users.edit(company.plain(1).email);
  await expect(first.panel).toContainText(`Employee ${company.plain(1).employeeNumber}`);
  await page.keyboard.press('Escape');
  await expect(first.root).toBeHidden();
  await expect(page.locator('[data-staffsync="edit-user-panel"]')).toHaveCount(0);
  const second = await users.edit(company.conflict().email);
  await expect(second.panel).toContainText('Conflict');
  await expect(second.panel).not.toContainText(`Employee ${company.plain(1).employeeNumber}`);
  expect(await page.evaluate(() => Reflect.get(window, '__noReload'))).toBe(true);
});

test('follows the system dark mode', async ({ users, page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await users.open();
  const background = await users.strip().evaluate((element) => getComputedStyle(element).backgroundColor);
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await users.strip().evaluate((element) => getComputedStyle(element).backgroundColor);
  expect(background).not.toBe(light);
  expect(background).toBe('rgb(30, 37, 48)');
});

test('screenshot: badges on the Users list', async ({ users, page }) => {
  await page.setViewportSize({ width: 1280, height: 1000 });
  await users.open();
  await users.includeLeavers();
  await expect(users.strip()).toContainText('as of');
  await expect(users.table().locator('tbody [data-badge="loading"]')).toHaveCount(0);
  await page.screenshot({ path: fileURLToPath(new URL('extension-badges.png', DOCS)) });
});
