import { Cron } from 'croner';
import type { Connection } from '../store/index.ts';
import { createDailyPrune } from './daily-prune.ts';
import { scheduleTimezone } from './decide-scheduled-run.ts';
import type { RunDeps } from './run-deps.ts';
import { runDue } from './run-due.ts';
import { scheduleFor } from './schedule-input.ts';

export interface SchedulerOptions {
  /** Runs and their items older than this are pruned once a day (PRODUCT.md 4.2: retention configurable). */
  retentionDays?: number;
  /** When the scheduler looks for due runs; every minute gives "within a minute of connect" (UTC). */
  tickPattern?: string;
}

export interface Scheduler {
  /** Fails runs left by a dead process, runs what is due now (missed slots, unsynced connections), then ticks. */
  start(): Promise<void>;
  /** Looks for due runs now, e.g. right after a connect or reconnect through the HTTP API; resolves once started. */
  tick(): Promise<void>;
  /** Stops ticking and waits for the runs it started. */
  stop(): Promise<void>;
}

/**
 * The scheduler (PRODUCT.md 1): daily at 04:00 UTC for each connected connection, shortly after every connect and
 * reconnect, one run at a time per connection. What is due is decided by the pure decideScheduledRun from the
 * store, so a restart loses nothing: a slot missed while the server was down runs once at start.
 */
export function createScheduler(deps: RunDeps, options: SchedulerOptions = {}): Scheduler {
  const { store, logger } = deps;
  const inFlight = new Map<number, Promise<void>>();
  let job: Cron | null = null;

  /** Starts the connection's run if one is due; resolves once it has started (or was not due). */
  function consider(connection: Connection): Promise<void> {
    if (inFlight.has(connection.id)) return Promise.resolve();
    let started: () => void = () => {};
    const begun = new Promise<void>((resolve) => {
      started = resolve;
    });
    // Marked in flight before the first await, so a tick that overlaps this one leaves the connection alone.
    const settled = (async () => {
      const decision = await scheduleFor(
        store,
        connection,
        deps.clock(),
        deps.defaultSyncEveryMinutes ?? null,
      );
      if (!decision.due) return;
      const due = {
        connectionId: connection.id,
        trigger: decision.trigger,
        slot: decision.slot?.toISOString() ?? null,
      };
      await runDue(deps, due, (handle) => {
        logger.info({ ...due, runId: handle.runId, joined: handle.joined }, 'scheduled run');
        started();
      });
    })()
      .catch((error: unknown) =>
        logger.error({ connectionId: connection.id, err: String(error) }, 'scheduled run crashed'),
      )
      .finally(() => {
        started();
        inFlight.delete(connection.id);
      });
    inFlight.set(connection.id, settled);
    return begun;
  }

  const prune = createDailyPrune(deps, options.retentionDays);

  async function tick(): Promise<void> {
    try {
      await prune();
      const connections = await store.connections.list({ status: 'connected' });
      await Promise.all(connections.map(consider));
    } catch (error) {
      logger.error({ err: String(error) }, 'scheduler tick failed');
    }
  }

  return {
    async start() {
      const stale = await store.runs.markStale();
      for (const run of stale)
        logger.warn({ runId: run.id }, 'marked a run left by a dead process as failed');
      await tick();
      job = new Cron(options.tickPattern ?? '* * * * *', { timezone: scheduleTimezone, protect: true }, () =>
        tick(),
      );
    },
    tick,
    async stop() {
      job?.stop();
      job = null;
      await Promise.allSettled([...inFlight.values()]);
    },
  };
}
