import type { Command } from 'commander';
import type { CliContext } from './cli-context.ts';
import { createServer } from './create-server.ts';
import { defaultConcurrency, parseConcurrency, untilShutdown } from './worker-command.ts';

/** `serve`: runs until SIGINT or SIGTERM, then lets runs under way finish and stops. */
export function registerServeCommand(program: Command, context: CliContext): void {
  program
    .command('serve')
    .description(
      'run the server: HTTP API, and the runs (scheduler; with PostgreSQL a worker unless --no-worker)',
    )
    .option(
      '--no-worker',
      'with STAFFSYNC_DATABASE_URL: serve the API only, and leave the runs to `staffsync worker`',
    )
    .option(
      '--concurrency <n>',
      'with STAFFSYNC_DATABASE_URL: runs this server carries out at once',
      parseConcurrency,
    )
    .action(async (flags: { worker: boolean; concurrency?: number }) => {
      const deps = await context.deps({ logLevel: context.settings.logLevel });
      const server = createServer({
        ...deps,
        settings: context.settings,
        worker: flags.worker ? { concurrency: flags.concurrency ?? defaultConcurrency } : null,
      });
      const { url, mode } = await server.start();
      context.io.stderr.write(`staffsync serving on ${url} (${mode}); Ctrl+C stops\n`);
      await untilShutdown(context);
      deps.logger.info('stopping: waiting for runs under way');
      await server.stop();
    });
}
