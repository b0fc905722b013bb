import { decideScheduledRun } from '../run/decide-scheduled-run.ts';
import type { Connection, Store } from '../store/index.ts';

/**
 * When the scheduler will next sync a connection, by the same pure decision it makes (run/decide-scheduled-run.ts):
 * now when a run is due (the scheduler starts it within a minute), else the next 04:00 UTC slot. null for a
 * disconnected connection, which the scheduler leaves alone.
 */
export function nextSyncAt(store: Store, connection: Connection, now: Date): string | null {
  if (connection.status !== 'connected') return null;
  const decision = decideScheduledRun({
    now,
    connectedAt: connection.connectedAt,
    reconnectedAt: connection.reconnectedAt,
    lastScheduledRunAt: connection.lastScheduledRunAt,
    lastFullRunStartedAt: store.runs.lastFull(connection.id)?.startedAt ?? null,
  });
  return (decision.due ? now : decision.nextAt).toISOString();
}
