import type { Connection, Store } from '../store/index.ts';
import { decideScheduledRun, latestSlot, type ScheduleDecision } from './decide-scheduled-run.ts';

/**
 * What the scheduler decides for a connection now (run/decide-scheduled-run.ts), from the store: its connect
 * times, its daily slot, its last full run, its interval (the connection's own, else the server's default) and the
 * runs of the latest slot, for retries.
 */
export async function scheduleFor(
  store: Store,
  connection: Connection,
  now: Date,
  defaultEveryMinutes: number | null,
): Promise<ScheduleDecision> {
  const slotRuns = (
    await store.runs.since(connection.id, {
      startedAt: latestSlot(now).toISOString(),
      triggers: ['schedule', 'retry'],
    })
  ).filter((run) => !run.dryRun && run.status !== 'running');
  const lastFull = await store.runs.lastFull(connection.id);
  return decideScheduledRun({
    now,
    connectedAt: connection.connectedAt,
    reconnectedAt: connection.reconnectedAt,
    lastScheduledRunAt: connection.lastScheduledRunAt,
    lastFullRunStartedAt: lastFull?.startedAt ?? null,
    everyMinutes: connection.syncEveryMinutes ?? defaultEveryMinutes,
    slotRuns,
  });
}

/**
 * When the scheduler will next sync a connection, by the same decision it makes: now when a run is due (the
 * scheduler starts it within a minute), else the next slot, retry or interval. null for a disconnected connection,
 * which the scheduler leaves alone.
 */
export async function nextSyncAt(
  store: Store,
  connection: Connection,
  now: Date,
  defaultEveryMinutes: number | null,
): Promise<string | null> {
  if (connection.status !== 'connected') return null;
  const decision = await scheduleFor(store, connection, now, defaultEveryMinutes);
  return (decision.due ? now : decision.nextAt).toISOString();
}
