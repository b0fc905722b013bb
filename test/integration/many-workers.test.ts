import {
  createTestDatabase,
  latestSlot,
  openPostgresStore,
  type Store,
  testDialects,
  testSecret,
} from '@staffsync/server';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../sandbox/index.ts';
import { sandboxAllowedHosts } from '../sandbox/sandbox-allowed-hosts.ts';
import { type CliProcess, killLeftoverClis, runCli, startCli, waitUntil } from './support/cli-process.ts';
import { connectCompanies } from './support/connect-companies.ts';

// PRODUCT.md 4.5: three `staffsync worker` processes share the runs of 200 connections on one PostgreSQL and one
// sandbox; the 04:00 tick is played with `staffsync schedule tick --at`, and one worker is killed (SIGKILL) while it
// carries out runs. Runs only where a PostgreSQL test server is given (scripts/postgres.sh; the test command always
// gives one, and STAFFSYNC_TEST_REQUIRE_POSTGRES or CI=true fails without it, see testDialects).
const onPostgres = testDialects().includes('postgres');
const connectionCount = 200;

let sandbox: Sandbox;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let store: Store;
const workers: CliProcess[] = [];
// The slot the tick plays: the latest 04:00 UTC, so the workers' own minute ticks (on the real clock) decide the same.
const slot = latestSlot(new Date());

function workerEnv(): Record<string, string> {
  return {
    STAFFSYNC_DATABASE_URL: database.url,
    // Every worker holds the same key (README "Running for many accounts").
    STAFFSYNC_SECRET: testSecret,
    STAFFSYNC_ALLOWED_HOSTS: sandboxAllowedHosts(sandbox),
    STAFFOLOGY_RATE_PER_SECOND: '0',
    EXPENSEIN_RATE_PER_SECOND: '0',
    LOG_LEVEL: 'info',
  };
}

function startWorker(): CliProcess {
  const worker = startCli(['worker', '--concurrency', '4'], workerEnv());
  workers.push(worker);
  return worker;
}

const title = 'three workers on PostgreSQL, 200 connections, the 04:00 tick';
describe.skipIf(!onPostgres)(
  onPostgres ? title : `${title} (skipped: no PostgreSQL test server, STAFFSYNC_TEST_DATABASE_URL unset)`,
  () => {
    beforeAll(async () => {
      sandbox = await startSandbox({ seed: 21, companies: connectionCount, employees: 4, scenarios: false });
      database = await createTestDatabase();
      // Connected an hour before the slot, never synced: the tick's run is each connection's first, and covers the slot.
      const connectedAt = new Date(slot.getTime() - 3_600_000);
      store = await openPostgresStore({ url: database.url, secret: testSecret, now: () => connectedAt });
      await connectCompanies(store, sandbox);
    }, 120_000);

    afterAll(async () => {
      for (const worker of workers) worker.child.kill('SIGKILL');
      killLeftoverClis();
      await store?.close();
      await database?.drop();
      await sandbox?.stop();
    });

    it('runs every connection once, and a killed worker’s runs end in the others with nothing duplicated', async () => {
      // Each request takes a while, so runs are under way when the worker is killed.
      sandbox.expensein.control.setFaults({ routes: { '*': { latencyMs: 40 } } });

      // The tick before the workers start: they keep their own once-a-minute tick on the real clock, which finds the
      // same connections due (never synced since connecting), and would otherwise queue some of them first whenever
      // a minute turns in between. A tick of theirs after this one finds every run queued already (one job per
      // connection) or done.
      const tick = await runCli(['schedule', 'tick', '--at', slot.toISOString()], workerEnv());
      expect(tick.code, tick.stderr).toBe(0);
      expect(tick.stdout).toContain(`${connectionCount} runs due`);

      const [doomed] = [startWorker(), startWorker(), startWorker()];
      if (!doomed) throw new Error('no worker started');
      await waitUntil(
        () => workers.filter((w) => /taking runs/.test(w.output().stderr)).length === workers.length,
        'the three workers to take runs',
        60_000,
      );

      // Kill the first worker once it carries out runs (its pid owns a running run).
      await waitUntil(
        async () => (await runningOwnedBy(doomed.child.pid ?? 0)) > 0,
        'the doomed worker to carry out a run',
        60_000,
        50,
      );
      doomed.child.kill('SIGKILL');
      await doomed.done;

      await waitUntil(
        async () => {
          const runs = await allRuns();
          const finishedFor = new Set(
            runs.filter((r) => ['succeeded', 'partial'].includes(r.status)).map((r) => r.connectionId),
          );
          return finishedFor.size === connectionCount && runs.every((r) => r.status !== 'running');
        },
        'every connection to have a finished run and no run left running',
        240_000,
        250,
      );
      sandbox.expensein.control.setFaults({});

      const runs = await allRuns();
      const abandoned = runs.filter((run) => run.status === 'failed');
      // The killed worker's runs were abandoned (its process is gone) and retried by the others.
      expect(abandoned.length).toBeGreaterThan(0);
      for (const run of abandoned) expect(run.error).toMatch(/abandoned/);
      for (const connection of await store.connections.list()) {
        const own = runs.filter((run) => run.connectionId === connection.id);
        const ended = own.filter((run) => run.status !== 'failed');
        // Exactly one run per connection, plus, for a run the killed worker held, its retry.
        expect(ended, `connection ${connection.id}`).toHaveLength(1);
        expect(own.length, `connection ${connection.id}`).toBe(
          ended.length + own.filter((r) => r.status === 'failed').length,
        );
        expect(own.filter((r) => r.status === 'failed').length).toBeLessThanOrEqual(1);
        expect(connection.lastScheduledRunAt).toBe(slot.toISOString());
      }
      const retried = runs.filter((run) => run.trigger === 'retry');
      expect(new Set(retried.map((r) => r.connectionId))).toEqual(
        new Set(abandoned.map((r) => r.connectionId)),
      );

      // 0 duplicate users: no ExpenseIn account holds two users for one employee (by Reference) or one email twice.
      const state = sandbox.expensein.control.backend.snapshot();
      const accounts = [state, ...(state.otherAccounts ?? [])];
      expect(accounts).toHaveLength(connectionCount);
      for (const account of accounts) {
        const references = account.users.map((u) => u.reference).filter((r): r is string => !!r);
        expect(new Set(references).size).toBe(references.length);
        const emails = account.users.map((u) => u.email.toLowerCase());
        expect(new Set(emails).size).toBe(emails.length);
      }

      // The same end state: a second run of every connection a killed worker held finds nothing to write.
      sandbox.expensein.control.clearRequests();
      for (const connectionId of new Set(abandoned.map((r) => r.connectionId))) {
        const again = await runCli(['sync', '--connection', String(connectionId), '--json'], workerEnv());
        expect(again.code, again.stderr).toBe(0);
        expect(JSON.parse(again.stdout).counts).toMatchObject({ created: 0, updated: 0 });
      }
      const { byMethod } = sandbox.expensein.control.requests();
      expect(byMethod.POST ?? 0).toBe(0);
      expect(byMethod.PATCH ?? 0).toBe(0);
    }, 600_000);
  },
);

async function allRuns() {
  const page = await store.runs.list({ limit: 500 });
  return page.items;
}

/** Runs under way in one worker's process: which process owns a run is the store's, not the API's, so read it there. */
async function runningOwnedBy(pid: number): Promise<number> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const result = await client.query<{ n: number }>(
      "select count(*)::int as n from runs where status = 'running' and owner_pid = $1",
      [pid],
    );
    return result.rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}
