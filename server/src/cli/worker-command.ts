import { type Command, InvalidArgumentError } from 'commander';
import { createWebhookAlert } from '../alerts/create-webhook-alert.ts';
import { startJobBoss } from '../jobs/start-job-boss.ts';
import { startWorker } from '../jobs/start-worker.ts';
import type { CliContext } from './cli-context.ts';
import { CliError } from './cli-error.ts';

/** `worker [--concurrency N]` (PRODUCT.md 4.5): takes run jobs until SIGINT or SIGTERM, then lets its runs finish. */
export function registerWorkerCommand(program: Command, context: CliContext): void {
  program
    .command('worker')
    .description('carry out runs as jobs, with any number of other workers (needs STAFFSYNC_DATABASE_URL)')
    .option('--concurrency <n>', 'runs this worker carries out at once (default 4)', parseConcurrency)
    .action(async (flags: { concurrency?: number }) => {
      const url = requireDatabaseUrl(context, 'worker');
      const deps = await context.deps({ logLevel: context.settings.logLevel });
      const jobs = await startJobBoss(url, deps.logger);
      // As `serve` does: runs that end failed, held or partial alert their connection's webhook, whichever process
      // carried them out.
      const alerts = createWebhookAlert({ logger: deps.logger, allowedHosts: context.settings.allowedHosts });
      const worker = await startWorker({ ...deps, alert: alerts.alert }, jobs, {
        concurrency: flags.concurrency ?? defaultConcurrency,
        retentionDays: context.settings.retentionDays,
      });
      context.io.stderr.write(
        `staffsync worker: taking runs, ${flags.concurrency ?? defaultConcurrency} at a time; Ctrl+C stops\n`,
      );
      await untilShutdown(context);
      deps.logger.info('stopping: waiting for runs under way');
      await worker.stop();
      await alerts.settled();
    });
}

export const defaultConcurrency = 4;

export function parseConcurrency(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new InvalidArgumentError(`expected 1 to 64, got "${value}"`);
  return n;
}

/** STAFFSYNC_DATABASE_URL, or a message saying what a command without it should be instead. */
export function requireDatabaseUrl(context: CliContext, command: string): string {
  const url = context.settings.databaseUrl;
  if (url === null) {
    throw new CliError(
      `staffsync ${command} needs STAFFSYNC_DATABASE_URL (PostgreSQL): with the embedded SQLite store, staffsync serve runs every run itself`,
    );
  }
  return url;
}

export async function untilShutdown(context: CliContext): Promise<void> {
  const { shutdown } = context.io;
  if (!shutdown.aborted)
    await new Promise((resolve) => shutdown.addEventListener('abort', resolve, { once: true }));
}
