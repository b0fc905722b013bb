import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The vendor is the sandbox's ExpenseIn simulator over real HTTP, with its rate limit switched on.
import { type Sandbox, startSandbox } from '../../../test/sandbox/index.ts';
import { sandboxAllowedHosts } from '../../../test/sandbox/sandbox-allowed-hosts.ts';
import { parseEnv } from '../config/parse-env.ts';
import { createVendorClients, createVendorLimiters } from './create-vendor-clients.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 12, employees: 34, scenarios: false });
}, 60_000);
afterAll(async () => sandbox?.stop());

describe('one limiter per vendor account, shared by every client of the process (PRODUCT.md 3)', () => {
  it('gives the same account the same limiter, and another key or vendor its own', () => {
    const limiters = createVendorLimiters();
    const http = { timeoutMs: 1000, retries: 0, concurrency: 2, ratePerSecond: 5 };
    const a = limiters.for('expensein', 'https://api.expensein.com/', 'key-1', http);
    expect(limiters.for('expensein', 'https://api.expensein.com', 'key-1', http)).toBe(a);
    expect(limiters.for('expensein', 'https://api.expensein.com', 'key-2', http)).not.toBe(a);
    expect(limiters.for('staffology', 'https://api.expensein.com', 'key-1', http)).not.toBe(a);
  });

  it('keeps two runs of one account below the vendor limit together: no 429 where separate limits would draw some', async () => {
    const settings = parseEnv({
      STAFFSYNC_ALLOWED_HOSTS: sandboxAllowedHosts(sandbox),
      EXPENSEIN_RATE_PER_SECOND: '3',
      EXPENSEIN_RETRIES: '0',
    });
    const asStored = {
      id: 1,
      name: 'Acme',
      staffology: { baseUrl: sandbox.staffology.baseUrl, employerId: sandbox.staffology.employerId },
      expensein: { baseUrl: sandbox.expensein.baseUrl },
      settings: { includeBankDetails: false, leaverGuardPercent: 20, leaverGuardMin: 5 },
      alertWebhookUrl: null,
      syncEveryMinutes: null,
      source: 'api' as const,
      status: 'connected' as const,
      createdAt: '',
      connectedAt: '',
      reconnectedAt: null,
      disconnectedAt: null,
      lastScheduledRunAt: null,
      expenseinUserSample: [],
    };
    const credentials = { staffologyApiKey: 'k', expenseinApiKey: sandbox.expensein.apiKey };
    // The vendor allows 5 a second; each client alone would keep to 3, two separate ones to 6. (3, not 4: the
    // sandbox shares this process, so arrival times wobble by more than the client's window margin.)
    sandbox.expensein.control.setFaults({ routes: { '*': { rateLimitPerSecond: 5 } } });
    sandbox.expensein.control.clearRequests();
    const clientsFor = createVendorClients(settings.http, settings.allowedHosts);
    const signal = new AbortController().signal;
    const [first, second] = [
      clientsFor(asStored, credentials, { signal }),
      clientsFor(asStored, credentials, { signal }),
    ];
    await Promise.all(
      [first, second].flatMap((clients) =>
        Array.from({ length: 6 }, () => clients.expensein.listDepartments()),
      ),
    );
    sandbox.expensein.control.setFaults({});
    expect(sandbox.expensein.control.requests().byStatus['429'] ?? 0).toBe(0);
    expect(sandbox.expensein.control.requests().total).toBe(12);
  });
});
