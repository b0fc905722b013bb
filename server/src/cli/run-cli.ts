import { Command, CommanderError } from 'commander';
import { VendorError } from '../adapters/index.ts';
import { EnvError, parseEnv } from '../config/parse-env.ts';
import { describeRunError } from '../run/carry-out-run.ts';
import { StoreConflictError, StoreNotFoundError, StoreUnavailableError } from '../store/index.ts';
import { type CliIo, createCliContext } from './cli-context.ts';
import { CliError } from './cli-error.ts';
import { registerConnectionCommands } from './connection-commands.ts';
import { registerKeyCommands } from './key-commands.ts';
import { registerLeaverCommands } from './leaver-commands.ts';
import { registerRunsCommands } from './runs-commands.ts';
import { registerScheduleCommand } from './schedule-command.ts';
import { registerServeCommand } from './serve-command.ts';
import { registerSyncCommands } from './sync-commands.ts';
import { registerTokenCommands } from './token-commands.ts';
import { registerWorkerCommand } from './worker-command.ts';

/**
 * The CLI (PRODUCT.md 4.1) as a function: arguments and the process's streams in, an exit code out. Only `main`
 * turns that into `process.exit`.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let settings: ReturnType<typeof parseEnv>;
  try {
    settings = parseEnv(io.env);
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    io.stderr.write(`staffsync: ${error.message}\n`);
    return 1;
  }
  const context = createCliContext(io, settings);
  const program = new Command('staffsync')
    .description('keeps Staffology employees in sync with ExpenseIn users (one way)')
    .exitOverride()
    .showHelpAfterError('(pnpm staffsync --help lists the commands)')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });
  registerServeCommand(program, context);
  registerWorkerCommand(program, context);
  registerScheduleCommand(program, context);
  registerSyncCommands(program, context);
  registerConnectionCommands(program, context);
  registerRunsCommands(program, context);
  registerLeaverCommands(program, context);
  registerTokenCommands(program, context);
  registerKeyCommands(program, context);

  try {
    await program.parseAsync(argv, { from: 'user' });
    return context.exitCode;
  } catch (error) {
    // Commander has already printed its own message (unknown option, --help...).
    if (error instanceof CommanderError) return error.exitCode;
    io.stderr.write(`staffsync: ${messageOf(error)}\n`);
    return error instanceof CliError ? error.exitCode : 1;
  } finally {
    await context.close();
  }
}

function messageOf(error: unknown): string {
  if (
    error instanceof CliError ||
    error instanceof StoreNotFoundError ||
    error instanceof StoreConflictError ||
    error instanceof StoreUnavailableError
  ) {
    return error.message;
  }
  if (error instanceof VendorError) return describeRunError(error);
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
