import { fileURLToPath } from 'node:url';
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import type { EditUserDialog } from './pages/edit-user-dialog.ts';
import { GridUsersPage } from './pages/grid-users-page.ts';
import { MaterialUsersPage } from './pages/material-users-page.ts';
import { companyUsers } from './support/company-users.ts';

// The extension on ExpenseIn pages built differently from the default look (issue 11): the sandbox's grid and
// material skins, with the built sandbox extension, the real server and the sandbox.
test.use({ suite: 'skins' });

const DOCS = new URL('../../../docs/', import.meta.url);

/** The Resync trace: every step, once. */
async function expectTrace(result: Locator): Promise<void> {
  await expect(result).toContainText('Succeeded');
  for (const step of ['fetched', 'checked', 'matched', 'planned', 'applied']) {
    await expect(result.getByRole('listitem').filter({ hasText: step })).toHaveCount(1);
  }
}

test.describe('grid: a virtualised ARIA grid with no Reference column', () => {
  test('a badge of the right kind on every row, keyed by email, as the grid scrolls', async ({
    page,
    stack,
  }) => {
    const company = await companyUsers(stack);
    const grid = new GridUsersPage(page, stack.sandbox.expensein.baseUrl);
    await grid.open();
    await expect(grid.strip()).toContainText('as of');
    await expect(grid.grid.getByRole('columnheader', { name: 'Reference' })).toHaveCount(0);

    const expected: [string, string][] = [
      [company.plain(1).email, 'Linked'],
      [company.newStarter().email, 'Needs setup'],
      [company.notInStaffology().email, 'Not in Staffology'],
    ];
    for (const [email, text] of expected) {
      await grid.scrollTo(email);
      await expect(grid.badge(email), email).toContainText(text);
      // Every row drawn now has exactly one badge, however the grid reused its row elements.
      const drawn = await grid.rows().count();
      await expect(grid.rows().locator('[data-badge]:not([data-badge="loading"])')).toHaveCount(drawn);
    }
  });

  // The grid shows no Reference: the server finds each row by its email among ExpenseIn's current users
  // (PRODUCT.md 4.4), so a skipped or conflicting user, or a leaver, whose email the sync never wrote still gets its
  // badge.
  test('skipped, conflicting and leaving users keyed by email get their badges', async ({ page, stack }) => {
    const company = await companyUsers(stack);
    const grid = new GridUsersPage(page, stack.sandbox.expensein.baseUrl);
    await grid.open();
    for (const [email, text] of [
      [company.skipped().email, 'Skipped: '],
      [company.conflict().email, 'Conflict: '],
      [company.scheduledLeaver().email, 'Scheduled leaver'],
    ] as const) {
      await grid.scrollTo(email);
      await expect(grid.badge(email), email).toContainText(text);
    }
  });

  test('the panel for the opened user, markers, the warning before Update and Resync with its trace', async ({
    page,
    stack,
  }) => {
    test.setTimeout(60_000);
    const user = (await companyUsers(stack)).plainInDepartment(0);
    const hrFirstName = stack.expenseInUser(user.userId).firstName;
    const grid = new GridUsersPage(page, stack.sandbox.expensein.baseUrl);
    await grid.open();
    const dialog = await grid.edit(user.email);
    await expect(dialog.panel).toContainText(`Employee ${user.employeeNumber}`);
    await expectMarkers(dialog, ['First Name', 'Last Name', 'Email', 'Department']);

    await dialog.field('First Name').fill('Augusta');
    await expect(dialog.fieldWarning('firstName')).toContainText(`overwrite this with “${hrFirstName}”`);
    await expect(dialog.editWarnings()).toContainText('First Name is synced from Staffology');
    await grid.page.screenshot({ path: fileURLToPath(new URL('extension-grid-panel.png', DOCS)) });
    await dialog.field('First Name').fill(hrFirstName);
    await expect(dialog.fieldWarning('firstName')).toHaveCount(0);

    await dialog.resync();
    await expectTrace(dialog.resyncResult());
    await dialog.cancel();

    await page.setViewportSize({ width: 1280, height: 900 });
    await grid.scrollTo((await companyUsers(stack)).newStarter().email);
    await expect(grid.rows().locator('[data-badge="loading"]')).toHaveCount(0);
    await page.screenshot({ path: fileURLToPath(new URL('extension-grid-badges.png', DOCS)) });
  });

  test('Leave Date carries its marker on the Employment tab for a scheduled leaver', async ({
    page,
    stack,
  }) => {
    const leaver = (await companyUsers(stack)).scheduledLeaver();
    const grid = new GridUsersPage(page, stack.sandbox.expensein.baseUrl);
    await grid.open();
    const dialog = await grid.edit(leaver.email);
    await expect(dialog.panel).toContainText('Scheduled leaver');
    await dialog.root.getByRole('tab', { name: 'Employment' }).click();
    await expect(
      dialog.root.locator('label', { hasText: 'Leave Date' }).locator('[data-staffsync-marker]'),
    ).toHaveCount(1);
  });
});

async function expectMarkers(dialog: EditUserDialog, labels: string[]): Promise<void> {
  for (const label of labels) {
    await expect(
      dialog.root.locator('label', { hasText: new RegExp(`^${label}$`) }).locator('[data-staffsync-marker]'),
      label,
    ).toHaveCount(1);
  }
}

