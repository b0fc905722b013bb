import type { Sandbox } from '../sandbox/index.ts';

/**
 * The environment an operator would set for a headless sync of the sandbox's company (PRODUCT.md 4.1), with bank
 * details on (R8), the database file, and any pacing variables (STAFFOLOGY_RATE_PER_SECOND...).
 */
export function connectionEnv(
  sandbox: Sandbox,
  db: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    STAFFOLOGY_BASE_URL: sandbox.staffology.baseUrl,
    STAFFOLOGY_API_KEY: sandbox.staffology.apiKey,
    STAFFOLOGY_EMPLOYER_ID: sandbox.staffology.employerId,
    EXPENSEIN_BASE_URL: sandbox.expensein.baseUrl,
    EXPENSEIN_API_KEY: sandbox.expensein.apiKey,
    INCLUDE_BANK_DETAILS: 'true',
    STAFFSYNC_DB: db,
    ...extra,
  };
}
