import type { Command } from 'commander';
import { reportRun } from '../run/run-report.ts';
import { type CliContext, parseId } from './cli-context.ts';
import { CliError } from './cli-error.ts';
import { formatRunItems } from './format-run-items.ts';
import { formatTable } from './format-table.ts';

/** `runs` and `run ID` (PRODUCT.md 4.1): the record every run leaves (STYLE.md 4, runs are data). */
export function registerRunsCommands(program: Command, context: CliContext): void {
  program
    .command('runs')
    .description('list recent runs, newest first')
    .option('--connection <id>', "only this connection's runs", parseId)
    .option('--limit <n>', 'how many (default 20)', parseId)
    .option('--json', 'print the runs as one JSON object on stdout')
    .action(async (flags: { connection?: number; limit?: number; json?: boolean }) => {
      const { store } = await context.deps();
      const page = await store.runs.list({
        ...(flags.connection === undefined ? {} : { connectionId: flags.connection }),
        limit: flags.limit ?? 20,
      });
      if (flags.json) {
        context.out(
          JSON.stringify({
            total: page.total,
            runs: page.items.map((run) => reportRun(run, { joined: false })),
          }),
        );
        return;
      }
      if (page.items.length === 0) {
        context.out('No runs yet: pnpm staffsync sync');
        return;
      }
      const rows = page.items.map((run) => {
        const { counts: c } = reportRun(run, { joined: false });
        const sum = (byCode: Record<string, number | undefined>) =>
          Object.values(byCode).reduce<number>((total, n) => total + (n ?? 0), 0);
        const took =
          run.finishedAt === null
            ? '-'
            : `${((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000).toFixed(1)}s`;
        return [
          run.id,
          run.connectionId,
          run.startedAt.replace('T', ' ').slice(0, 19),
          took,
          run.trigger + (run.dryRun ? ' (dry)' : ''),
          run.status,
          `created ${c.created}, updated ${c.updated}, leavers ${c.leavers}, skipped ${sum(c.skipped)}, conflicts ${sum(c.conflicts)}, held ${c.held}, failed ${c.failed}`,
        ];
      });
      context.out(formatTable(['run', 'conn', 'started (UTC)', 'took', 'trigger', 'status', 'counts'], rows));
      if (page.total > page.items.length)
        context.out(`(${page.items.length} of ${page.total}; --limit for more)`);
    });

  program
    .command('run')
    .description('one run with its outcomes and actions')
    .argument('<id>', 'the run id', parseId)
    .option('--json', 'print the run and its items as one JSON object on stdout')
    .action(async (id: number, flags: { json?: boolean }) => {
      const { store } = await context.deps();
      const run = await store.runs.get(id);
      if (!run) throw new CliError(`no run ${id} (pnpm staffsync runs lists them)`);
      const items = await store.runItems.all(id);
      context.out(
        flags.json
          ? JSON.stringify({ run: reportRun(run, { joined: false }), items })
          : formatRunItems(run, items),
      );
    });
}
