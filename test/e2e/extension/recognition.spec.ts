import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { OptionsPage } from './pages/options-page.ts';
import { PopupPage } from './pages/popup-page.ts';
import { companyUsers } from './support/company-users.ts';
import { unrecognisedUsersPage } from './support/unrecognised-users-page.ts';

test.use({ suite: 'recognition' });

test.beforeEach(async ({ extension }) => {
  await extension.context.grantPermissions(['clipboard-read', 'clipboard-write']);
});

/** A second tab for the extension's own pages, beside the ExpenseIn tab under test. */
async function extensionTab(page: Page): Promise<Page> {
  return page.context().newPage();
}

test('on a Users page it does not recognise, it says so, the popup names what is missing, and a correction brings the badges', async ({
  page,
  stack,
  extension,
}) => {
  const company = await companyUsers(stack);
  const people = [company.plain(0), company.plain(1), company.newStarter(), company.notInStaffology()];
  const url = `${stack.sandbox.expensein.baseUrl}/admin/people`;
  await page.route(url, (route) =>
    route.fulfill({ contentType: 'text/html', body: unrecognisedUsersPage(people) }),
  );
  await page.goto(url);
  await expect(page.getByRole('listitem')).toHaveCount(people.length);

  // In the page: a discreet notice, not silence, once the page has settled.
  const notice = page.getByRole('complementary', { name: 'staffsync' });
  await expect(notice.getByRole('status')).toContainText(
    'did not recognise this page fully: no Users list found',
  );
  await expect(page.locator('[data-badge]')).toHaveCount(0);

  // The popup names the missing anchor, and so does the page report.
  const popup = new PopupPage(await extensionTab(page), extension.extensionId);
  await popup.open();
  const report = popup.thisPage();
  await expect(report.anchor('usersList')).toContainText('Users list not found');
  await expect(report.anchor('rows')).toContainText('Users list rows not looked for: no Users list');
  await expect(report.anchor('editUserDialog')).toContainText('none open');
  const copied = await report.copyReport();
  expect(copied).toContain('✗ Users list: not found');
  expect(copied).toContain('ul.people-directory');
  for (const person of people) {
    expect(copied).not.toContain(person.email);
    expect(copied).not.toContain(person.name);
  }

  // Options, advanced: the corrections are tried on the ExpenseIn tab, saved, and applied there at once.
  const options = new OptionsPage(popup.page, extension.extensionId);
  await options.open();
  await options.correct({ 'Users list': 'ul.nowhere' });
  await options.saveCorrections();
  await expect(options.page.getByRole('status').filter({ hasText: 'Not saved' })).toBeVisible();
  await expect(
    options.page.getByText('Users list: your selector finds nothing on the open page.'),
  ).toBeVisible();
  await options.correct({
    'Users list': 'ul.people-directory',
    'Users list rows': 'li.person-card',
    "Row's Reference or Email": '.person-contact',
  });
  await options.saveCorrections();
  await expect(options.page.getByRole('status').filter({ hasText: 'Corrections saved' })).toBeVisible();
  await expect(
    options.page.getByRole('list', { name: 'What staffsync finds on the open ExpenseIn tab' }),
  ).toContainText('Users list rows found: your correction (4)');

  await page.bringToFront();
  const badge = (email: string) =>
    page.getByRole('listitem').filter({ hasText: email }).locator('[data-badge]');
  await expect(badge(company.plain(0).email)).toContainText('Linked');
  await expect(badge(company.newStarter().email)).toContainText('Needs setup');
  await expect(badge(company.notInStaffology().email)).toContainText('Not in Staffology');
  await expect(page.locator('[data-badge]:not([data-badge="loading"])')).toHaveCount(people.length);
  await expect(notice).toHaveCount(0);

  // A reload keeps them: the content script asks the background for the saved corrections.
  await page.reload();
  await expect(badge(company.plain(1).email)).toContainText('Linked');
});

test('Copy page report carries the page structure and none of the names, emails and values seeded into it', async ({
  page,
  stack,
  extension,
}) => {
  const user = (await companyUsers(stack)).plain(3);
  const seeded = {
    firstName: 'Zebulon',
    lastName: 'Quarrington-Vask',
    email: 'zq.confidential@seeded-example.co.uk',
    accountName: 'Z Q Vask',
    sortCode: '405060',
    accountNumber: '87650321',
  };
  await stack.patchExpenseInUser(user.userId, {
    firstName: seeded.firstName,
    lastName: seeded.lastName,
    email: seeded.email,
    bankDetails: {
      accountName: seeded.accountName,
      sortCode: seeded.sortCode,
      accountNumber: seeded.accountNumber,
    },
  });
  await page.goto(`${stack.sandbox.expensein.baseUrl}/admin/users?skin=material`);
  await page.getByRole('button', { name: `Edit ${seeded.firstName} ${seeded.lastName}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit User' });
  await expect(dialog.locator('input[name="email"]')).toHaveValue(seeded.email);
  await expect(dialog.getByRole('region', { name: 'staffsync' })).toBeVisible();

  const popup = new PopupPage(await extensionTab(page), extension.extensionId);
  await popup.open();
  const report = popup.thisPage();
  await expect(report.anchor('editUserDialog')).toContainText('dialog named Edit User');
  const copied = await report.copyReport();
  expect(copied).toContain('✓ Edit User window: dialog named Edit User (1)');
  expect(copied).toContain('label.mat-label "First Name"');
  const values = [...Object.values(seeded), '40-50-60', user.reference ?? '', user.employeeNumber];
  for (const value of values.filter((text) => text.length > 2)) expect(copied).not.toContain(value);
  for (const word of ['Zebulon', 'Quarrington', 'confidential', 'seeded-example']) {
    expect(copied.toLowerCase()).not.toContain(word.toLowerCase());
  }
});