test.describe('material: a reused dialog, tabs that drop their panes, dd/mm/yyyy dates, captions for labels', () => {
  test('badges on the unnamed table, keyed by reference or email', async ({ page, stack }) => {
    const company = await companyUsers(stack);
    const material = new MaterialUsersPage(page, stack.sandbox.expensein.baseUrl);
    await material.open();
    await expect(material.strip()).toContainText('as of');
    await expect(material.badge(company.plain(2).email)).toContainText('Linked');
    await expect(material.badge(company.newStarter().email)).toContainText('Needs setup');
    await expect(material.badge(company.notInStaffology().email)).toContainText('Not in Staffology');
    const rows = await material.table().locator('tbody tr').count();
    await expect(material.table().locator('tbody [data-badge]:not([data-badge="loading"])')).toHaveCount(
      rows,
    );
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: fileURLToPath(new URL('extension-material-badges.png', DOCS)) });
  });

  test('the panel, markers on the captioned fields, the warning before Update and Resync with its trace', async ({
    page,
    stack,
  }) => {
    test.setTimeout(60_000);
    const user = (await companyUsers(stack)).plainInDepartment(1);
    const hrLastName = stack.expenseInUser(user.userId).lastName;
    const material = new MaterialUsersPage(page, stack.sandbox.expensein.baseUrl);
    await material.open();
    await material.edit(user.email);
    await expect(material.panel).toContainText(`Employee ${user.employeeNumber}`);
    for (const caption of ['First Name', 'Last Name', 'Email', 'Department']) {
      await expect(material.marker(caption), caption).toHaveCount(1);
    }

    await material.field('Last Name').fill('Byron');
    await expect(material.warning('lastName')).toContainText(`overwrite this with “${hrLastName}”`);
    await expect(material.panel.locator('[data-staffsync="edit-warnings"]')).toContainText(
      'Last Name is synced',
    );

    // A tab that removes its inactive panes: the Details pane comes back drawn anew, markers and warning with it.
    await material.tab('Employment');
    await expect(material.field('Last Name')).toHaveCount(0);
    await material.tab('Details');
    await expect(material.field('Last Name')).toHaveValue('Byron');
    await expect(material.marker('Last Name')).toHaveCount(1);
    await expect(material.warning('lastName')).toContainText(`overwrite this with “${hrLastName}”`);
    await page.screenshot({ path: fileURLToPath(new URL('extension-material-panel.png', DOCS)) });
    await material.field('Last Name').fill(hrLastName);
    await expect(material.warning('lastName')).toHaveCount(0);

    await material.panel.getByRole('button', { name: 'Resync' }).click();
    await expectTrace(material.panel.getByRole('region', { name: 'Resync result' }));
    await material.cancel();
  });

  test('Leave Date: its marker on the Employment tab, and dates compared as dates whatever their format', async ({
    page,
    stack,
  }) => {
    const leaver = (await companyUsers(stack)).scheduledLeaver();
    const leaveDate =
      stack.sandbox.expensein.control.backend.snapshot().users.find((user) => user.id === leaver.userId)
        ?.leaveDate ?? '';
    const [year, month, day] = leaveDate.split('-');
    const material = new MaterialUsersPage(page, stack.sandbox.expensein.baseUrl);
    await material.open();
    await material.edit(leaver.email);
    await expect(material.panel).toContainText('Scheduled leaver');
    await material.tab('Employment');
    const field = material.field('Leave Date');
    await expect(field).toHaveValue(`${day}/${month}/${year}`);
    await expect(material.marker('Leave Date')).toHaveCount(1);

    // The same day written the ISO way is no change; another day is, and is named as the form showed it.
    await field.fill(leaveDate);
    await field.blur();
    await expect(material.warning('leaveDate')).toHaveCount(0);
    await field.fill(`01/01/${Number(year) + 1}`);
    await expect(material.warning('leaveDate')).toContainText(
      `overwrite this with “${day}/${month}/${year}”`,
    );
    // Picked back from the calendar: no input event, the value set by the page; the warning goes.
    await field.fill(`${day === '01' ? '02' : '01'}/${month}/${year}`);
    await material.dialog.getByRole('button', { name: 'Open calendar' }).click();
    await material.dialog.getByRole('button', { name: new RegExp(`^${Number(day)} `) }).click();
    await expect(field).toHaveValue(`${day}/${month}/${year}`);
    await expect(material.warning('leaveDate')).toHaveCount(0);
    await material.cancel();
  });

  test('the reused dialog shows the second user opened, whether closed in between or not', async ({
    page,
    stack,
  }) => {
    const company = await companyUsers(stack);
    const [first, second, third] = [company.plain(4), company.conflict(), company.plain(5)];
    const material = new MaterialUsersPage(page, stack.sandbox.expensein.baseUrl);
    await material.open();
    await material.edit(first.email);
    await expect(material.panel).toContainText(`Employee ${first.employeeNumber}`);
    await material.cancel();

    await material.edit(second.email);
    await expect(material.panel).toContainText('Conflict');
    await expect(material.panel).not.toContainText(`Employee ${first.employeeNumber}`);

    // Forward in history to another user while the dialog stays open: filled in place, same dialog element.
    const thirdId = String(third.userId);
    await page.evaluate((id) => {
      history.pushState({ editUser: Number(id) }, '', `?skin=material&edit=${id}`);
      dispatchEvent(new PopStateEvent('popstate'));
    }, thirdId);
    await expect(material.field('Email')).toHaveValue(third.email);
    await expect(material.panel).toContainText(`Employee ${third.employeeNumber}`);
    await expect(material.panel).not.toContainText('Conflict');
    await expect(page.locator('[role="dialog"]')).toHaveCount(1);
  });
});
