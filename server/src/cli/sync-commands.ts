import type { RunTrigger } from '@staffsync/shared';
import type { Command } from 'commander';
import { startSync } from '../run/run-sync.ts';
import { redact } from '../security/redact.ts';
import { type CliContext, parseId } from './cli-context.ts';
import { createProgressBar } from './create-progress-bar.ts';
import { exitCodeFor } from './exit-code.ts';
import { formatRunReport } from './format-run-report.ts';

interface SyncFlags {
  connection?: number;
  dryRun?: boolean;
  json?: boolean;
}

/** `sync` and `plan` (= `sync --dry-run`), PRODUCT.md 4.1. */
export function registerSyncCommands(program: Command, context: CliContext): void {
  program
    .command('sync')
    .description('run one sync now; exit 0 succeeded, 1 failed, 2 partial or held')
    .option(
      '--connection <id>',
      'the connection (default: the environment connection, or the only one)',
      parseId,
    )
    .option('--dry-run', 'plan only: record what would change, write nothing')
    .option('--json', 'print the run summary as one JSON object on stdout')
    .action((flags: SyncFlags) => sync(context, flags));
  program
    .command('plan')
    .description('preview the next sync (= sync --dry-run)')
    .option('--connection <id>', 'the connection', parseId)
    .option('--json', 'print the run summary as one JSON object on stdout')
    .action((flags: SyncFlags) => sync(context, { ...flags, dryRun: true }));
}

/** Runs one sync and prints it; `target` names the connection and trigger (connect and reconnect use it). */
export async function sync(
  context: CliContext,
  flags: SyncFlags,
  target?: { connectionId: number; trigger: RunTrigger },
): Promise<void> {
  const deps = await context.deps();
  let picked: { connectionId: number; trigger: RunTrigger };
  try {
    picked = target ?? (await pick(context, flags.connection));
  } catch (error) {
    // `--json` promises one JSON object whatever happens (PRODUCT.md 4.1): a connection that could not be had
    // (a key refused while checking it, another account) is a failed sync that never got a run.
    if (!flags.json) throw error;
    const message = error instanceof Error ? error.message : String(error);
    context.out(JSON.stringify({ runId: null, status: 'failed', error: redact(message) }));
    context.err(`staffsync: ${redact(message)}`);
    context.exitCode = exitCodeFor('failed');
    return;
  }
  const { connectionId, trigger } = picked;
  const bar = createProgressBar(context.io.stderr);
  const handle = await startSync(deps, {
    connectionId,
    // A dry run is never the on-connect run: that one must write.
    trigger: flags.dryRun ? 'manual' : trigger,
    dryRun: flags.dryRun ?? false,
    requestedBy: 'cli',
    // Asked for when this process started: any number of processes started together get the one run that began
    // after they asked, even one that has ended by the time a slow one gets here (PRODUCT.md 4.2).
    ...(target ? {} : { requestedAt: new Date(performance.timeOrigin) }),
    ...(bar ? { onProgress: (progress) => bar.update(progress) } : {}),
  });
  if (handle.joined)
    context.err(`run ${handle.runId} is already under way on connection ${connectionId}: waiting for it`);
  let summary: Awaited<typeof handle.done>;
  try {
    summary = await handle.done;
  } finally {
    bar?.stop();
  }
  context.out(flags.json ? JSON.stringify(summary) : formatRunReport(summary));
  context.exitCode = exitCodeFor(summary.status);
}

async function pick(
  context: CliContext,
  id: number | undefined,
): Promise<{ connectionId: number; trigger: RunTrigger }> {
  const { connection, trigger } = await context.pickConnection(id);
  return { connectionId: connection.id, trigger };
}
