import type { RunTrigger } from '@staffsync/shared';
import { InvalidArgumentError } from 'commander';
import type { LogLevel, Settings } from '../config/parse-env.ts';
import { resolveDbPath } from '../config/resolve-db-path.ts';
import { createLogger, type Logger } from '../logging/create-logger.ts';
import { createVendorClients } from '../run/create-vendor-clients.ts';
import { ensureEnvConnection } from '../run/ensure-env-connection.ts';
import type { RunDeps } from '../run/run-deps.ts';
import { type Connection, openPostgresStore, openStore, type Store } from '../store/index.ts';
import { CliError } from './cli-error.ts';

type Output = NodeJS.WritableStream & { isTTY?: boolean };

/** The process around the CLI, passed in by `main` so the CLI itself never touches `process` (STYLE.md 2). */
export interface CliIo {
  env: Record<string, string | undefined>;
  cwd: string;
  stdout: Output;
  stderr: Output;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Aborted on SIGINT or SIGTERM: `serve` stops cleanly. */
  shutdown: AbortSignal;
  clock?: () => Date;
}

export interface PickedConnection {
  connection: Connection;
  /** The trigger a run asked for now should carry: the first run of a new environment connection is its connect run. */
  trigger: RunTrigger;
}

/** What every command shares: settings, output, and the store and run dependencies, opened on first use. */
export interface CliContext {
  io: CliIo;
  settings: Settings;
  /** Set by a command; `main` exits with it. */
  exitCode: number;
  out(text: string): void;
  err(text: string): void;
  /** Opens the store on first use; `logLevel` overrides the CLI's quiet default (serve logs at LOG_LEVEL). */
  deps(options?: { logLevel?: LogLevel }): Promise<RunDeps>;
  /** `--connection ID`, else the environment's connection, else the only connected one. */
  pickConnection(id: number | undefined): Promise<PickedConnection>;
  close(): Promise<void>;
}

export function createCliContext(io: CliIo, settings: Settings): CliContext {
  let store: Store | null = null;
  let deps: RunDeps | null = null;
  const clock = io.clock ?? (() => new Date());

  const context: CliContext = {
    io,
    settings,
    exitCode: 0,
    out: (text) => {
      io.stdout.write(`${text}\n`);
    },
    err: (text) => {
      io.stderr.write(`${text}\n`);
    },
    async deps(options = {}) {
      if (deps) return deps;
      // A one-off command keeps stderr for its own messages unless LOG_LEVEL asks for more.
      const level = options.logLevel ?? (io.env.LOG_LEVEL ? settings.logLevel : 'warn');
      const logger: Logger = createLogger({ level });
      // Relative paths are the operator's, from where pnpm was run (resolve-db-path.ts).
      const where = { initCwd: io.env.INIT_CWD, cwd: io.cwd };
      const keys = {
        secret: settings.secret ?? undefined,
        keyFile: settings.keyFile === null ? undefined : resolveDbPath(settings.keyFile, where),
        keyDir: settings.keyDir ?? undefined,
        now: clock,
      };
      // PRODUCT.md 4.5: STAFFSYNC_DATABASE_URL moves the same store to PostgreSQL; without it, the SQLite file.
      const opened = settings.databaseUrl
        ? await openPostgresStore({ url: settings.databaseUrl, ...keys })
        : await openStore({ file: resolveDbPath(settings.db, where), ...keys });
      store = opened;
      for (const notice of opened.notices) logger.warn(notice);
      deps = {
        store: opened,
        logger,
        clock,
        clientsFor: createVendorClients(settings.http, settings.allowedHosts),
        defaultSyncEveryMinutes: settings.syncEveryMinutes,
      };
      return deps;
    },
    async pickConnection(id) {
      const { store: opened, logger } = await context.deps();
      if (id !== undefined) {
        const connection = await opened.connections.get(id);
        if (!connection) throw new CliError(`no connection ${id} (pnpm staffsync connections lists them)`);
        return { connection, trigger: 'manual' };
      }
      if (settings.envConnection) {
        const ensured = await ensureEnvConnection(
          { ...(await context.deps()), allowedHosts: settings.allowedHosts },
          settings.envConnection,
        );
        if (ensured.change !== 'unchanged') {
          logger.info(
            { connectionId: ensured.connection.id, change: ensured.change },
            'environment connection',
          );
        }
        const trigger =
          ensured.change === 'created'
            ? 'connect'
            : ensured.change === 'reconnected'
              ? 'reconnect'
              : 'manual';
        return { connection: ensured.connection, trigger };
      }
      const connected = await opened.connections.list({ status: 'connected' });
      const [only] = connected;
      if (only && connected.length === 1) return { connection: only, trigger: 'manual' };
      if (connected.length === 0) {
        throw new CliError(
          'no connection: set STAFFOLOGY_BASE_URL, STAFFOLOGY_API_KEY, STAFFOLOGY_EMPLOYER_ID, EXPENSEIN_BASE_URL and ' +
            'EXPENSEIN_API_KEY, or run `pnpm staffsync connect`',
        );
      }
      throw new CliError(
        `${connected.length} connections (${connected.map((c) => c.id).join(', ')}): pass --connection ID`,
      );
    },
    async close() {
      const open = store;
      store = null;
      deps = null;
      await open?.close();
    },
  };
  return context;
}

/** Parses `--connection` and other ids (commander reports the error with the option's name). */
export function parseId(value: string): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0)
    throw new InvalidArgumentError(`expected a positive whole number, got "${value}"`);
  return id;
}
