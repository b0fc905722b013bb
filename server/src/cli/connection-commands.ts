import { readFileSync } from 'node:fs';
import { publicApiUrls, withoutTrailingSlash } from '@staffsync/shared';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { z } from 'zod';
import { VendorError } from '../adapters/index.ts';
import { describeRunError } from '../run/carry-out-run.ts';
import {
  type ConnectionDeps,
  connectPair,
  type ReconnectRequest,
  reconnectConnection,
} from '../run/change-connection.ts';
import { AccountChangedError } from '../run/compare-account.ts';
import { RefusedUrlError } from '../security/allowed-hosts.ts';
import { type CliContext, parseId } from './cli-context.ts';
import { CliError } from './cli-error.ts';
import { parseConnectionsFile } from './connections-file.ts';
import { formatTable } from './format-table.ts';
import { readSecrets } from './read-secrets.ts';
import { sync } from './sync-commands.ts';

interface ConnectionFlags {
  connection?: number;
  name?: string;
  staffologyUrl?: string;
  employer?: string;
  expenseinUrl?: string;
  newKeys?: 'staffology' | 'expensein' | 'both';
  includeBankDetails?: boolean;
  leaverGuardPercent?: number;
  leaverGuardMin?: number;
  alertWebhookUrl?: string;
  fromFile?: string;
  sync: boolean;
  json?: boolean;
}

const keyPrompts = { staffology: 'Staffology API key', expensein: 'ExpenseIn API key' };
// Each request field as the CLI's flag names it, so a refusal names what the operator typed.
const flagOfField: Record<string, string> = {
  'staffology.baseUrl': '--staffology-url',
  'expensein.baseUrl': '--expensein-url',
  alertWebhookUrl: '--alert-webhook-url',
};

function parseUrl(value: string): string {
  const parsed = z.url({ protocol: /^https?$/ }).safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError(`expected an http(s) URL, got "${value}"`);
  return withoutTrailingSlash(parsed.data);
}

function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new InvalidArgumentError(`expected a whole number, got "${value}"`);
  return n;
}

function withSettingOptions(command: Command): Command {
  return command
    .option('--name <name>', 'a name to tell connections apart')
    .option('--include-bank-details', 'sync bank details (R8); off unless given')
    .option('--no-include-bank-details', 'stop syncing bank details')
    .option('--leaver-guard-percent <n>', 'R17: hold leavers above this share of linked users', parseCount)
    .option('--leaver-guard-min <n>', 'R17: ...and above this number', parseCount)
    .option('--no-sync', 'do not run the on-connect sync now')
    .option('--json', 'print the on-connect run summary as one JSON object on stdout');
}

/**
 * `connect`, `reconnect`, `disconnect` and `connections` (PRODUCT.md 4.1; the seed's set-up step 2). Vendor keys
 * are read from stdin, never from flags (PRODUCT.md 4.3): asked for without echo on a terminal, one per line piped.
 */
export function registerConnectionCommands(program: Command, context: CliContext): void {
  withSettingOptions(
    program
      .command('connect')
      .description(
        'connect a Staffology employer to an ExpenseIn account, then sync; reads the Staffology key, then the ExpenseIn key, from stdin',
      )
      .option(
        '--staffology-url <url>',
        `Staffology API base URL (default ${publicApiUrls.staffology})`,
        parseUrl,
      )
      .option('--employer <id>', 'the Staffology employer id (the specified Company)')
      .option(
        '--from-file <file>',
        'connect every connection a JSON file lists, keys included (README: Running for many accounts)',
      )
      .option(
        '--expensein-url <url>',
        `ExpenseIn API base URL (default ${publicApiUrls.expensein})`,
        parseUrl,
      )
      .option(
        '--alert-webhook-url <url>',
        'post a summary here when a run fails, is held or partial',
        parseUrl,
      ),
  ).action(async (flags: ConnectionFlags) =>
    flags.fromFile === undefined ? connect(context, flags) : connectFromFile(context, flags.fromFile),
  );
  withSettingOptions(
    program
      .command('reconnect')
      .description(
        "change a connection's keys or settings (a disconnected one is connected again), then sync; new keys must open the same employer and ExpenseIn account",
      )
      .option('--connection <id>', 'the connection', parseId)
      .addOption(
        new Option('--new-keys <which>', 'read new keys from stdin: staffology, expensein or both').choices([
          'staffology',
          'expensein',
          'both',
        ]),
      ),
  ).action(async (flags: ConnectionFlags) => reconnect(context, flags));
  program
    .command('disconnect')
    .description('stop syncing a connection (its history is kept)')
    .option('--connection <id>', 'the connection', parseId)
    .action(async (flags: { connection?: number }) => {
      const { store } = await context.deps();
      const { connection } = await context.pickConnection(flags.connection);
      await store.connections.disconnect(connection.id);
      context.out(
        `Disconnected connection ${connection.id} (${connection.name}). Its runs and links are kept.`,
      );
    });
  program
    .command('connections')
    .description('list connections (never their keys)')
    .action(async () => {
      const { store } = await context.deps();
      const rows = (await store.connections.list()).map((c) => [
        c.id,
        c.name,
        c.source,
        c.status,
        c.staffology.employerId,
        c.settings.includeBankDetails ? 'yes' : 'no',
        c.lastScheduledRunAt ?? '-',
        `${c.staffology.baseUrl} -> ${c.expensein.baseUrl}`,
      ]);
      context.out(
        rows.length === 0
          ? 'No connections yet: pnpm staffsync connect --help'
          : formatTable(
              ['id', 'name', 'source', 'status', 'employer', 'bank', 'last 04:00 run', 'endpoints'],
              rows,
            ),
      );
    });
}

