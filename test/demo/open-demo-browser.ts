import type { BrowserContext } from '@playwright/test';
import {
  buildExtension,
  connectExtension,
  launchWithExtension,
} from '../e2e/extension/support/load-extension.ts';
import type { Demo } from './start-demo.ts';

export interface DemoBrowser {
  context: BrowserContext;
  /** Headless: no display to show a window on (a test, a server). */
  headless: boolean;
  close(): Promise<void>;
}

/**
 * `pnpm demo --browser` (PRODUCT.md 6): Debian's Chromium with the extension's sandbox build loaded and already
 * connected to the demo's server, open on the sandbox's Users list. Headless where there is no display, so a test can
 * run it and look in through `devtoolsPort`.
 */
export async function openDemoBrowser(
  demo: Pick<Demo, 'sandbox' | 'apiUrl' | 'token'>,
  options: { devtoolsPort?: number; display?: string } = {},
): Promise<DemoBrowser> {
  buildExtension('sandbox');
  const headless = !options.display;
  const { context } = await launchWithExtension({
    headless,
    ...(options.devtoolsPort ? { devtoolsPort: options.devtoolsPort } : {}),
  });
  try {
    await connectExtension(context, { serverUrl: demo.apiUrl, token: demo.token });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(demo.sandbox.expensein.webUrl);
  } catch (error) {
    await context.close();
    throw error;
  }
  return { context, headless, close: () => context.close() };
}
