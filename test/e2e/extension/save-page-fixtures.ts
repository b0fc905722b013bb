import { writeFile } from 'node:fs/promises';
import { chromium, type Page } from '@playwright/test';
import { ADMIN_UI_TODAY, adminUiState } from '../support/admin-ui-state.ts';
import { startExpenseInSandbox } from '../support/start-expensein-sandbox.ts';
import { unrecognisedUsersPage } from './support/unrecognised-users-page.ts';

/**
 * Saves the sandbox admin UI's rendered pages into extension/src/page/__fixtures__/, where the selector registry's
 * unit tests read them (STYLE.md 7: selectors are tested against saved pages, never the live site). Run it again
 * whenever the admin UI changes:
 *   pnpm --filter @staffsync/test exec tsx e2e/extension/save-page-fixtures.ts
 */
const FIXTURES = new URL('../../../extension/src/page/__fixtures__/', import.meta.url);

async function save(page: Page, name: string) {
  const html = await page.evaluate(() => {
    // Form state lives in properties, which outerHTML drops: copy it into attributes so the copy keeps it.
    for (const input of document.querySelectorAll('input')) {
      if (input.type === 'checkbox' || input.type === 'radio')
        input.toggleAttribute('checked', input.checked);
      else input.setAttribute('value', input.value);
    }
    for (const option of document.querySelectorAll('option'))
      option.toggleAttribute('selected', option.selected);
    // Biome lints HTML and honours `biome-ignore-all` only as the file's first node: these pages are the sandbox's
    // markup, kept as it was rendered, not ours to fix.
    return `<!-- biome-ignore-all lint: a saved copy of the sandbox's page -->\n<!doctype html>\n${document.documentElement.outerHTML}\n`;
  });
  await writeFile(new URL(name, FIXTURES), html);
  console.log(`saved ${name}`);
}

async function main() {
  const sandbox = await startExpenseInSandbox(adminUiState(), ADMIN_UI_TODAY);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
  });
  try {
    const page = await browser.newPage({ locale: 'en-GB' });
    const table = page.getByRole('table', { name: 'Users' });

    await page.goto(`${sandbox.url}/admin/users`);
    await table.getByRole('row', { name: /Ada Lovelace/ }).waitFor();
    await save(page, 'users-list.html');

    await page.getByLabel('Include Leavers').check();
    await page.getByRole('search', { name: 'Filter' }).getByRole('button', { name: 'Update' }).click();
    await table.getByRole('row', { name: /Katherine Johnson/ }).waitFor();
    await save(page, 'users-list-leavers.html');

    await page.goto(`${sandbox.url}/admin/users?edit=1`);
    const dialog = page.getByRole('dialog', { name: 'Edit User' });
    await dialog.getByLabel('First Name').waitFor();
    await save(page, 'edit-user.html');

    await page.goto(`${sandbox.url}/admin/users`);
    await table.getByRole('row', { name: /Ada Lovelace/ }).waitFor();
    await page.getByRole('button', { name: 'Add' }).click();
    await page.getByRole('menuitem', { name: 'New User' }).click();
    await page.getByRole('dialog', { name: 'New User' }).getByLabel('First Name').waitFor();
    await save(page, 'new-user.html');

    await page.goto(`${sandbox.url}/admin/departments`);
    await page.getByRole('table', { name: 'Departments' }).getByRole('row').nth(1).waitFor();
    await save(page, 'departments.html');

    // The skins: other markup for the same pages (test/sandbox/expensein/admin-ui/create-admin-ui.ts).
    await page.goto(`${sandbox.url}/admin/users?skin=grid`);
    await page
      .getByRole('grid')
      .getByRole('row', { name: /Ada Lovelace/ })
      .waitFor();
    await save(page, 'grid-users-list.html');

    await page.goto(`${sandbox.url}/admin/users?skin=material`);
    await page.getByRole('row', { name: /Ada Lovelace/ }).waitFor();
    await page.getByRole('button', { name: 'Edit Ada Lovelace' }).click();
    const material = page.getByRole('dialog', { name: 'Edit User' });
    await material.getByRole('progressbar').waitFor({ state: 'detached' });
    await save(page, 'material-edit-user.html');
    await material.getByRole('tab', { name: 'Employment' }).click();
    await material.getByPlaceholder('dd/mm/yyyy').waitFor();
    await save(page, 'material-edit-user-employment.html');
    await material.getByRole('button', { name: 'Cancel' }).click();
    await material.waitFor({ state: 'hidden' });
    // The dialog stays in the page, hidden, holding the last user.
    await save(page, 'material-users-list.html');

    // A Users page the registry does not recognise (the in-page notice's anchor).
    const people = adminUiState().users.map((user) => ({
      name: `${user.firstName} ${user.lastName}`,
      email: user.email,
    }));
    await page.route(`${sandbox.url}/unrecognised-users`, (route) =>
      route.fulfill({ contentType: 'text/html', body: unrecognisedUsersPage(people) }),
    );
    await page.goto(`${sandbox.url}/unrecognised-users`);
    await save(page, 'unrecognised-users.html');
  } finally {
    await browser.close();
    await sandbox.close();
  }
}

await main();
