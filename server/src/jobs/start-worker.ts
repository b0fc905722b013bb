import { createDailyPrune } from '../run/daily-prune.ts';
import type { RunDeps } from '../run/run-deps.ts';
import { enqueueDueRuns, retryAbandonedRuns } from './enqueue-due-runs.ts';
import { handleRunJob } from './handle-run-job.ts';
import { runJobSchema, runQueue, tickQueue } from './job-queues.ts';
import type { JobBoss } from './start-job-boss.ts';

export interface WorkerOptions {
  /** Runs this worker carries out at once. */
  concurrency: number;
  /** How often this worker looks for runs a dead worker left (default 10 s). */
  reapEveryMs?: number;
  /** Runs and their items older than this are pruned once a day (PRODUCT.md 4.2). */
  retentionDays?: number;
}

export interface Worker {
  /** Stops taking jobs and waits for the runs under way (stops pg-boss). */
  stop(): Promise<void>;
}

/**
 * A worker (PRODUCT.md 4.5, `staffsync worker`): takes run jobs, `concurrency` at a time, and the scheduler's tick
 * when pg-boss hands it this one; hands on the runs of workers that died. Any number of workers on any number of
 * machines share the queue.
 */
export async function startWorker(deps: RunDeps, jobs: JobBoss, options: WorkerOptions): Promise<Worker> {
  const { logger } = deps;
  const prune = createDailyPrune(deps, options.retentionDays);
  const reap = () =>
    retryAbandonedRuns(deps, jobs.send).catch((error: unknown) =>
      logger.error({ err: String(error) }, 'could not look for abandoned runs'),
    );
  await reap();
  const reaper = setInterval(reap, options.reapEveryMs ?? 10_000);
  reaper.unref();

  for (let i = 0; i < Math.max(1, options.concurrency); i++) {
    await jobs.boss.work(runQueue, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
      if (!job) return null;
      const result = await handleRunJob(deps, runJobSchema.parse(job.data));
      logger.info({ job: job.id, ...result }, result.ran ? 'run job done' : 'run job dropped');
      return result;
    });
  }
  await jobs.boss.work(tickQueue, { batchSize: 1, pollingIntervalSeconds: 2 }, async () => {
    await reap();
    await prune();
    const now = deps.clock();
    const queued = await enqueueDueRuns(deps, jobs.send, now);
    if (queued.due > 0) logger.info(queued, 'scheduler tick');
    return queued;
  });

  return {
    async stop() {
      clearInterval(reaper);
      await jobs.stop({ graceful: true });
    },
  };
}
