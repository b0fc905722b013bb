import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures.ts';

test.use({ suite: 'popup' });

const DOCS = new URL('../../../docs/', import.meta.url);

test('shows the connection health, the last run and the next run', async ({ popup }) => {
  await popup.open();
  await expect(popup.connection()).toContainText('Healthy');
  await expect(popup.connection()).toContainText('Staffology');
  await expect(popup.connection()).toContainText('Next run');
  await expect(popup.lastRun()).toContainText(/Partial|Succeeded/);
  await expect(popup.lastRun().getByRole('list')).toContainText('employees');
});

test('Sync now starts a run and shows its result; Preview shows what a sync would do', async ({
  popup,
  stack,
  extension,
}) => {
  // ExpenseIn's Users list open in another tab: the popup says what it recognises there.
  const list = await extension.context.newPage();
  await list.goto(`${stack.sandbox.expensein.baseUrl}/admin/users`);
  await expect(list.getByRole('region', { name: 'staffsync sync status' })).toContainText('as of');
  await popup.open();
  const thisPage = popup.thisPage();
  await expect(thisPage.anchor('usersList')).toContainText('Users list found: table named Users (1)');
  await expect(thisPage.anchor('rowKey')).toContainText('Reference column');
  await expect(thisPage.anchor('editUserDialog')).toContainText('Edit User window not looked for: none open');
  await expect(popup.connection()).toContainText('Healthy');
  const runsBefore = (await stack.store.runs.list({ connectionId: stack.connectionId, limit: 100 })).items
    .length;

  await popup.syncNow();
  const result = popup.syncResult();
  await expect(result).toContainText(/Run #\d+ finished: (Partial|Succeeded)/, { timeout: 20_000 });
  expect((await stack.store.runs.list({ connectionId: stack.connectionId, limit: 100 })).items.length).toBe(
    runsBefore + 1,
  );
  // The last run, with its counts, is the one just made.
  const runId = (await result.textContent())?.match(/Run #(\d+)/)?.[1];
  await expect(popup.lastRun()).toContainText(`run #${runId}`);
  await expect(popup.lastRun().getByRole('list', { name: `Counts of run ${runId}` })).toContainText(
    'employees',
  );

  await popup.preview();
  await expect(popup.previewResult().getByRole('list', { name: 'Counts of the preview' })).toContainText(
    'employees',
  );

  await popup.main().screenshot({ path: fileURLToPath(new URL('extension-popup.png', DOCS)) });
  await list.close();
});
