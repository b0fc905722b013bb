import type { RunTrigger } from '@staffsync/shared';
import type { RunDeps } from './run-deps.ts';
import type { RunReport } from './run-report.ts';
import { startSync } from './run-sync.ts';

/** A run the schedule asked for: its trigger and the daily slot it covers (null for none). */
export interface DueRun {
  connectionId: number;
  trigger: RunTrigger;
  /** ISO time of the daily slot this run also covers, recorded as lastScheduledRunAt once it has run. */
  slot: string | null;
}

/**
 * Carries out a run the schedule decided was due (run/schedule-input.ts), in process or as a job, and records the
 * slot once it has run, whatever its status: a failing run is not retried every minute (its retries are
 * decideScheduledRun's). `onStarted` hears the run's id as soon as it has one.
 */
export async function runDue(
  deps: RunDeps,
  due: DueRun,
  onStarted?: (handle: { runId: number; joined: boolean }) => void,
): Promise<RunReport> {
  const handle = await startSync(deps, {
    connectionId: due.connectionId,
    trigger: due.trigger,
    requestedBy: 'scheduler',
  });
  onStarted?.(handle);
  const report = await handle.done;
  // `done` is a full sync's even when the tick met a dry run or a resync under way (startSync runs after those).
  if (due.slot !== null)
    await deps.store.connections.update(due.connectionId, { lastScheduledRunAt: due.slot });
  return report;
}
