import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ClientsFor,
  createExpenseInClient,
  createLogger,
  createStaffologyClient,
  type HttpSettings,
  openStore,
  type RequestEvent,
  type RunDeps,
  type RunItem,
  type RunItemFilter,
  type RunReport,
  runSync,
  type Store,
} from '@staffsync/server';
import type { Link, SyncSettings } from '@staffsync/shared';
import { expect } from 'vitest';
import type { Sandbox } from '../../sandbox/index.ts';
import { sandboxEndpoints } from '../../sandbox/sandbox-endpoints.ts';

/** A fixed key for the store (64 hex characters), so a test needs no key file. */
export const testSecret = '4f3c2a1b0e9d8c7b6a5f4e3d2c1b0a99887766554433221100ffeeddccbbaa99';

/** The run's clock: the planner's today is its UTC date, the day the demo company is generated for. */
export const today = '2026-11-25';
const runClock = () => new Date(`${today}T10:00:00.000Z`);

/**
 * The clients' pacing in these tests: the production retry policy (PRODUCT.md 3) with short backoff steps, so a
 * fault test spends its time on requests, not waits. `Retry-After` is honoured whatever the steps (backoff.ts).
 */
const testHttp: Partial<HttpSettings> = {
  retries: 8,
  timeoutMs: 5_000,
  concurrency: 4,
  backoffBaseMs: 5,
  backoffCapMs: 50,
};

export interface SyncHarness {
  store: Store;
  /** The SQLite file (a temp folder of its own). */
  file: string;
  connectionId: number;
  deps: RunDeps;
  /** Every attempt the vendor clients made, across runs. */
  events: RequestEvent[];
  /** Every backoff or Retry-After wait the clients chose before a retry, in ms. */
  waits: number[];
  /** One run of the connection to its end, as `pnpm staffsync sync` runs it. */
  sync(options?: { dryRun?: boolean }): Promise<RunReport>;
  /** Every item a run recorded, in order. */
  items(runId: number, filter?: Omit<RunItemFilter, 'limit' | 'offset'>): Promise<RunItem[]>;
  link(employeeNumber: string): Promise<Link | null>;
  close(): Promise<void>;
}

/**
 * The sync engine as the CLI wires it (run lifecycle, store, adapters), on a real SQLite file in a temp folder,
 * against the sandbox over real HTTP. Only the clients' backoff steps differ from production (see `testHttp`).
 */
export async function createSyncHarness(
  sandbox: Sandbox,
  options: {
    settings?: Partial<SyncSettings>;
    /** Overrides of the clients' pacing (a fault suite shortens the timeout). */
    http?: Partial<HttpSettings>;
    /** Employees per list page (default 4, so even a crafted company of five is read across pages). */
    pageSize?: number;
  } = {},
): Promise<SyncHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'staffsync-accept-'));
  const file = join(dir, 'staffsync.db');
  const store = await openStore({ file, secret: testSecret, now: runClock });
  const connection = await store.connections.create({
    name: 'Acceptance',
    ...sandboxEndpoints(sandbox),
    settings: options.settings ?? {},
    source: 'api',
  });
  const events: RequestEvent[] = [];
  const waits: number[] = [];

  const clientsFor: ClientsFor = (conn, credentials, clientOptions) => {
    const shared = {
      http: { ...testHttp, ...options.http },
      signal: clientOptions.signal,
      onRequest: (event: RequestEvent) => {
        events.push(event);
        clientOptions.onRequest?.(event);
      },
      sleep: (ms: number, signal?: AbortSignal) => {
        waits.push(ms);
        return abortableSleep(ms, signal);
      },
    };
    return {
      staffology: createStaffologyClient({
        baseUrl: conn.staffology.baseUrl,
        apiKey: credentials.staffologyApiKey,
        employerId: conn.staffology.employerId,
        // Small pages, so even a crafted company of five is read across several pages (PRODUCT.md 3.1).
        pageSize: options.pageSize ?? 4,
        ...(clientOptions.onStaffologyFallback ? { onFallback: clientOptions.onStaffologyFallback } : {}),
        ...shared,
      }),
      expensein: createExpenseInClient({
        baseUrl: conn.expensein.baseUrl,
        apiKey: credentials.expenseinApiKey,
        ...shared,
      }),
    };
  };

  const deps: RunDeps = {
    store,
    logger: createLogger({ level: 'silent' }),
    clock: runClock,
    clientsFor,
    pollMs: 10,
  };

  return {
    store,
    file,
    connectionId: connection.id,
    deps,
    events,
    waits,
    sync: (syncOptions = {}) =>
      runSync(deps, {
        connectionId: connection.id,
        trigger: 'manual',
        dryRun: syncOptions.dryRun ?? false,
        requestedBy: 'acceptance-test',
      }),
    async items(runId, filter = {}) {
      const all: RunItem[] = [];
      for (;;) {
        const page = await store.runItems.list(runId, { ...filter, limit: 500, offset: all.length });
        all.push(...page.items);
        if (page.items.length === 0 || all.length >= page.total) return all;
      }
    },
    link: (employeeNumber) => store.links.get(connection.id, { employeeNumber }),
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Writes ExpenseIn received (POST, PATCH, PUT, DELETE) since its request log was last cleared. */
export function expenseInWrites(sandbox: Sandbox): number {
  const { byMethod } = sandbox.expensein.control.requests();
  return (byMethod.POST ?? 0) + (byMethod.PATCH ?? 0) + (byMethod.PUT ?? 0) + (byMethod.DELETE ?? 0);
}

/**
 * The Staffology routes sent something other than a read since its request log was last cleared: anything but a
 * GET and the batch read, the one POST staffsync sends, which writes nothing (R15, PRODUCT.md 3.1).
 */
export function staffologyNonReads(sandbox: Sandbox): string[] {
  return Object.keys(sandbox.staffology.control.requests().byRoute).filter(
    (route) => !route.startsWith('GET ') && route !== 'POST /employers/:employerId/employees/list',
  );
}

/**
 * Runs a second sync after the one under test and proves it converged: no POST or PATCH reached ExpenseIn
 * (the done-when of every rule test). Returns the second run.
 */
export async function syncAgainWritesNothing(sandbox: Sandbox, harness: SyncHarness): Promise<RunReport> {
  sandbox.expensein.control.clearRequests();
  const again = await harness.sync();
  const { byMethod } = sandbox.expensein.control.requests();
  expect(byMethod, 'the second run sends ExpenseIn no POST or PATCH').not.toHaveProperty('POST');
  expect(byMethod, 'the second run sends ExpenseIn no POST or PATCH').not.toHaveProperty('PATCH');
  expect(byMethod.GET ?? 0, 'the second run did read ExpenseIn').toBeGreaterThan(0);
  return again;
}
