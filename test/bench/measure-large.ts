import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectionEnv } from '../integration/support/connection-env.ts';
import { startSandbox } from '../sandbox/index.ts';
import type { ChildResult } from './child-protocol.ts';
import { makeFreshAccount } from './fresh-account.ts';
import { runChild } from './run-child.ts';

export interface LargeResult {
  employees: number;
  /** planSync on a first sync's input (no links, every current employee to create). */
  firstPlan: NonNullable<ChildResult['plan']>;
  /** planSync on a daily run's input (every employee linked, nothing to change). */
  dailyPlan: NonNullable<ChildResult['plan']>;
  /** The full first sync in a child process: wall time, RSS high-water mark, the run's own timings. */
  sync: {
    wallMs: number;
    maxRssBytes: number;
    status: string;
    created: number;
    timings: NonNullable<ChildResult['sync']>['report']['timings'];
  };
}

/**
 * The large case, with no latency and no rate limit: planner time (planSync alone, `repeats` timed calls after a
 * cold one), before and after a full first sync whose memory high-water mark is measured in its own process.
 */
export async function measureLarge(employees: number, repeats: number): Promise<LargeResult> {
  const sandbox = await startSandbox({ seed: 1, employees, scenarios: false });
  const dir = mkdtempSync(join(tmpdir(), 'staffsync-bench-'));
  try {
    makeFreshAccount(sandbox);
    const env = connectionEnv(sandbox, join(dir, 'staffsync.db'), { INCLUDE_BANK_DETAILS: 'true' });
    const firstPlan = (await runChild({ mode: 'plan', env, repeats })).plan;
    const synced = await runChild({ mode: 'sync', env });
    const dailyPlan = (await runChild({ mode: 'plan', env, repeats })).plan;
    if (!firstPlan || !dailyPlan || !synced.sync) throw new Error('a benchmark child returned nothing');
    const { report } = synced.sync;
    return {
      employees,
      firstPlan,
      dailyPlan,
      sync: {
        wallMs: synced.wallMs,
        maxRssBytes: synced.maxRssBytes,
        status: report.status,
        created: report.counts.created,
        timings: report.timings,
      },
    };
  } finally {
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
