import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium } from '@playwright/test';

const extensionDir = new URL('../../../../extension/', import.meta.url);

/**
 * The two builds (PRODUCT.md 5): `production` runs on ExpenseIn only; `sandbox` also on loopback, for the demo and
 * these tests, which open the sandbox's web UI on 127.0.0.1.
 */
export type ExtensionBuild = 'production' | 'sandbox';

/** Where `pnpm --filter @staffsync/extension build` (or `build:sandbox`) writes. */
export function extensionPath(build: ExtensionBuild): string {
  return fileURLToPath(
    new URL(build === 'sandbox' ? '.output/chrome-mv3-sandbox' : '.output/chrome-mv3', extensionDir),
  );
}

/** The build the browser tests and the demo load. */
export const EXTENSION_PATH = extensionPath('sandbox');

/** The newest modification time under `path` (a file or a folder). */
function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), stat.mtimeMs);
}

/**
 * Builds the extension when its build is older than its sources, so the browser tests always load the current code
 * (set STAFFSYNC_E2E_SKIP_BUILD=1 to load the existing build as is). Returns the build's folder.
 */
export function buildExtension(build: ExtensionBuild = 'sandbox'): string {
  const output = extensionPath(build);
  const manifest = `${output}/manifest.json`;
  if (existsSync(manifest)) {
    if (process.env.STAFFSYNC_E2E_SKIP_BUILD === '1') return output;
    const sources = ['src', 'wxt.config.ts', 'package.json'].map((name) =>
      fileURLToPath(new URL(name, extensionDir)),
    );
    if (Math.max(...sources.map(newest)) < statSync(manifest).mtimeMs) return output;
  }
  const script = build === 'sandbox' ? 'build:sandbox' : 'build';
  execFileSync('pnpm', ['--filter', '@staffsync/extension', script], { stdio: 'pipe' });
  return output;
}

/**
 * Debian's Chromium with the BUILT extension loaded (toolchain.md 4): executablePath is mandatory, headless is the
 * new full headless (extensions and MV3 service workers work), '' is a temporary profile. The demo opens it with a
 * window where there is a display, and may open a DevTools port for a test to look in.
 */
export async function launchWithExtension(
  options: { headless?: boolean; devtoolsPort?: number } = {},
): Promise<{ context: BrowserContext; extensionId: string }> {
  const headless = options.headless ?? true;
  const context = await chromium.launchPersistentContext('', {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless,
    locale: 'en-GB',
    viewport: headless ? { width: 1280, height: 800 } : null,
    args: [
      ...(options.devtoolsPort ? [`--remote-debugging-port=${options.devtoolsPort}`] : []),
      `--disable-extensions-except=${EXTENSION_PATH}`,
      `--load-extension=${EXTENSION_PATH}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  let [worker] = context.serviceWorkers();
  if (!worker) worker = await context.waitForEvent('serviceworker');
  return { context, extensionId: new URL(worker.url()).host };
}

/**
 * Connects the loaded extension to a staffsync server: the server URL and API token written into the extension's
 * storage from its own worker (WXT keeps `local:serverUrl` as `serverUrl`), as Options would save them.
 */
export async function connectExtension(
  context: BrowserContext,
  settings: { serverUrl: string; token: string },
): Promise<void> {
  let [worker] = context.serviceWorkers();
  if (!worker) worker = await context.waitForEvent('serviceworker');
  const items = JSON.stringify({ serverUrl: settings.serverUrl, apiToken: settings.token });
  await worker.evaluate(`chrome.storage.local.set(${items})`);
}

/** The built sandbox extension (built first when its sources changed), in Chromium, connected to a server. */
export async function launchConnected(settings: {
  serverUrl: string;
  token: string;
}): Promise<{ context: BrowserContext; extensionId: string }> {
  buildExtension();
  const launched = await launchWithExtension();
  await connectExtension(launched.context, settings);
  return launched;
}
