import { createTestDatabase, latestSlot, openPostgresStore, testSecret } from '@staffsync/server';
import { type CliProcess, runCli, startCli, waitUntil } from '../integration/support/cli-process.ts';
import { connectCompanies } from '../integration/support/connect-companies.ts';
import { type Sandbox, startSandbox } from '../sandbox/index.ts';
import { sandboxAllowedHosts } from '../sandbox/sandbox-allowed-hosts.ts';
import { makeFreshAccount } from './fresh-account.ts';

export interface WorkersResult {
  setup: { connections: number; employees: number; latencyMs: number; concurrency: number };
  rows: {
    workers: number;
    wallMs: number;
    perMinute: number;
    runs: number;
    statuses: Record<string, number>;
    /** What the runs did, summed: users created, linked users updated, and employees already in step. */
    created: number;
    updated: number;
    unchanged: number;
  }[];
}

/**
 * PRODUCT.md 4.5, measured: `connections` connections of `employees` employees each, every vendor answer `latencyMs`
 * late, synced by 1, 2, 3... `staffsync worker` processes on PostgreSQL from the 04:00 tick
 * (`staffsync schedule tick --at`) until every connection's run has ended. Each count of workers starts from a fresh
 * database and a fresh sandbox whose ExpenseIn accounts were never synced (makeFreshAccount), so every run is a first
 * sync that creates its company's current employees; the row says what the runs did. Needs STAFFSYNC_TEST_DATABASE_URL (scripts/bench.sh).
 */
export async function measureWorkers(options: {
  workerCounts: number[];
  connections: number;
  employees: number;
  latencyMs: number;
  concurrency: number;
}): Promise<WorkersResult> {
  const rows: WorkersResult['rows'] = [];
  for (const count of options.workerCounts) rows.push(await measureOnce(count, options));
  const { connections, employees, latencyMs, concurrency } = options;
  return { setup: { connections, employees, latencyMs, concurrency }, rows };
}

async function measureOnce(
  workerCount: number,
  options: { connections: number; employees: number; latencyMs: number; concurrency: number },
): Promise<WorkersResult['rows'][number]> {
  const sandbox = await startSandbox({
    seed: 41,
    companies: options.connections,
    employees: options.employees,
    scenarios: false,
    faults: {
      staffology: { routes: { '*': { latencyMs: options.latencyMs } } },
      expensein: { routes: { '*': { latencyMs: options.latencyMs } } },
    },
  });
  // Accounts never synced, as in the single-account figures: each run creates its company's current employees.
  makeFreshAccount(sandbox);
  const database = await createTestDatabase();
  const slot = latestSlot(new Date());
  const workers: CliProcess[] = [];
  try {
    await seedConnections(sandbox, database.url, slot);
    const env = workerEnv(sandbox, database.url);
    for (let i = 0; i < workerCount; i++) {
      workers.push(startCli(['worker', '--concurrency', String(options.concurrency)], env));
    }
    await waitUntil(
      () => workers.every((worker) => /taking runs/.test(worker.output().stderr)),
      'the workers to start',
      60_000,
    );
    const store = await openPostgresStore({ url: database.url, secret: testSecret });
    try {
      const started = performance.now();
      const tick = await runCli(['schedule', 'tick', '--at', slot.toISOString()], env);
      if (tick.code !== 0) throw new Error(`schedule tick failed: ${tick.stderr}`);
      let runs: Awaited<ReturnType<typeof store.runs.list>>['items'] = [];
      await waitUntil(
        async () => {
          runs = (await store.runs.list({ limit: 500 })).items;
          return runs.length >= options.connections && runs.every((run) => run.status !== 'running');
        },
        'every run to end',
        30 * 60_000,
        200,
      );
      const wallMs = performance.now() - started;
      const statuses: Record<string, number> = {};
      for (const run of runs) statuses[run.status] = (statuses[run.status] ?? 0) + 1;
      const total = (pick: (counts: (typeof runs)[number]['counts']) => number | undefined) =>
        runs.reduce((sum, run) => sum + (pick(run.counts) ?? 0), 0);
      return {
        workers: workerCount,
        wallMs,
        perMinute: options.connections / (wallMs / 60_000),
        runs: runs.length,
        statuses,
        created: total((counts) => counts.created),
        updated: total((counts) => counts.updated),
        unchanged: total((counts) => counts.unchanged),
      };
    } finally {
      await store.close();
    }
  } finally {
    for (const worker of workers) worker.child.kill('SIGTERM');
    await Promise.all(workers.map((worker) => worker.done));
    await database.drop();
    await sandbox.stop();
  }
}

/** The sandbox's companies as connections, connected an hour before the slot and never synced. */
async function seedConnections(sandbox: Sandbox, url: string, slot: Date): Promise<void> {
  const connectedAt = new Date(slot.getTime() - 3_600_000);
  const store = await openPostgresStore({ url, secret: testSecret, now: () => connectedAt });
  try {
    await connectCompanies(store, sandbox);
  } finally {
    await store.close();
  }
}

function workerEnv(sandbox: Sandbox, url: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    STAFFSYNC_DATABASE_URL: url,
    STAFFSYNC_SECRET: testSecret,
    STAFFSYNC_ALLOWED_HOSTS: sandboxAllowedHosts(sandbox),
    LOG_LEVEL: 'warn',
  };
}
