import { type Command, InvalidArgumentError } from 'commander';
import { z } from 'zod';
import { VendorError } from '../adapters/index.ts';
import { describeRunError } from '../run/carry-out-run.ts';
import { clientsForEndpoints, type VendorEndpoints } from '../run/create-vendor-clients.ts';
import { verifyConnection } from '../run/verify-connection.ts';
import { RefusedUrlError, requireAllowedUrl } from '../security/allowed-hosts.ts';
import type { ConnectionPatch } from '../store/index.ts';
import { type CliContext, parseId } from './cli-context.ts';
import { CliError } from './cli-error.ts';
import { formatTable } from './format-table.ts';
import { readLines } from './read-lines.ts';
import { sync } from './sync-commands.ts';

interface ConnectionFlags {
  connection?: number;
  name?: string;
  staffologyUrl?: string;
  employer?: string;
  expenseinUrl?: string;
  staffologyKey?: string;
  expenseinKey?: string;
  keysFromStdin?: boolean;
  includeBankDetails?: boolean;
  leaverGuardPercent?: number;
  leaverGuardMin?: number;
  sync: boolean;
  json?: boolean;
}

const publicUrls = { staffology: 'https://api.staffology.co.uk', expensein: 'https://api.expensein.com' };

function parseUrl(value: string): string {
  const parsed = z.url({ protocol: /^https?$/ }).safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError(`expected an http(s) URL, got "${value}"`);
  return parsed.data.replace(/\/+$/, '');
}

function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new InvalidArgumentError(`expected a whole number, got "${value}"`);
  return n;
}

function withConnectionOptions(command: Command, defaults: boolean): Command {
  return command
    .option('--name <name>', 'a name to tell connections apart')
    .option(
      '--staffology-url <url>',
      `Staffology API base URL${defaults ? ` (default ${publicUrls.staffology})` : ''}`,
      parseUrl,
    )
    .option('--employer <id>', 'the Staffology employer id (the specified Company)')
    .option(
      '--expensein-url <url>',
      `ExpenseIn API base URL${defaults ? ` (default ${publicUrls.expensein})` : ''}`,
      parseUrl,
    )
    .option(
      '--staffology-key <key>',
      'Staffology API key (prefer --keys-from-stdin: keys in flags land in shell history)',
    )
    .option('--expensein-key <key>', 'ExpenseIn API key (prefer --keys-from-stdin)')
    .option('--keys-from-stdin', 'read the Staffology key, then the ExpenseIn key, one per line from stdin')
    .option('--include-bank-details', 'sync bank details (R8); off unless given')
    .option('--no-include-bank-details', 'stop syncing bank details')
    .option('--leaver-guard-percent <n>', 'R17: hold leavers above this share of linked users', parseCount)
    .option('--leaver-guard-min <n>', 'R17: ...and above this number', parseCount)
    .option('--no-sync', 'do not run the on-connect sync now')
    .option('--json', 'print the on-connect run summary as one JSON object on stdout');
}

