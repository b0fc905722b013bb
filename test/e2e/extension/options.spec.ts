import { configureExtension, expect, test } from './fixtures.ts';

test.use({ suite: 'options' });

test.afterEach(async ({ extension, stack }) => {
  // Whatever a test typed, the next one starts from working settings.
  await configureExtension(extension.context, { serverUrl: stack.serverUrl, token: stack.token });
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
  const alert = page.getByRole('alert').filter({ hasText: 'Unauthorised' });
  await expect(alert).toContainText('Test connection failed');
  await expect(alert).toContainText('refused the API token');

  await options.save();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await users.open();
  await expect(users.strip().getByRole('alert')).toContainText('Unauthorised');
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
  await expect(page.getByRole('alert').filter({ hasText: 'Server unreachable' })).toContainText(
    'could not be reached',
  );

  await options.fill({ serverUrl: 'not a url', token: 'anything' });
  await options.save();
  await expect(options.serverUrl()).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert').filter({ hasText: 'Enter the server address' })).toBeVisible();
});
