import type { Sandbox } from './start-sandbox.ts';

/**
 * STAFFSYNC_ALLOWED_HOSTS for a sandbox: its two simulators' exact `host:port` (PRODUCT.md 4.3: a loopback address
 * over plain http is allowed only when listed exactly), plus any `extra` hosts (a test's webhook receiver).
 */
export function sandboxAllowedHosts(sandbox: Sandbox, ...extra: string[]): string {
  return [sandbox.staffology.baseUrl, sandbox.expensein.baseUrl]
    .map((url) => new URL(url).host)
    .concat(extra)
    .join(',');
}
