import { chmodSync, closeSync, existsSync, mkdirSync, openSync, rmSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { type ConnectionsRepo, createConnectionsRepo } from './connections-repo.ts';
import { createHeldLeaversRepo, type HeldLeaversRepo } from './held-leavers-repo.ts';
import { createIntentsRepo, type IntentsRepo } from './intents-repo.ts';
import { createLinksRepo, type LinksRepo } from './links-repo.ts';
import { type PruneResult, pruneRuns } from './prune-runs.ts';
import { createRunItemsRepo, type RunItemsRepo } from './run-items-repo.ts';
import { createRunsRepo, type RunOwnership, type RunsRepo } from './runs-repo.ts';
import * as schema from './schema.ts';
import { loadSecretKey } from './secret-key.ts';
import type { StoreContext } from './store-context.ts';
import { openStoreKeys, storeIdOf, WrongSecretError } from './store-keys.ts';
import { createTokensRepo, type TokensRepo } from './tokens-repo.ts';

export interface StoreOptions {
  /** The SQLite file, created with its folder if missing; `:memory:` for tests (then `secret` is required). */
  file: string;
  /** STAFFSYNC_SECRET as read from the environment by the caller. */
  secret?: string | undefined;
  /** STAFFSYNC_KEY_FILE: the key file, when STAFFSYNC_SECRET is not set. */
  keyFile?: string | undefined;
  /**
   * Where the key file goes when neither is given: `<keyDir>/<the database's id>.key`, a folder apart from the
   * database's (parse-env.ts gives the user's config folder).
   */
  keyDir?: string | undefined;
  /** The clock; injected so tests can move time (stale runs, retention). */
  now?: () => Date;
  /** A running run whose heartbeat is older than this was left by a dead process. Default 5 minutes. */
  runLeaseMs?: number;
  /** Which process owns the runs it starts (default: this one); tests pass another to play a killed process. */
  ownership?: RunOwnership;
}

export interface Store {
  readonly file: string;
  /** The key file in use, or null when the key comes from STAFFSYNC_SECRET. */
  readonly keyFile: string | null;
  /** Things the operator should know about the files at start (a key file moved, a folder others can read). */
  readonly notices: readonly string[];
  readonly connections: ConnectionsRepo;
  readonly links: LinksRepo;
  readonly runs: RunsRepo;
  readonly runItems: RunItemsRepo;
  readonly intents: IntentsRepo;
  readonly held: HeldLeaversRepo;
  readonly tokens: TokensRepo;
  /** The HMAC key for `hashBank`, kept wrapped in the database (never the encryption key itself). */
  readonly bankHashKey: Buffer;
  /** Runs `fn` atomically; repository calls inside it join the transaction. `fn` must be synchronous. */
  transaction<T>(fn: () => T): T;
  prune(options: { olderThanDays: number }): PruneResult;
  /** Re-encrypts every stored secret under `newKey` (staffsync rotate-key); the caller stores the new key. */
  rekey(newKey: Buffer): void;
  /** Idempotent. */
  close(): void;
}

export const defaultRunLeaseMs = 5 * 60_000;
// How long a write waits for another process's write to end: every write transaction is short (a run records an
// action at a time), so a wait this long means a stuck process, not a busy one.
const busyTimeoutMs = 30_000;
// server/drizzle, seen from this file (src/store/) or from the built CLI (dist/staffsync.mjs, scripts/build-cli.mjs).
const migrationsFolder = ['../../drizzle', '../drizzle']
  .map((relative) => fileURLToPath(new URL(relative, import.meta.url)))
  .find((folder) => existsSync(join(folder, 'meta', '_journal.json')));
function requireMigrations(): string {
  if (migrationsFolder === undefined)
    throw new Error('the database migrations (server/drizzle) were not found');
  return migrationsFolder;
}

/**
 * Opens (creating if needed) the database, applies pending migrations and returns the repositories. Several
 * processes may open the same file (WAL, busy timeout); close the store when done. The database, its WAL and the
 * key file are created 0600 in 0700 folders (PRODUCT.md 4.3).
 */
export function openStore(options: StoreOptions): Store {
  const inMemory = options.file === ':memory:';
  const notices = inMemory ? [] : prepareDatabaseFile(options.file);
  const sqlite = new Database(options.file);
  let createdKeyFile: string | null = null;
  try {
    if (!inMemory) sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`);
    const db = drizzle({ client: sqlite, schema });
    migrate(db, { migrationsFolder: requireMigrations() });
    // IMMEDIATE: a transaction takes the write lock when it begins, not when it first writes, so a read-then-write
    // never fails with SQLITE_BUSY when another process wrote in between (WAL cannot upgrade a stale snapshot).
    const transaction = <T>(fn: () => T): T => sqlite.transaction(fn).immediate();

    const defaultKeyFile = options.keyDir
      ? join(options.keyDir, `${transaction(() => storeIdOf(db))}.key`)
      : null;
    const loaded = loadSecretKey({
      secret: options.secret,
      file: options.keyFile ?? defaultKeyFile,
      legacyFile: inMemory ? null : `${options.file}.key`,
    });
    if (loaded.created) createdKeyFile = loaded.file;
    if (loaded.movedFrom) {
      notices.push(`moved the key file ${loaded.movedFrom} out of the database's folder to ${loaded.file}`);
    }
    const keys = openStoreKeys(db, transaction, loaded);

    const clock = options.now ?? (() => new Date());
    const ctx: StoreContext = {
      db,
      transaction,
      now: () => clock().toISOString(),
      box: keys.box,
    };
    return {
      file: options.file,
      keyFile: loaded.file,
      notices,
      connections: createConnectionsRepo(ctx),
      links: createLinksRepo(ctx),
      runs: createRunsRepo(ctx, {
        leaseMs: options.runLeaseMs ?? defaultRunLeaseMs,
        ownership: options.ownership ?? processOwnership(),
      }),
      runItems: createRunItemsRepo(ctx),
      intents: createIntentsRepo(ctx),
      held: createHeldLeaversRepo(ctx),
      tokens: createTokensRepo(ctx),
      bankHashKey: keys.bankHashKey,
      transaction: ctx.transaction,
      prune: (pruneOptions) => pruneRuns(ctx, pruneOptions),
      rekey: (newKey) => keys.rekey(newKey),
      close: () => {
        if (sqlite.open) sqlite.close();
      },
    };
  } catch (error) {
    sqlite.close();
    // A key file generated for a database it cannot open would only mislead the next start.
    if (createdKeyFile !== null && error instanceof WrongSecretError) rmSync(createdKeyFile, { force: true });
    throw error;
  }
}

/**
 * The database's folder (0700 when created here) and file (0600) before SQLite opens it: SQLite gives the WAL and
 * shared-memory files the database file's mode. A folder that already exists is the operator's: it is not
 * changed, but a notice says when others can read it.
 */
function prepareDatabaseFile(file: string): string[] {
  const notices: string[] = [];
  const folder = dirname(file);
  if (!existsSync(folder)) mkdirSync(folder, { recursive: true, mode: 0o700 });
  const folderMode = statSync(folder).mode & 0o777;
  if ((folderMode & 0o077) !== 0) {
    notices.push(
      `the database's folder ${folder} is open to other users (mode ${folderMode.toString(8).padStart(4, '0')}): run \`chmod 700 ${folder}\``,
    );
  }
  closeSync(openSync(file, 'a', 0o600));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(path)) chmodSync(path, 0o600);
  return notices;
}

/** This process; another process is alive when signal 0 reaches it (EPERM: it exists but is not ours). */
export function processOwnership(): RunOwnership {
  return {
    pid: process.pid,
    host: hostname(),
    isAlive(pid) {
      try {
        process.kill(pid, 0);
        return true;
      } catch (error) {
        return (error as NodeJS.ErrnoException).code === 'EPERM';
      }
    },
  };
}
