import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import type { SimulatorHandle } from '../sandbox/core/serve-simulator.ts';
import type { ExpenseInState } from '../sandbox/expensein/types.ts';
import { ADMIN_UI_API_KEY, ADMIN_UI_TODAY, adminUiState, XSS_FIRST_NAME } from './support/admin-ui-state.ts';
import { startExpenseInSandbox } from './support/start-expensein-sandbox.ts';

const DOCS = new URL('../../docs/', import.meta.url);

let sandbox: SimulatorHandle<ExpenseInState>;

test.beforeAll(async () => {
  sandbox = await startExpenseInSandbox(adminUiState(), ADMIN_UI_TODAY);
});
test.afterAll(async () => {
  await sandbox?.close();
});
test.beforeEach(() => {
  sandbox.backend.reset();
});

/** Opens the Users list and plants a marker that only survives if no page load happens afterwards. */
async function openUsers(page: Page, path = '/admin/users') {
  await page.goto(`${sandbox.url}${path}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await expect(usersTable(page).getByRole('row', { name: /Ada Lovelace/ })).toBeVisible();
  await page.evaluate(() => Object.assign(window, { __noReload: 'still here' }));
}

const usersTable = (page: Page) => page.getByRole('table', { name: 'Users' });
const row = (page: Page, name: string | RegExp) => usersTable(page).getByRole('row', { name });
const markerSurvived = (page: Page) => page.evaluate(() => Reflect.get(window, '__noReload'));

async function apiUser(id: number) {
  const response = await fetch(`${sandbox.url}/1.0/users/${id}`, {
    headers: { Authorization: `ApiKey ${ADMIN_UI_API_KEY}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { firstName: string; email: string; leaveDate: string | null };
}

test('lists users with leaver clocks and hides leavers until Include Leavers is ticked', async ({ page }) => {
  await openUsers(page);
  const table = usersTable(page);
  for (const header of ['Name', 'Email', 'Reference', 'Department', 'Status']) {
    await expect(table.getByRole('columnheader', { name: header, exact: true })).toBeVisible();
  }
  await expect(page.getByRole('banner')).toContainText('Northwind Trading Ltd');

  const ada = row(page, /Ada Lovelace/);
  await expect(ada).toContainText('ada.lovelace@northwind.example');
  await expect(ada).toContainText('E1001');
  await expect(ada).toContainText('Engineering');
  await expect(ada).toContainText('Active');
  await expect(ada.getByRole('img', { name: /leaver/i })).toHaveCount(0);

  const grace = row(page, /Grace Hopper/).getByRole('img', { name: 'Scheduled leaver', exact: true });
  await expect(grace).toBeVisible();
  await expect(grace).toHaveAttribute('title', /30 Apr 2026/);

  // Left before today, and left today: both hidden by default.
  await expect(row(page, /Katherine Johnson/)).toHaveCount(0);
  await expect(row(page, /Hedy Lamarr/)).toHaveCount(0);

  await page.getByLabel('Include Leavers').check();
  await page.getByRole('search', { name: 'Filter' }).getByRole('button', { name: 'Update' }).click();
  const katherine = row(page, /Katherine Johnson/).getByRole('img', { name: 'Leaver', exact: true });
  await expect(katherine).toBeVisible();
  await expect(katherine).toHaveAttribute('title', /31 Jan 2026/);
  await expect(row(page, /Hedy Lamarr/).getByRole('img', { name: 'Leaver', exact: true })).toBeVisible();
  await page.screenshot({ path: fileURLToPath(new URL('sandbox-users-list.png', DOCS)) });

  await page.getByLabel('User Search').fill('turing');
  await page.getByLabel('User Search').press('Enter');
  await expect(table.getByRole('row')).toHaveCount(2); // header + Alan Turing
  await expect(row(page, /Alan Turing/)).toBeVisible();
  expect(await markerSurvived(page)).toBe('still here');
});

test('edits a user in the Edit User pop-up and saves through the API without a page load', async ({
  page,
}) => {
  await openUsers(page);
  await row(page, /Ada Lovelace/)
    .getByRole('button', { name: /^Edit/ })
    .click();
  await expect(page).toHaveURL(/\/admin\/users\?edit=1$/);

  const dialog = page.getByRole('dialog', { name: 'Edit User' });
  await expect(dialog).toBeVisible();
  const firstName = dialog.getByLabel('First Name');
  await expect(firstName).toHaveValue('Ada');
  await expect(firstName).toBeFocused();
  for (const tab of ['Details', 'Settings', 'Out of Office', 'Employment']) {
    await expect(dialog.getByRole('tab', { name: tab })).toBeVisible();
  }
  for (const label of ['Last Name', 'Email', 'Reference', 'Statement Identifier (optional)', 'Department']) {
    await expect(dialog.getByLabel(label, { exact: true })).toBeVisible();
  }
  await expect(dialog.getByLabel('Account Administrator')).toBeChecked();
  await expect(dialog.getByLabel('Department', { exact: true })).toHaveValue('3');
  await expect(dialog.getByLabel('Sort Code')).toHaveValue('11-22-33');
  await page.screenshot({ path: fileURLToPath(new URL('sandbox-edit-user.png', DOCS)) });

  // The tabs are keyboard-operable (ARIA tabs pattern).
  await dialog.getByRole('tab', { name: 'Details' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(dialog.getByRole('tab', { name: 'Settings' })).toHaveAttribute('aria-selected', 'true');
  await expect(
    dialog.getByRole('tabpanel', { name: 'Settings' }).getByLabel('Create Personal Car Mileage Expenses'),
  ).toBeChecked();

  await dialog.getByRole('tab', { name: 'Details' }).click();
  await firstName.fill('Augusta');
  await dialog.getByRole('button', { name: 'Update' }).click();

  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(row(page, /Augusta Lovelace/)).toBeVisible();
  await expect(row(page, /Ada Lovelace/)).toHaveCount(0);
  expect((await apiUser(1)).firstName).toBe('Augusta');
  expect(await markerSurvived(page)).toBe('still here');
});

test('schedules a leaver from the Employment tab and shows the yellow clock', async ({ page }) => {
  await openUsers(page);
  await row(page, /Alan Turing/)
    .getByRole('button', { name: /^Edit/ })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Edit User' });
  await dialog.getByRole('tab', { name: 'Employment' }).click();
  await dialog.getByLabel('Leave Date').fill('2026-06-30');
  await dialog.getByRole('button', { name: 'Update' }).click();

  await expect(dialog).toBeHidden();
  await expect(
    row(page, /Alan Turing/).getByRole('img', { name: 'Scheduled leaver', exact: true }),
  ).toHaveAttribute('title', /30 Jun 2026/);
  expect((await apiUser(3)).leaveDate).toBe('2026-06-30');
  expect(await markerSurvived(page)).toBe('still here');
});

test('shows a 409 (email taken) on the Email field and a 400 on the Sort Code field', async ({ page }) => {
  await openUsers(page);
  await row(page, /Alan Turing/)
    .getByRole('button', { name: /^Edit/ })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Edit User' });
  const email = dialog.getByLabel('Email', { exact: true });
  await email.fill('ADA.LOVELACE@northwind.example');
  await dialog.getByRole('button', { name: 'Update' }).click();

  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(email).toHaveAccessibleDescription(/already in use/i);
  await expect(email).toBeFocused();
  await expect(dialog.getByRole('alert')).toContainText('already used by another user');
  expect((await apiUser(3)).email).toBe('alan.turing@northwind.example');

  await email.fill('alan.turing@northwind.example');
  await dialog.getByLabel('Account Name').fill('A Turing');
  await dialog.getByLabel('Sort Code').fill('12-34');
  await dialog.getByLabel('Account Number').fill('87654321');
  await dialog.getByRole('button', { name: 'Update' }).click();
  await expect(dialog.getByLabel('Sort Code')).toHaveAccessibleDescription(/6 digits/);
  await expect(email).not.toHaveAttribute('aria-invalid', 'true');

  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/\/admin\/users$/);
  expect(await markerSurvived(page)).toBe('still here');
});

test('opens the pop-up from ?edit=<id> on a direct load, and Escape closes it and restores the URL', async ({
  page,
}) => {
  await page.goto(`${sandbox.url}/admin/users?edit=7`);
  const dialog = page.getByRole('dialog', { name: 'Edit User' });
  await expect(dialog.getByLabel('First Name')).toHaveValue('Tim');
  await page.evaluate(() => Object.assign(window, { __noReload: 'still here' }));

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(row(page, /Tim Berners-Lee/)).toBeVisible();

  // Back and Forward follow the pop-up too.
  await row(page, /Tim Berners-Lee/)
    .getByRole('button', { name: /^Edit/ })
    .click();
  await expect(dialog).toBeVisible();
  await page.goBack();
  await expect(dialog).toBeHidden();
  await page.goForward();
  await expect(dialog.getByLabel('First Name')).toHaveValue('Tim');
  expect(await markerSurvived(page)).toBe('still here');
});

test('creates a user from Add > New User through the same API', async ({ page }) => {
  await openUsers(page);
  await page.getByRole('button', { name: 'Add' }).click();
  await page.getByRole('menuitem', { name: 'New User' }).click();
  const dialog = page.getByRole('dialog', { name: 'New User' });
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog.getByLabel('First Name', { exact: true })).toHaveAccessibleDescription(/required/i);

  await dialog.getByLabel('First Name', { exact: true }).fill('Mary');
  await dialog.getByLabel('Last Name', { exact: true }).fill('Jackson');
  await dialog.getByLabel('Email', { exact: true }).fill('mary.jackson@northwind.example');
  await dialog.getByRole('button', { name: 'Create' }).click();
  // "User references must be unique" is on, so the API requires a Reference too.
  const reference = dialog.getByLabel('Reference', { exact: true });
  await expect(reference).toHaveAccessibleDescription(/required/i);
  await expect(dialog.getByLabel('First Name', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');

  await reference.fill('E2001');
  await dialog.getByLabel('Department', { exact: true }).selectOption({ label: 'Finance' });
  await dialog.getByLabel('Send Invite').check();
  await dialog.getByRole('button', { name: 'Create' }).click();

  await expect(dialog).toBeHidden();
  const mary = row(page, /Mary Jackson/);
  await expect(mary).toContainText('E2001');
  await expect(mary).toContainText('Finance');
  await expect(mary).toContainText('Invited');
  expect((await apiUser(9)).email).toBe('mary.jackson@northwind.example');
  expect(await markerSurvived(page)).toBe('still here');
});

test('shows a name with markup as text, never as HTML', async ({ page }) => {
  await openUsers(page);
  const markup = row(page, 'Markup');
  await expect(markup).toContainText(`${XSS_FIRST_NAME} Markup`);
  await expect(usersTable(page).locator('img')).toHaveCount(0);

  await markup.getByRole('button', { name: /^Edit/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit User' });
  await expect(dialog.getByLabel('First Name')).toHaveValue(XSS_FIRST_NAME);
  await expect(dialog).toContainText(XSS_FIRST_NAME);
  await expect(page.locator('img')).toHaveCount(0);
  expect(await page.evaluate(() => Reflect.get(window, '__xss'))).toBeUndefined();
});

test('navigates between Users and Departments in the page, and loads Departments directly', async ({
  page,
}) => {
  await openUsers(page);
  const nav = page.getByRole('navigation', { name: 'User Management' });
  await nav.getByRole('link', { name: 'Departments' }).click();
  await expect(page).toHaveURL(/\/admin\/departments$/);
  const departments = page.getByRole('table', { name: 'Departments' });
  await expect(departments.getByRole('row', { name: /Engineering/ })).toContainText('D-ENG');
  expect(await markerSurvived(page)).toBe('still here');

  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  expect(await markerSurvived(page)).toBe('still here');

  await page.goto(`${sandbox.url}/admin/departments`);
  await expect(page.getByRole('heading', { level: 1, name: 'Departments' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Departments' })).toHaveAttribute('aria-current', 'page');
});

test('grid skin: an ARIA grid with no Reference column, drawing only the rows in view and reusing them', async ({
  page,
}) => {
  sandbox.backend.load({
    ...adminUiState(),
    users: Array.from({ length: 30 }, (_, index) => ({
      ...adminUiState().users[0],
      id: 100 + index,
      firstName: `Person${String(index).padStart(2, '0')}`,
      email: `person${index}@northwind.example`,
      reference: `P${index}`,
      bankDetails: null,
    })),
  } as ExpenseInState);
  await page.goto(`${sandbox.url}/admin/users?skin=grid`);
  const grid = page.getByRole('grid', { name: 'User directory' });
  await expect(grid.getByRole('row', { name: /Person00/ })).toBeVisible();
  await expect(grid.getByRole('columnheader')).toHaveText(['Name', 'Email', 'Department', 'Status', '']);
  await expect(grid).toHaveAttribute('aria-rowcount', '31');
  const drawn = await grid.locator('.ug-body [role="row"]').count();
  expect(drawn).toBeLessThan(30);
  // Tag the drawn row elements: after a scroll, tagged elements showing other people prove they are reused.
  await grid.locator('.ug-body [role="row"]').evaluateAll((rows) => {
    for (const row of rows) Object.assign(row, { __kept: row.textContent });
  });
  await grid.locator('.ug-viewport').evaluate((viewport) => viewport.scrollTo(0, viewport.scrollHeight));
  await expect(grid.getByRole('row', { name: /Person29/ })).toBeVisible();
  await expect(grid.getByRole('row', { name: /Person00/ })).toHaveCount(0);
  // The same row elements now show other people.
  const reused = await grid
    .locator('.ug-body [role="row"]')
    .evaluateAll(
      (rows) =>
        rows.filter(
          (row) =>
            typeof Reflect.get(row, '__kept') === 'string' && Reflect.get(row, '__kept') !== row.textContent,
        ).length,
    );
  expect(reused).toBeGreaterThan(0);
});

test('material skin: one dialog kept and reused, tabs that drop inactive panes, dates saved from dd/mm/yyyy', async ({
  page,
}) => {
  await page.goto(`${sandbox.url}/admin/users?skin=material`);
  await page.getByRole('button', { name: 'Edit Ada Lovelace' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit User' });
  const field = (label: string) =>
    dialog
      .locator('.mat-form-field')
      .filter({ has: page.getByText(label, { exact: true }) })
      .locator('input, select');
  await expect(field('First Name')).toHaveValue('Ada');
  await expect(field('Department')).toHaveValue('Engineering');
  const dialogElement = await dialog.elementHandle();

  await dialog.getByRole('tab', { name: 'Employment' }).click();
  await expect(field('First Name')).toHaveCount(0);
  await field('Leave Date').fill('31/01/2027');
  await dialog.getByRole('button', { name: 'Update' }).click();
  await expect(dialog).toBeHidden();
  expect((await apiUser(1)).leaveDate).toBe('2027-01-31');

  await page.getByRole('button', { name: 'Edit Alan Turing' }).click();
  await expect(field('First Name')).toHaveValue('Alan');
  expect(await dialog.evaluate((element, kept) => element === kept, dialogElement)).toBe(true);
  await expect(page.locator('[role="dialog"][aria-labelledby="mat-dialog-title"]')).toHaveCount(1);
});
