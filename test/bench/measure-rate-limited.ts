import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout } from 'node:timers/promises';
import { connectionEnv } from '../integration/support/connection-env.ts';
import type { FaultConfig, Sandbox } from '../sandbox/index.ts';
import { startSandbox } from '../sandbox/index.ts';
import type { ChildResult } from './child-protocol.ts';
import { makeFreshAccount } from './fresh-account.ts';
import { type CallCounts, floorMs, minimumCalls } from './minimum-calls.ts';
import { runChild } from './run-child.ts';

export interface RateLimitedCase {
  employees: number;
  latencyMs: number;
  ratePerSecond: number;
  /** Requests in flight per vendor client (STAFFOLOGY_CONCURRENCY, EXPENSEIN_CONCURRENCY); the default when unset. */
  concurrency?: number;
  /** Employees per Staffology list page the client asks for (its default). */
  pageSize: number;
}

interface VendorCalls extends CallCounts {
  rateLimited: CallCounts;
  writes: number;
}

export interface RateLimitedResult {
  setup: RateLimitedCase;
  /** ExpenseIn users removed to make the account a never-synced one. */
  removedUsers: number;
  first: {
    wallMs: number;
    status: string;
    counts: NonNullable<ChildResult['sync']>['report']['counts'];
    timings: NonNullable<ChildResult['sync']>['report']['timings'];
    calls: VendorCalls;
    byRoute: { staffology: Record<string, number>; expensein: Record<string, number> };
  };
  /** Writes the first run's plan needed: one per create, update, leaver or reinstatement. */
  writesNeeded: number;
  minimum: CallCounts;
  floorMs: number;
  /** The no-change run of median wall time (NO_CHANGE_RUNS of them). */
  second: NoChangeRun;
  /** Every no-change run, in the order run: the targets on calls and writes hold for each. */
  noChangeRuns: NoChangeRun[];
}

export interface NoChangeRun {
  wallMs: number;
  status: string;
  timings: NonNullable<ChildResult['sync']>['report']['timings'];
  calls: VendorCalls;
}

/** No-change runs after the first sync: one run's wall time is one draw of a noisy machine, three give a median. */
const NO_CHANGE_RUNS = 3;
/*
 * A daily run starts hours after the last: the vendors' one-second rate windows hold none of its calls. Back to back,
 * a run's first burst would meet the previous run's last calls in the simulators' windows.
 */
const WINDOW_CLEAR_MS = 1_100;

/**
 * One rate-limited case: a never-synced ExpenseIn account and a Staffology employer of `employees`, both behind
 * `latencyMs` and a `ratePerSecond` sliding-window limit (429 with Retry-After past it), the client limited to
 * the same rate. A first full sync, then a second one that should find nothing to change.
 */
export async function measureRateLimited(setup: RateLimitedCase): Promise<RateLimitedResult> {
  const faults: FaultConfig = {
    routes: { '*': { latencyMs: setup.latencyMs, rateLimitPerSecond: setup.ratePerSecond } },
  };
  const sandbox = await startSandbox({
    seed: 1,
    employees: setup.employees,
    scenarios: false,
    faults: { staffology: faults, expensein: faults },
  });
  const dir = mkdtempSync(join(tmpdir(), 'staffsync-bench-'));
  try {
    const removedUsers = makeFreshAccount(sandbox);
    const rate = String(setup.ratePerSecond);
    const env = connectionEnv(sandbox, join(dir, 'staffsync.db'), {
      INCLUDE_BANK_DETAILS: 'true',
      STAFFOLOGY_RATE_PER_SECOND: rate,
      EXPENSEIN_RATE_PER_SECOND: rate,
      ...(setup.concurrency === undefined
        ? {}
        : {
            STAFFOLOGY_CONCURRENCY: String(setup.concurrency),
            EXPENSEIN_CONCURRENCY: String(setup.concurrency),
          }),
    });

    clearLogs(sandbox);
    const first = await runChild({ mode: 'sync', env });
    const firstCalls = callsOf(sandbox);
    const firstByRoute = {
      staffology: sandbox.staffology.control.requests(1).byRoute,
      expensein: sandbox.expensein.control.requests(1).byRoute,
    };
    if (!first.sync) throw new Error('the first sync returned no report');
    const { report } = first.sync;

    const noChangeRuns: NoChangeRun[] = [];
    for (let run = 0; run < NO_CHANGE_RUNS; run++) {
      await setTimeout(WINDOW_CLEAR_MS);
      clearLogs(sandbox);
      const again = await runChild({ mode: 'sync', env });
      if (!again.sync) throw new Error('a no-change sync returned no report');
      noChangeRuns.push({
        wallMs: again.wallMs,
        status: again.sync.report.status,
        timings: again.sync.report.timings,
        calls: callsOf(sandbox),
      });
    }
    const second = medianRun(noChangeRuns);

    const { counts } = report;
    // A failed action was still one write attempt; held leavers (R17) write nothing.
    const writesNeeded = counts.created + counts.updated + counts.leavers + counts.reinstated + counts.failed;
    const minimum = minimumCalls({
      listed: setup.employees,
      pageSize: setup.pageSize,
      expenseinReads: 3,
      writes: writesNeeded,
    });
    return {
      setup,
      removedUsers,
      first: {
        wallMs: first.wallMs,
        status: report.status,
        counts,
        timings: report.timings,
        calls: firstCalls,
        byRoute: firstByRoute,
      },
      writesNeeded,
      minimum,
      floorMs: floorMs(minimum, setup.ratePerSecond),
      second,
      noChangeRuns,
    };
  } finally {
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The run of median wall time (the later of the two middle ones for an even count). Every run must have succeeded:
 * a no-change run that failed fast is no figure of a quiet day.
 */
export function medianRun(runs: readonly NoChangeRun[]): NoChangeRun {
  const failed = runs.find((run) => run.status !== 'succeeded');
  if (failed) throw new Error(`a no-change run ended ${failed.status}, not succeeded`);
  const median = [...runs].sort((a, b) => a.wallMs - b.wallMs)[Math.floor(runs.length / 2)];
  if (!median) throw new Error('no no-change run was made');
  return median;
}

function clearLogs(sandbox: Sandbox): void {
  sandbox.staffology.control.clearRequests();
  sandbox.expensein.control.clearRequests();
}

function callsOf(sandbox: Sandbox): VendorCalls {
  // limit 1: the counts are what matter here, not the entries.
  const staffology = sandbox.staffology.control.requests(1);
  const expensein = sandbox.expensein.control.requests(1);
  return {
    staffology: staffology.total,
    expensein: expensein.total,
    rateLimited: {
      staffology: staffology.byStatus['429'] ?? 0,
      expensein: expensein.byStatus['429'] ?? 0,
    },
    writes: (expensein.byMethod.POST ?? 0) + (expensein.byMethod.PATCH ?? 0) + (expensein.byMethod.PUT ?? 0),
  };
}
