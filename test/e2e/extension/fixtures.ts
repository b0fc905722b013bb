import { type BrowserContext, test as base, type Page } from '@playwright/test';
import { EditUserDialog } from './pages/edit-user-dialog.ts';
import { OptionsPage } from './pages/options-page.ts';
import { PopupPage } from './pages/popup-page.ts';
import { UsersPage } from './pages/users-page.ts';
import { launchConnected } from './support/load-extension.ts';
import { type ServerStack, startStaffsyncStack } from './support/start-staffsync-stack.ts';

interface WorkerFixtures<S extends ServerStack> {
  /**
   * Each spec file names its own suite (`test.use({ suite: '...' })`): Playwright gives every distinct value of a
   * worker option its own worker, so every file starts from a fresh sandbox, server and browser, whatever the
   * files before it synced.
   */
  suite: string;
  /** The sandbox and the real server with a token (and, for most specs, a connection after its on-connect sync). */
  stack: S;
  /** Chromium with the built extension, configured (through its storage) for `stack`'s server. */
  extension: { context: BrowserContext; extensionId: string };
}

interface TestFixtures {
  page: Page;
  users: UsersPage;
  popup: PopupPage;
  options: OptionsPage;
  editDialog: EditUserDialog;
}

/**
 * Browser tests of the extension (PRODUCT.md 5) after WXT's Playwright example: the BUILT extension in Debian's
 * Chromium, against the sandbox's ExpenseIn web UI and the real staffsync server (STYLE.md 11), which
 * `startStack` starts (set-up starts it with no connection).
 */
export function extensionTest<S extends ServerStack>(startStack: () => Promise<S>) {
  return base.extend<TestFixtures, WorkerFixtures<S>>({
    suite: ['default', { scope: 'worker', option: true }],
    stack: [
      async ({ suite: _suite }, use) => {
        const stack = await startStack();
        await use(stack);
        await stack.close();
      },
      { scope: 'worker', timeout: 120_000 },
    ],
    extension: [
      async ({ stack }, use) => {
        const launched = await launchConnected({ serverUrl: stack.serverUrl, token: stack.token });
        await use(launched);
        await launched.context.close();
      },
      { scope: 'worker', timeout: 120_000 },
    ],
    page: async ({ extension }, use) => {
      const page = await extension.context.newPage();
      await use(page);
      await page.close();
    },
    users: async ({ page, stack }, use) => use(new UsersPage(page, stack.sandbox.expensein.baseUrl)),
    editDialog: async ({ page }, use) => use(new EditUserDialog(page)),
    popup: async ({ page, extension }, use) => use(new PopupPage(page, extension.extensionId)),
    options: async ({ page, extension }, use) => use(new OptionsPage(page, extension.extensionId)),
  });
}

/** The extension against a server whose first company is connected and synced. */
export const test = extensionTest(() => startStaffsyncStack());

export const expect = test.expect;
