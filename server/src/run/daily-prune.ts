import type { RunDeps } from './run-deps.ts';

/**
 * Once a day, the runs and run items older than the retention (STAFFSYNC_RETENTION_DAYS) removed: called on every
 * scheduler tick, in-process (SQLite) or by a worker (PostgreSQL); a no-op the rest of the day, or with no retention.
 */
export function createDailyPrune(
  deps: Pick<RunDeps, 'store' | 'logger' | 'clock'>,
  retentionDays: number | undefined,
): () => Promise<void> {
  let lastPruneDay: string | null = null;
  return async () => {
    if (retentionDays === undefined) return;
    const day = deps.clock().toISOString().slice(0, 10);
    if (day === lastPruneDay) return;
    lastPruneDay = day;
    const pruned = await deps.store.prune({ olderThanDays: retentionDays });
    if (pruned.runs > 0) deps.logger.info(pruned, 'pruned old runs');
  };
}
