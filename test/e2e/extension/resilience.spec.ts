import type { StaffologyState } from '../../sandbox/staffology/types.ts';
import { expect, test } from './fixtures.ts';
import { companyUsers } from './support/company-users.ts';

test.use({ suite: 'resilience' });

const MARKUP = '<img src=x onerror=alert(1)>';

test('with the server stopped, says it is unreachable and ExpenseIn still works', async ({
  users,
  stack,
}) => {
  const user = (await companyUsers(stack)).plain(5);
  const hrLastName = stack.expenseInUser(user.userId).lastName;
  await stack.stopServer();
  try {
    await users.open();
    const down = users.strip().getByRole('status').filter({ hasText: 'Server unreachable' });
    await expect(down).toBeVisible();
    await expect(users.strip()).toContainText('ExpenseIn works as usual');
    await expect(users.page.getByRole('alert')).toHaveCount(0);

    const dialog = await users.edit(user.email);
    await expect(dialog.panel.getByRole('status').filter({ hasText: 'Server unreachable' })).toBeVisible();
    await expect(dialog.panel).toContainText('you can still edit and save the user');
    // With the details hidden, the problem still shows, and is the status read out.
    await dialog.panel.getByRole('button', { name: 'Hide details' }).click();
    await expect(dialog.panel.getByRole('status').filter({ hasText: 'Server unreachable' })).toBeVisible();
    await expect(dialog.panel.locator('[data-staffsync="problem-chip"]')).toContainText(
      'could not be reached',
    );
    await dialog.panel.getByRole('button', { name: 'Show details' }).click();
    await dialog.field('Last Name').fill('Unreachable-Test');
    await dialog.update();
    await expect(dialog.root).toBeHidden();
    expect(stack.expenseInUser(user.userId).lastName).toBe('Unreachable-Test');
  } finally {
    await stack.startServer();
  }
  // Try again finds the server back, and the badge shows the edit saved meanwhile as a pending overwrite.
  await users.strip().getByRole('button', { name: 'Try again' }).click();
  await expect(users.strip().locator('[data-problem]')).toHaveCount(0);
  await expect(users.badge(user.email)).toContainText('Pending overwrite');
  // And the next sync puts HR's last name back (R7, R16).
  await stack.sync();
  expect(stack.expenseInUser(user.userId).lastName).toBe(hrLastName);
  await users.open();
  await expect(users.badge(user.email)).toContainText('Linked');
});

test('shows an employee named with markup as text, never as HTML', async ({ users, stack, page }) => {
  const user = (await companyUsers(stack)).plain(6);
  const alerts: string[] = [];
  page.on('dialog', async (dialog) => {
    alerts.push(dialog.message());
    await dialog.dismiss();
  });
  // HR renames the employee: the panel shows the pending overwrite with HR's value.
  const staffology = stack.sandbox.staffology.control.backend;
  const state: StaffologyState = staffology.snapshot();
  for (const employees of Object.values(state.employees)) {
    for (const employee of employees) {
      if (employee.employmentDetails.payrollCode === user.employeeNumber)
        employee.personalDetails.firstName = MARKUP;
    }
  }
  staffology.load(state);

  await users.open();
  const dialog = await users.edit(user.email);
  await expect(dialog.pendingOverwrites()).toContainText(MARKUP);
  await expect(dialog.panel).toContainText(`(${MARKUP} `);
  await dialog.cancel();

  // After a sync ExpenseIn holds the name too; the badge sits beside it.
  await stack.sync();
  await users.open();
  await expect(users.row(user.email)).toContainText(MARKUP);
  await expect(users.badge(user.email)).toContainText('Linked');
  await users.edit(user.email);
  await expect(page.locator('img')).toHaveCount(0);
  expect(alerts).toEqual([]);
});
