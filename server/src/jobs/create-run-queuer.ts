import type { Store } from '../store/index.ts';
import type { SendRunJob } from './enqueue-due-runs.ts';

export interface QueuedRunRequest {
  connectionId: number;
  trigger: 'connect' | 'reconnect' | 'manual';
  requestedBy: string;
}

/** A run asked for as a job: resolves with the id of the run a worker started for it (or the one it joined). */
export type QueueRun = (request: QueuedRunRequest) => Promise<number>;

/** No worker started the run in time: none is running, or all are busy. */
export class NoWorkerError extends Error {
  constructor(connectionId: number, waitedMs: number) {
    super(
      `no worker started a run of connection ${connectionId} within ${Math.round(waitedMs / 1000)} s: is \`staffsync worker\` running (or \`staffsync serve\` without --no-worker)?`,
    );
    this.name = 'NoWorkerError';
  }
}

/**
 * PRODUCT.md 4.5: with PostgreSQL, the runs the HTTP API asks for (on connect, on reconnect, Sync now) are jobs that
 * any worker takes. The API still answers with the run's id, so it waits, reading the store, until a run of the
 * connection is under way or has started since the request.
 */
export function createRunQueuer(
  store: Store,
  send: SendRunJob,
  options: { clock: () => Date; waitMs?: number; pollMs?: number },
): QueueRun {
  const waitMs = options.waitMs ?? 30_000;
  return async (request) => {
    const requestedAt = options.clock().toISOString();
    await send({ ...request, slot: null, requestedAt });
    const deadline = Date.now() + waitMs;
    for (;;) {
      const running = await store.runs.running(request.connectionId);
      if (running) return running.id;
      const last = await store.runs.lastFull(request.connectionId);
      if (last && last.startedAt >= requestedAt) return last.id;
      if (Date.now() > deadline) throw new NoWorkerError(request.connectionId, waitMs);
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 100));
    }
  };
}
