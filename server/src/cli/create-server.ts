import { createWebhookAlert } from '../alerts/create-webhook-alert.ts';
import type { Settings } from '../config/parse-env.ts';
import { createApiServer } from '../http/create-api-server.ts';
import { createRunQueuer, type QueueRun } from '../jobs/create-run-queuer.ts';
import { type JobBoss, startJobBoss } from '../jobs/start-job-boss.ts';
import { startWorker, type Worker } from '../jobs/start-worker.ts';
import { ensureEnvConnection } from '../run/ensure-env-connection.ts';
import type { RunDeps } from '../run/run-deps.ts';
import { createScheduler } from '../run/scheduler.ts';

export interface ServeDeps extends RunDeps {
  settings: Settings;
  /**
   * With PostgreSQL (PRODUCT.md 4.5): whether this server is also a worker, and how many runs it carries out at once;
   * null serves the API only. Ignored with SQLite, where the server runs every run itself.
   */
  worker?: { concurrency: number } | null;
}

/** What `serve` runs; `start` resolves once it is up, `stop` once it is down. */
export interface ServerHandle {
  start(): Promise<{ url: string; mode: string }>;
  stop(): Promise<void>;
}

/**
 * The long-running server of `pnpm staffsync serve` (PRODUCT.md 4.1): the HTTP API on settings.host:settings.port
 * and the runs: with SQLite the in-process scheduler; with PostgreSQL (PRODUCT.md 4.5) runs are pg-boss jobs, which
 * this server also takes unless told not to. Runs that end failed, held or partial alert the connection's webhook.
 */
export function createServer(deps: ServeDeps): ServerHandle {
  const alerts = createWebhookAlert({ logger: deps.logger, allowedHosts: deps.settings.allowedHosts });
  const runDeps: RunDeps = { ...deps, alert: deps.alert ?? alerts.alert };
  const url = deps.settings.databaseUrl;
  const scheduler =
    url === null ? createScheduler(runDeps, { retentionDays: deps.settings.retentionDays }) : null;
  let jobs: JobBoss | null = null;
  let worker: Worker | null = null;
  let queueRun: QueueRun | null = null;
  const api = createApiServer({
    ...runDeps,
    allowedHosts: deps.settings.allowedHosts,
    host: deps.settings.host,
    port: deps.settings.port,
    ...(url === null
      ? {}
      : {
          queueRun: (request) => {
            if (!queueRun) throw new Error('the job queue is not started');
            return queueRun(request);
          },
        }),
  });
  return {
    async start() {
      // PRODUCT.md 4.1: an environment-declared connection is synced by the server like any other.
      if (deps.settings.envConnection) {
        // A vendor down at start must not keep the API from serving: the scheduler's runs will say what is wrong.
        await ensureEnvConnection(
          { ...deps, allowedHosts: deps.settings.allowedHosts },
          deps.settings.envConnection,
        ).catch((error: unknown) =>
          deps.logger.error(
            { err: error instanceof Error ? error.message : String(error) },
            'the connection declared by the environment was not applied',
          ),
        );
      }
      let mode: string;
      if (url === null) {
        await scheduler?.start();
        mode = 'HTTP API + scheduler';
        deps.logger.info(
          'scheduler started: daily at 04:00 UTC, and within a minute of each connect or reconnect',
        );
      } else {
        jobs = await startJobBoss(url, deps.logger);
        queueRun = createRunQueuer(deps.store, jobs.send, { clock: deps.clock });
        const concurrency = deps.worker?.concurrency ?? null;
        if (concurrency !== null) {
          worker = await startWorker(runDeps, jobs, {
            concurrency,
            retentionDays: deps.settings.retentionDays,
          });
        }
        mode =
          concurrency === null
            ? 'HTTP API; runs left to the workers'
            : `HTTP API + worker (${concurrency} at a time)`;
      }
      const { url: listening } = await api.start();
      return { url: listening, mode };
    },
    async stop() {
      await api.stop();
      await scheduler?.stop();
      if (worker) await worker.stop();
      else await jobs?.stop();
      await alerts.settled();
    },
  };
}
