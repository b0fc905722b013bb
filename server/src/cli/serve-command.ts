import type { Command } from 'commander';
import type { CliContext } from './cli-context.ts';
import { createServer } from './create-server.ts';

/** `serve`: runs until SIGINT or SIGTERM, then lets runs under way finish and stops. */
export function registerServeCommand(program: Command, context: CliContext): void {
  program
    .command('serve')
    .description('run the server: scheduler (daily 04:00 UTC and after each connect) and HTTP API')
    .action(async () => {
      const deps = await context.deps({ logLevel: context.settings.logLevel });
      const server = createServer({ ...deps, settings: context.settings });
      const { url } = await server.start();
      context.io.stderr.write(`staffsync serving on ${url} (HTTP API + scheduler); Ctrl+C stops\n`);
      const { shutdown } = context.io;
      if (!shutdown.aborted)
        await new Promise((resolve) => shutdown.addEventListener('abort', resolve, { once: true }));
      deps.logger.info('stopping: waiting for runs under way');
      await server.stop();
    });
}
