import { partialRunTriggers } from '@staffsync/shared';
import type { RunDeps } from '../run/run-deps.ts';
import { scheduleFor } from '../run/schedule-input.ts';
import type { RunJob } from './job-queues.ts';

/** Where run jobs go (a pg-boss queue); null when one for the connection is queued already. */
export type SendRunJob = (job: RunJob) => Promise<string | null>;

/**
 * The scheduler's tick as jobs (PRODUCT.md 4.5): every connected connection whose run is due at `asOf` (the same pure
 * decision as the in-process scheduler, run/decide-scheduled-run.ts) gets a run job. Any worker may tick, any number
 * of times: a job for a connection already queued is not queued again, and a slot is claimed by one job only.
 */
export async function enqueueDueRuns(
  deps: RunDeps,
  send: SendRunJob,
  asOf: Date,
): Promise<{ due: number; queued: number }> {
  const { store } = deps;
  const requestedAt = deps.clock().toISOString();
  let due = 0;
  let queued = 0;
  for (const connection of await store.connections.list({ status: 'connected' })) {
    const decision = await scheduleFor(store, connection, asOf, deps.defaultSyncEveryMinutes ?? null);
    if (!decision.due) continue;
    due += 1;
    const id = await send({
      connectionId: connection.id,
      trigger: decision.trigger,
      slot: decision.slot?.toISOString() ?? null,
      requestedBy: 'scheduler',
      requestedAt,
    });
    if (id !== null) queued += 1;
  }
  return { due, queued };
}

/**
 * Runs a dead process left `running` (its pid gone on this host, or its lease run out) are marked failed by the store,
 * and each is handed to a worker again as a retry: the next run converges to the same end state (PRODUCT.md 4.2).
 */
export async function retryAbandonedRuns(deps: RunDeps, send: SendRunJob): Promise<number> {
  const abandoned = await deps.store.runs.markStale();
  const requestedAt = deps.clock().toISOString();
  // A dry run, a resync or an approval is the asker's to ask again; a full run is the schedule's, or a request's.
  const full = abandoned.filter((run) => !run.dryRun && !partialRunTriggers.includes(run.trigger));
  for (const run of full) {
    deps.logger.warn({ runId: run.id, connectionId: run.connectionId }, 'a run was abandoned: retrying it');
    await send({
      connectionId: run.connectionId,
      trigger: 'retry',
      slot: null,
      requestedBy: 'worker',
      requestedAt,
    });
  }
  return full.length;
}
