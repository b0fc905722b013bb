import { basename, dirname, join } from 'node:path';
import type { Sandbox } from '../../sandbox/index.ts';
import { sandboxAllowedHosts } from '../../sandbox/sandbox-allowed-hosts.ts';

/**
 * The key file the CLI uses for `db` in these tests: in a folder of its own beside the database's, as an operator
 * keeps it apart (PRODUCT.md 4.3), and inside the test's temporary folder rather than the user's config folder.
 */
export function envKeyFile(db: string): string {
  return join(dirname(db), 'keys', `${basename(db)}.key`);
}

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
    STAFFSYNC_KEY_FILE: envKeyFile(db),
    // The sandbox answers as fast as it can: the tests do not pace themselves (the benchmark and the rate-limit
    // tests set a rate of their own).
    STAFFOLOGY_RATE_PER_SECOND: '0',
    EXPENSEIN_RATE_PER_SECOND: '0',
    STAFFSYNC_ALLOWED_HOSTS: sandboxAllowedHosts(sandbox),
    ...overrides,
  };
}
