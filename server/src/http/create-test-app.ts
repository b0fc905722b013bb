import { randomUUID } from 'node:crypto';
import type { TokenRole } from '@staffsync/shared';
import type { VendorHttpSettings } from '../config/parse-env.ts';
import { createLogger } from '../logging/create-logger.ts';
import { createVendorClients } from '../run/create-vendor-clients.ts';
import { parseAllowedHosts } from '../security/allowed-hosts.ts';
import { openTempStore, type TempStore, testConnection } from '../store/open-temp-store.ts';
import type { AppDeps } from './app-deps.ts';
import { createApp } from './create-app.ts';
import { createRunTracker, type RunTracker } from './run-tracker.ts';

/** A port nothing listens on: a vendor there refuses at once (ECONNREFUSED), with no vendor involved. */
export const unreachableUrl = 'http://127.0.0.1:1';

export interface TestResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface TestApp {
  app: ReturnType<typeof createApp>;
  temp: TempStore;
  runs: RunTracker;
  /** An active owner token's value: it may call every route. */
  token: string;
  /** A new active token of `role`, for the role tests. */
  tokenFor(role: TokenRole): Promise<string>;
  /** Every response body the app gave, as text: a suite checks them for secrets. */
  bodies: string[];
  call(
    path: string,
    init?: { method?: string; body?: unknown; token?: string | null; headers?: Record<string, string> },
  ): Promise<TestResponse>;
  /** A connection row pointing at `baseUrl` for both vendors (default: nothing listening). */
  addConnection(baseUrl?: string): Promise<number>;
  /** Waits for the runs the API started, then removes the database. */
  cleanup(): Promise<void>;
}

/**
 * A fresh app on a fresh SQLite file, for route tests (STYLE.md: `app.request()`, no server, no mocks). Vendor
 * clients are the real ones with no retries, pointed at addresses where nothing (or a test's own socket) answers.
 */
export async function createTestApp(
  options: {
    deps?: Partial<AppDeps>;
    vendor?: Partial<VendorHttpSettings>;
    /** STAFFSYNC_ALLOWED_HOSTS beyond the unreachable address (a test's own socket, for instance). */
    allowedHosts?: string;
  } = {},
): Promise<TestApp> {
  const temp = await openTempStore();
  const logger = createLogger({ level: 'silent' });
  const vendor: VendorHttpSettings = {
    timeoutMs: 5_000,
    retries: 0,
    concurrency: 4,
    ratePerSecond: null,
    ...options.vendor,
  };
  const runs = createRunTracker(logger);
  const allowedHosts = parseAllowedHosts(`127.0.0.1:1,${options.allowedHosts ?? ''}`);
  const deps: AppDeps = {
    store: temp.store,
    logger,
    clock: temp.clock.now,
    clientsFor: createVendorClients({ staffology: vendor, expensein: vendor }, allowedHosts),
    allowedHosts,
    pollMs: 10,
    runs,
    ...options.deps,
  };
  const app = createApp(deps);
  const { token } = await temp.store.tokens.create('route-tests', { role: 'owner' });
  const bodies: string[] = [];
  return {
    app,
    temp,
    runs,
    token,
    tokenFor: async (role) =>
      (await temp.store.tokens.create(`route-tests-${role}-${randomUUID()}`, { role })).token,
    bodies,
    async call(path, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      const bearer = init.token === undefined ? token : init.token;
      if (bearer !== null) headers.Authorization = `Bearer ${bearer}`;
      if (init.body !== undefined) headers['Content-Type'] = 'application/json';
      const res = await app.request(path, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers,
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
      const text = await res.text();
      bodies.push(text);
      return { status: res.status, headers: res.headers, body: text === '' ? null : JSON.parse(text) };
    },
    async addConnection(baseUrl = unreachableUrl) {
      const connection = await temp.store.connections.create(
        testConnection({
          staffology: { baseUrl, employerId: 'emp-1', apiKey: 'staffology-key-7f3a9c' },
          expensein: { baseUrl, apiKey: 'expensein-key-b81e44' },
        }),
      );
      return connection.id;
    },
    async cleanup() {
      await runs.settled();
      await temp.cleanup();
    },
  };
}

/** The fake keys `addConnection` stores: no response may ever contain them. */
export const testKeys = ['staffology-key-7f3a9c', 'expensein-key-b81e44'];
