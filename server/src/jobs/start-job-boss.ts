import pg from 'pg';
import PgBoss from 'pg-boss';
import type { Logger } from '../logging/create-logger.ts';
import type { SendRunJob } from './enqueue-due-runs.ts';
import { runJobKey, runQueue, tickQueue } from './job-queues.ts';

/** pg-boss on the store's PostgreSQL database, with staffsync's queues and the minute tick scheduled. */
export interface JobBoss {
  boss: PgBoss;
  /** Queues a run job; null when the connection already has one queued (pg-boss `short` policy). */
  send: SendRunJob;
  stop(options?: { graceful?: boolean }): Promise<void>;
}

// A run's job is expired (failed) by pg-boss only after this long; a worker that dies is found sooner, by the store's
// run ownership and lease (enqueue-due-runs.ts retryAbandonedRuns). Long enough for the largest employer's run.
const runJobExpirySeconds = 6 * 3600;
// An advisory lock key (staffsync's own, beside the store's): one process at a time makes sure of the queues.
const queuesLockKey = 7_301_003;

/**
 * Starts pg-boss (its schema `pgboss` beside staffsync's tables, migrated by the first process to start) and makes
 * sure of the queues and of the cron that ticks the scheduler every minute (UTC): pg-boss sends one tick job a minute
 * however many processes run it, and any worker takes it.
 */
export async function startJobBoss(url: string, logger: Logger): Promise<JobBoss> {
  const boss = new PgBoss({ connectionString: url, application_name: 'staffsync', max: 4 });
  boss.on('error', (error: Error) => logger.error({ err: error.message }, 'pg-boss'));
  await boss.start();
  // pg-boss creates a queue's partition in a statement that deadlocks when processes starting together run it at
  // once: they take turns, and a queue made by an earlier one is left as it is.
  await oneAtATime(url, async () => {
    if (!(await boss.getQueue(runQueue))) {
      await boss.createQueue(runQueue, {
        name: runQueue,
        policy: 'short',
        retryLimit: 0,
        expireInSeconds: runJobExpirySeconds,
      });
    }
    if (!(await boss.getQueue(tickQueue))) {
      await boss.createQueue(tickQueue, {
        name: tickQueue,
        policy: 'short',
        retryLimit: 0,
        expireInSeconds: 600,
      });
    }
    await boss.schedule(tickQueue, '* * * * *', {}, { tz: 'UTC' });
  });
  return {
    boss,
    send: (job) => boss.send(runQueue, job, { singletonKey: runJobKey(job.connectionId) }),
    stop: (options = {}) => boss.stop({ graceful: options.graceful ?? true, wait: true, timeout: 30_000 }),
  };
}

async function oneAtATime(url: string, work: () => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: url, application_name: 'staffsync' });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [queuesLockKey]);
    await work();
  } finally {
    await client.end();
  }
}