/** `connect`, `reconnect`, `disconnect` and `connections` (PRODUCT.md 4.1; the seed's set-up step 2). */
export function registerConnectionCommands(program: Command, context: CliContext): void {
  withConnectionOptions(
    program
      .command('connect')
      .description('connect a Staffology employer to an ExpenseIn account, then sync'),
    true,
  ).action((flags: ConnectionFlags) => connect(context, flags));

  withConnectionOptions(
    program
      .command('reconnect')
      .description(
        "change a connection's keys or settings (a disconnected one is connected again), then sync",
      )
      .option('--connection <id>', 'the connection', parseId),
    false,
  ).action((flags: ConnectionFlags) => reconnect(context, flags));

  program
    .command('disconnect')
    .description('stop syncing a connection (its history is kept)')
    .option('--connection <id>', 'the connection', parseId)
    .action((flags: { connection?: number }) => {
      const { store } = context.deps();
      const { connection } = context.pickConnection(flags.connection);
      store.connections.disconnect(connection.id);
      context.out(
        `Disconnected connection ${connection.id} (${connection.name}). Its runs and links are kept.`,
      );
    });

  program
    .command('connections')
    .description('list connections (never their keys)')
    .action(() => {
      const { store } = context.deps();
      const rows = store.connections
        .list()
        .map((c) => [
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

async function readKeys(
  context: CliContext,
  flags: ConnectionFlags,
): Promise<{ staffology?: string; expensein?: string }> {
  if (!flags.keysFromStdin) return { staffology: flags.staffologyKey, expensein: flags.expenseinKey };
  const [staffology, expensein] = await readLines(context.io.stdin, context.io.stderr, [
    'Staffology API key',
    'ExpenseIn API key',
  ]);
  return { staffology, expensein };
}

function settingsOf(flags: ConnectionFlags) {
  return {
    ...(flags.includeBankDetails === undefined ? {} : { includeBankDetails: flags.includeBankDetails }),
    ...(flags.leaverGuardPercent === undefined ? {} : { leaverGuardPercent: flags.leaverGuardPercent }),
    ...(flags.leaverGuardMin === undefined ? {} : { leaverGuardMin: flags.leaverGuardMin }),
  };
}

/** Both keys are tried before anything is stored, so a typo is refused at once (read only, R15). */
async function verify(context: CliContext, endpoints: VendorEndpoints): Promise<string> {
  const { allowedHosts } = context.settings;
  try {
    // PRODUCT.md 4.3: refused before any request is sent, naming the flag that set the URL.
    requireAllowedUrl(endpoints.staffology.baseUrl, allowedHosts, '--staffology-url');
    requireAllowedUrl(endpoints.expensein.baseUrl, allowedHosts, '--expensein-url');
    const verified = await verifyConnection(
      clientsForEndpoints(endpoints, context.settings.http, allowedHosts),
    );
    return verified.employerName ?? endpoints.staffology.employerId;
  } catch (error) {
    if (error instanceof VendorError) throw new CliError(`not connected: ${describeRunError(error)}`);
    if (error instanceof RefusedUrlError) throw new CliError(`not connected: ${error.message}`);
    throw error;
  }
}

async function connect(context: CliContext, flags: ConnectionFlags): Promise<void> {
  const keys = await readKeys(context, flags);
  const missing = [
    flags.employer ? null : '--employer',
    keys.staffology ? null : '--staffology-key (or --keys-from-stdin)',
    keys.expensein ? null : '--expensein-key (or --keys-from-stdin)',
  ].filter((name) => name !== null);
  if (missing.length > 0 || !flags.employer || !keys.staffology || !keys.expensein) {
    throw new CliError(`connect needs ${missing.join(', ')}`);
  }
  const endpoints: VendorEndpoints = {
    staffology: {
      baseUrl: flags.staffologyUrl ?? publicUrls.staffology,
      apiKey: keys.staffology,
      employerId: flags.employer,
    },
    expensein: { baseUrl: flags.expenseinUrl ?? publicUrls.expensein, apiKey: keys.expensein },
  };
  const employerName = await verify(context, endpoints);
  const { store } = context.deps();
  const connection = store.connections.create({
    name: flags.name ?? employerName,
    staffology: endpoints.staffology,
    expensein: endpoints.expensein,
    settings: settingsOf(flags),
    source: 'api',
  });
  context.err(
    `Connected ${connection.id}: ${employerName} -> ExpenseIn at ${connection.expensein.baseUrl}` +
      ` (bank details ${connection.settings.includeBankDetails ? 'included' : 'not synced'})`,
  );
  // The seed: "Staffology HR will sync shortly after your initial connection".
  if (flags.sync)
    await sync(context, { json: flags.json }, { connectionId: connection.id, trigger: 'connect' });
}

async function reconnect(context: CliContext, flags: ConnectionFlags): Promise<void> {
  const { store } = context.deps();
  const { connection } = context.pickConnection(flags.connection);
  const keys = await readKeys(context, flags);
  const current = store.connections.credentials(connection.id);
  const endpoints: VendorEndpoints = {
    staffology: {
      baseUrl: flags.staffologyUrl ?? connection.staffology.baseUrl,
      apiKey: keys.staffology || current.staffologyApiKey,
      employerId: flags.employer ?? connection.staffology.employerId,
    },
    expensein: {
      baseUrl: flags.expenseinUrl ?? connection.expensein.baseUrl,
      apiKey: keys.expensein || current.expenseinApiKey,
    },
  };
  const employerName = await verify(context, endpoints);
  const patch: ConnectionPatch = {
    ...(flags.name === undefined ? {} : { name: flags.name }),
    staffology: endpoints.staffology,
    expensein: endpoints.expensein,
    settings: settingsOf(flags),
  };
  const updated = store.connections.reconnect(connection.id, patch);
  context.err(`Reconnected ${updated.id}: ${employerName} -> ExpenseIn at ${updated.expensein.baseUrl}`);
  // The seed: "...and after any reconnections".
  if (flags.sync)
    await sync(context, { json: flags.json }, { connectionId: updated.id, trigger: 'reconnect' });
}
