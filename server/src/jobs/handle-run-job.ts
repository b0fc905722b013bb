import type { RunDeps } from '../run/run-deps.ts';
import { startSync } from '../run/run-sync.ts';
import type { RunJob } from './job-queues.ts';

export type RunJobResult =
  | { ran: true; runId: number; status: string; joined: boolean }
  | { ran: false; reason: string };

/**
 * Carries out a run job on this worker: one run per connection at a time across every worker is the store's run lock
 * (a job for a connection already running joins that run). A scheduled job claims its daily slot first, in one write
 * transaction: the 04:00 slot runs once per connection however many ticks asked for it.
 */
export async function handleRunJob(deps: RunDeps, job: RunJob): Promise<RunJobResult> {
  const { store } = deps;
  if (job.slot !== null) {
    const slot = job.slot;
    const claimed = await store.transaction(
      async () => {
        const connection = await store.connections.get(job.connectionId);
        if (connection?.status !== 'connected') return false;
        if (connection.lastScheduledRunAt !== null && connection.lastScheduledRunAt >= slot) return false;
        await store.connections.update(job.connectionId, { lastScheduledRunAt: slot });
        return true;
      },
      { connectionId: job.connectionId },
    );
    if (!claimed) return { ran: false, reason: `slot ${slot} already claimed, or the connection is gone` };
  }
  const connection = await store.connections.get(job.connectionId);
  if (connection?.status !== 'connected') return { ran: false, reason: 'the connection is disconnected' };
  const handle = await startSync(deps, {
    connectionId: job.connectionId,
    trigger: job.trigger,
    requestedBy: job.requestedBy,
    requestedAt: new Date(job.requestedAt),
  });
  const report = await handle.done;
  return { ran: true, runId: report.runId, status: report.status, joined: handle.joined };
}
