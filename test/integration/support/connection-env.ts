import type { Sandbox } from '../../sandbox/index.ts';
import { sandboxAllowedHosts } from '../../sandbox/sandbox-allowed-hosts.ts';

/**
 * The environment an operator sets for a headless sync (PRODUCT.md 4.1), pointing at the sandbox's company:
 * Include Bank Details off unless an override turns it on. Used by the CLI tests and the benchmark.
 */
export function connectionEnv(
  sandbox: Sandbox,
  db: string,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    STAFFOLOGY_BASE_URL: sandbox.staffology.baseUrl,
    STAFFOLOGY_API_KEY: sandbox.staffology.apiKey,
    STAFFOLOGY_EMPLOYER_ID: sandbox.staffology.employerId,
    EXPENSEIN_BASE_URL: sandbox.expensein.baseUrl,
    EXPENSEIN_API_KEY: sandbox.expensein.apiKey,
    INCLUDE_BANK_DETAILS: 'false',
    STAFFSYNC_DB: db,
    STAFFSYNC_ALLOWED_HOSTS: sandboxAllowedHosts(sandbox),
    ...overrides,
  };
}
