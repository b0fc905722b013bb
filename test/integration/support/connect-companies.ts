import type { Store } from '@staffsync/server';
import type { Sandbox } from '../../sandbox/index.ts';

/**
 * Every company of the sandbox (an employer and an ExpenseIn account, a key each) as a connection of the store, named
 * "Company 1", "Company 2"...: many connections at once, for the tests and the benchmark of many workers.
 */
export async function connectCompanies(store: Store, sandbox: Sandbox): Promise<void> {
  for (const [index, company] of sandbox.companies.entries()) {
    await store.connections.create({
      name: `Company ${index + 1}`,
      staffology: { baseUrl: sandbox.staffology.baseUrl, ...company.staffology },
      expensein: { baseUrl: sandbox.expensein.baseUrl, apiKey: company.expensein.apiKey },
      source: 'api',
    });
  }
}
