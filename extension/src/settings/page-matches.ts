/**
 * Where the extension runs (PRODUCT.md 5), as manifest match patterns. Read by wxt.config.ts at build time, and by
 * the background at run time through the built manifest, so the two never disagree.
 */

/** The ExpenseIn web app: the production build's only page and host permission. */
export const EXPENSEIN_MATCHES = ['https://app.expensein.com/*'] as const;

/**
 * The sandbox web UI and a local staffsync server, for the sandbox build only (demo and browser tests). Patterns
 * without a port match every port (toolchain.md 3), so a production build with these would hand HR data to any page
 * a local program serves.
 */
export const LOOPBACK_MATCHES = ['http://127.0.0.1/*', 'http://localhost/*'] as const;

/** The build mode of `pnpm --filter @staffsync/extension build:sandbox`. */
export const SANDBOX_MODE = 'sandbox';

export function pageMatchesFor(mode: string): string[] {
  return mode === SANDBOX_MODE ? [...EXPENSEIN_MATCHES, ...LOOPBACK_MATCHES] : [...EXPENSEIN_MATCHES];
}
