import type { Command } from 'commander';
import { enqueueDueRuns } from '../jobs/enqueue-due-runs.ts';
import { startJobBoss } from '../jobs/start-job-boss.ts';
import { createScheduler } from '../run/scheduler.ts';
import type { CliContext } from './cli-context.ts';
import { CliError } from './cli-error.ts';

/**
 * `schedule tick [--at TIME]`: one tick of the scheduler now, as if the clock read TIME (default now): with
 * PostgreSQL every due run is queued for the workers; with SQLite the due runs are carried out here. For an operator
 * who wants the 04:00 runs now, and for tests that play a morning.
 */
export function registerScheduleCommand(program: Command, context: CliContext): void {
  const schedule = program.command('schedule').description('the scheduler (daily 04:00 UTC, after connects)');
  schedule
    .command('tick')
    .description('run one tick of the scheduler now: queue (PostgreSQL) or run (SQLite) every run due')
    .option('--at <time>', 'decide as if the clock read this ISO time, e.g. 2026-11-26T04:00:00Z', parseTime)
    .action(async (flags: { at?: Date }) => {
      const deps = await context.deps();
      const asOf = flags.at ?? deps.clock();
      const url = context.settings.databaseUrl;
      if (url !== null) {
        const jobs = await startJobBoss(url, deps.logger);
        try {
          const queued = await enqueueDueRuns(deps, jobs.send, asOf);
          context.out(
            `${queued.due} runs due at ${asOf.toISOString()}; ${queued.queued} queued for the workers`,
          );
        } finally {
          await jobs.stop({ graceful: false });
        }
        return;
      }
      const scheduler = createScheduler({ ...deps, clock: () => asOf });
      await scheduler.tick();
      await scheduler.stop();
      context.out(`ran the runs due at ${asOf.toISOString()} (pnpm staffsync runs lists them)`);
    });
}

function parseTime(value: string): Date {
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw new CliError(`--at must be an ISO time, got "${value}"`);
  return at;
}