function settingsOf(flags: ConnectionFlags) {
  return {
    ...(flags.includeBankDetails === undefined ? {} : { includeBankDetails: flags.includeBankDetails }),
    ...(flags.leaverGuardPercent === undefined ? {} : { leaverGuardPercent: flags.leaverGuardPercent }),
    ...(flags.leaverGuardMin === undefined ? {} : { leaverGuardMin: flags.leaverGuardMin }),
  };
}

async function connectionDeps(context: CliContext): Promise<ConnectionDeps> {
  const deps = await context.deps();
  return { ...deps, allowedHosts: context.settings.allowedHosts };
}

/**
 * `connect --from-file`: every connection the file lists, each checked against the vendors and connected as `connect`
 * does; one that is refused is named and the others go on. Their first runs are the schedule's: the server (SQLite)
 * or the workers (PostgreSQL) start them within a minute.
 */
async function connectFromFile(context: CliContext, file: string): Promise<void> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const requests = parseConnectionsFile(text);
  const deps = await connectionDeps(context);
  let refused = 0;
  for (const [index, request] of requests.entries()) {
    const label = `entry ${index + 1}${request.name ? ` ("${request.name}")` : ''}`;
    try {
      const { connection } = await connectPair(deps, request);
      context.err(`${label}: connected ${connection.id} (${connection.name})`);
    } catch (error) {
      refused += 1;
      const reason = asCliError(error);
      context.err(`${label}: ${reason instanceof Error ? reason.message : String(reason)}`);
    }
  }
  context.out(
    `Connected ${requests.length - refused} of ${requests.length}; their first runs start within a minute.`,
  );
  if (refused > 0) context.exitCode = 1;
}

/** A refusal as the operator should read it: the flag to correct, the vendor that refused, the account moved. */
function asCliError(error: unknown): unknown {
  if (error instanceof VendorError) return new CliError(`not connected: ${describeRunError(error)}`);
  if (error instanceof RefusedUrlError) {
    const flag = flagOfField[error.field] ?? error.field;
    return new CliError(`not connected: ${error.message.replace(error.field, flag)}`);
  }
  if (error instanceof AccountChangedError)
    return new CliError(`not reconnected (account changed): ${error.message}`);
  return error;
}

async function connect(context: CliContext, flags: ConnectionFlags): Promise<void> {
  if (!flags.employer) throw new CliError('connect needs --employer <id> (or --from-file <file>)');
  const [staffologyKey, expenseinKey] = await readSecrets(context.io.stdin, context.io.stderr, [
    keyPrompts.staffology,
    keyPrompts.expensein,
  ]);
  if (!staffologyKey || !expenseinKey)
    throw new CliError('connect needs both API keys on stdin, one per line');
  const { connection, employerName } = await connectPair(await connectionDeps(context), {
    name: flags.name,
    staffology: {
      baseUrl: flags.staffologyUrl ?? publicApiUrls.staffology,
      employerId: flags.employer ?? '',
      apiKey: staffologyKey,
    },
    expensein: { baseUrl: flags.expenseinUrl ?? publicApiUrls.expensein, apiKey: expenseinKey },
    settings: settingsOf(flags),
    alertWebhookUrl: flags.alertWebhookUrl ?? null,
    source: 'api',
  }).catch((error: unknown) => {
    throw asCliError(error);
  });
  context.err(
    `Connected ${connection.id}: ${employerName ?? connection.staffology.employerId} -> ExpenseIn at ${connection.expensein.baseUrl}` +
      ` (bank details ${connection.settings.includeBankDetails ? 'included' : 'not synced'})`,
  );
  // The seed: "Staffology HR will sync shortly after your initial connection".
  if (flags.sync)
    await sync(context, { json: flags.json }, { connectionId: connection.id, trigger: 'connect' });
}

async function reconnect(context: CliContext, flags: ConnectionFlags): Promise<void> {
  const { connection } = await context.pickConnection(flags.connection);
  const which = flags.newKeys;
  const vendors = which === 'both' ? (['staffology', 'expensein'] as const) : which ? [which] : [];
  const keys = await readSecrets(
    context.io.stdin,
    context.io.stderr,
    vendors.map((vendor) => keyPrompts[vendor]),
  );
  const request: ReconnectRequest = { name: flags.name, settings: settingsOf(flags) };
  vendors.forEach((vendor, index) => {
    const key = keys[index];
    if (!key) throw new CliError(`reconnect --new-keys ${which} needs the ${keyPrompts[vendor]} on stdin`);
    if (vendor === 'staffology') request.staffologyApiKey = key;
    else request.expenseinApiKey = key;
  });
  const { connection: updated, employerName } = await reconnectConnection(
    await connectionDeps(context),
    connection.id,
    request,
  ).catch((error: unknown) => {
    throw asCliError(error);
  });
  context.err(
    `Reconnected ${updated.id}: ${employerName ?? updated.staffology.employerId} -> ExpenseIn at ${updated.expensein.baseUrl}`,
  );
  // The seed: "...and after any reconnections".
  if (flags.sync)
    await sync(context, { json: flags.json }, { connectionId: updated.id, trigger: 'reconnect' });
}
