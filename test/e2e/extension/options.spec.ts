import { expect, test } from './fixtures.ts';
import { connectExtension } from './support/load-extension.ts';

test.use({ suite: 'options' });

test.afterEach(async ({ extension, stack }) => {
  // Whatever a test typed, the next one starts from working settings.
  await connectExtension(extension.context, { serverUrl: stack.serverUrl, token: stack.token });
});

test('tests the connection with the saved server URL and token', async ({ options, stack }) => {
  await options.open();
  await expect(options.serverUrl()).toHaveValue(stack.serverUrl);
  await expect(options.token()).toHaveValue(stack.token);
  await options.testConnection();
  const result = options.page.getByRole('status').filter({ hasText: 'Connected.' });
  await expect(result).toContainText(`at ${stack.serverUrl} accepted the token`);
  await expect(result).toContainText('1 connection');
});

test('says clearly that a wrong token is refused, and the Users list says so too', async ({
  options,
  users,
  stack,
  page,
}) => {
  await options.open();
  await options.fill({ serverUrl: stack.serverUrl, token: 'not-a-real-token' });
  await options.testConnection();
  const refused = page.getByRole('status').filter({ hasText: 'Unauthorised' });
  await expect(refused).toContainText('Test connection failed');
  await expect(refused).toContainText('refused the API token');

  await options.save();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await users.open();
  await expect(users.strip().getByRole('status').filter({ hasText: 'Unauthorised' })).toBeVisible();
  // A polite status, never an alert that interrupts on every page load.
  await expect(users.strip().getByRole('alert')).toHaveCount(0);
  await expect(users.strip().getByRole('button', { name: 'Open staffsync options' })).toBeVisible();
  // ExpenseIn itself is untouched.
  await expect(users.table().locator('tbody tr').first()).toBeVisible();
});

test('says an unreachable server is unreachable, and refuses an address that is not one', async ({
  options,
  page,
}) => {
  await options.open();
  await options.fill({ serverUrl: 'http://127.0.0.1:9', token: 'anything' });
  await options.testConnection();
  await expect(page.getByRole('status').filter({ hasText: 'Server unreachable' })).toContainText(
    'could not be reached',
  );

  await options.fill({ serverUrl: 'not a url', token: 'anything' });
  await options.save();
  await expect(options.serverUrl()).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert').filter({ hasText: 'Enter the server address' })).toBeVisible();
});

test('keeps the API token from content scripts: only the background and extension pages read storage', async ({
  users,
  page,
  extension,
  stack,
}) => {
  await users.open();
  await expect(users.strip()).toContainText('as of');
  // The content script's own isolated world, reached through the DevTools protocol (Playwright has no handle on it).
  const cdp = await extension.context.newCDPSession(page);
  const contexts: { id: number; name: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await cdp.send('Runtime.enable');
  await expect
    .poll(() => contexts.filter((context) => context.auxData?.type === 'isolated').length)
    .toBeGreaterThan(0);
  const isolated = contexts.find(
    (context) => context.auxData?.type === 'isolated' && context.name === 'staffsync for ExpenseIn',
  );
  expect(isolated, 'the content script world').toBeDefined();
  const read =
    "chrome.storage.local.get(null).then((items) => JSON.stringify(items), (error) => ['refused:', error.message].join(' '))";
  const fromContentScript = await cdp.send('Runtime.evaluate', {
    expression: read,
    contextId: isolated?.id,
    awaitPromise: true,
    returnByValue: true,
  });
  expect(fromContentScript.result.value).toMatch(/^refused: /);
  expect(String(fromContentScript.result.value)).not.toContain(stack.token);

  let [worker] = extension.context.serviceWorkers();
  if (!worker) worker = await extension.context.waitForEvent('serviceworker');
  expect(await worker.evaluate(read)).toContain(stack.token);
});
