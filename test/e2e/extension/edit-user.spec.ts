import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures.ts';
import { companyUsers } from './support/company-users.ts';

test.use({ suite: 'edit-user' });

const DOCS = new URL('../../../docs/', import.meta.url);

test('shows the staffsync panel in the Edit User pop-up, with markers on the synced fields', async ({
  users,
  stack,
}) => {
  const user = (await companyUsers(stack)).plain(2);
  await users.open();
  const dialog = await users.edit(user.email);
  await expect(dialog.panel).toContainText('Linked');
  await expect(dialog.panel).toContainText(`Employee ${user.employeeNumber}`);
  await expect(dialog.panel).toContainText('Last sync');
  await expect(dialog.panel).toContainText('Next sync');
  await expect(dialog.panel).toContainText('Nothing: ExpenseIn agrees with Staffology.');
  // First Name, Last Name, Email, Department and Leave Date; bank fields where the sync writes them.
  expect(await dialog.markers().count()).toBeGreaterThanOrEqual(5);
  await expect(
    dialog.root.locator('label', { hasText: 'First Name' }).locator('[data-staffsync-marker]'),
  ).toHaveCount(1);
  // The panel is keyboard-usable: its controls are real buttons with names.
  await dialog.panel.getByRole('button', { name: 'Hide details' }).focus();
  await dialog.page.keyboard.press('Enter');
  await expect(dialog.panel.getByRole('button', { name: 'Show details' })).toHaveAttribute(
    'aria-expanded',
    'false',
  );
  await dialog.panel.getByRole('button', { name: 'Show details' }).press('Enter');
  await expect(dialog.panel.getByRole('button', { name: 'Hide details' })).toHaveAttribute(
    'aria-expanded',
    'true',
  );
});

test('warns before Update that the next sync overwrites an edited synced field, lists it after, and Resync puts HR back', async ({
  users,
  stack,
  page,
}) => {
  const user = (await companyUsers(stack)).plain(3);
  const hrFirstName = stack.expenseInUser(user.userId).firstName;
  await users.open();
  let dialog = await users.edit(user.email);
  await expect(dialog.panel).toContainText('Linked');

  // Before Update: the warning is under the field and in the panel.
  await dialog.field('First Name').fill('Augusta');
  await expect(dialog.fieldWarning('firstName')).toContainText(
    `The next sync will overwrite this with “${hrFirstName}”`,
  );
  await expect(dialog.editWarnings()).toContainText(`First Name is synced from Staffology`);
  await expect(dialog.root).toBeVisible();
  // Typing HR's value back ends the warning.
  await dialog.field('First Name').fill(hrFirstName);
  await expect(dialog.fieldWarning('firstName')).toHaveCount(0);
  await dialog.field('First Name').fill('Augusta');
  await dialog.update();
  await expect(dialog.root).toBeHidden();
  expect(stack.expenseInUser(user.userId).firstName).toBe('Augusta');

  // Reopened: the panel reads fresh and lists the pending overwrite, and why.
  dialog = await users.edit(user.email);
  await expect(dialog.pendingOverwrites()).toContainText('First Name');
  await expect(dialog.pendingOverwrites()).toContainText('Augusta');
  await expect(dialog.pendingOverwrites()).toContainText(hrFirstName);
  await expect(dialog.pendingOverwrites()).toContainText('Edited in ExpenseIn since the last sync');
  await expect(dialog.panel.locator('[data-badge]').first()).toContainText('Pending overwrite');

  // A second edit, for the screenshot: a pending overwrite and a warning before saving.
  await dialog.field('Last Name').fill('Byron');
  await expect(dialog.fieldWarning('lastName')).toBeVisible();
  await expect(page.locator('#toasts').getByText('was updated')).toHaveCount(0, { timeout: 10_000 });
  await page.screenshot({ path: fileURLToPath(new URL('extension-panel.png', DOCS)) });
  await dialog.field('Last Name').fill(stack.expenseInUser(user.userId).lastName);

  // Resync: every step, the diff, and the simulator holds HR's value again.
  await dialog.resync();
  const result = dialog.resyncResult();
  await expect(result).toContainText('Succeeded');
  for (const step of ['fetched', 'checked', 'matched', 'planned', 'applied']) {
    await expect(result.getByRole('listitem').filter({ hasText: step })).toHaveCount(1);
  }
  await expect(result).toContainText(`First Name: Augusta → ${hrFirstName}`);
  expect(stack.expenseInUser(user.userId).firstName).toBe(hrFirstName);
  await expect(dialog.panel).toContainText('Nothing: ExpenseIn agrees with Staffology.');
});

test('an edit saved in ExpenseIn shows as Pending overwrite on the Users list at once, with no sync', async ({
  users,
  stack,
  page,
}) => {
  const user = (await companyUsers(stack)).plain(4);
  const runs = async () => (await stack.store.runs.list({ connectionId: stack.connectionId })).total;
  const runsBefore = await runs();
  await users.open();
  await expect(users.badge(user.email)).toContainText('Linked');
  const dialog = await users.edit(user.email);
  await dialog.field('Last Name').fill('Edited-Here');
  await dialog.update();
  await expect(dialog.root).toBeHidden();

  // The list read again, as an administrator reloading it: the badge reads ExpenseIn as it is now (PRODUCT.md 4.4),
  // once the few seconds a read is shared for have passed.
  await expect(async () => {
    await page.reload();
    await expect(users.badge(user.email)).toContainText('Pending overwrite', { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await users.badge(user.email).focus();
  await expect(page.getByText('Last Name edited in ExpenseIn since the last sync').first()).toBeAttached();
  expect(await runs()).toBe(runsBefore);
});
