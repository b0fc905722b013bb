import { AsyncLocalStorage } from 'node:async_hooks';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { buildStore, type Store } from './build-store.ts';
import { type CallQueue, createCallQueue } from './create-call-queue.ts';
import { migrationsFolder } from './migrations-folder.ts';
import { processOwnership } from './process-ownership.ts';
import type { RunOwnership } from './runs-repo.ts';
import * as schema from './schema.ts';
import type { StoreContext } from './store-context.ts';
import { openKeysOf } from './store-keys.ts';

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

// How long a write waits for another process's write to end: every write transaction is short (a run records an
// action at a time), so a wait this long means a stuck process, not a busy one.
const busyTimeoutMs = 30_000;

/**
 * Opens (creating if needed) the SQLite database, applies pending migrations and returns the repositories. Several
 * processes may open the same file (WAL, busy timeout); close the store when done. The database, its WAL and the
 * key file are created 0600 in 0700 folders (PRODUCT.md 4.3).
 */
export async function openStore(options: StoreOptions): Promise<Store> {
  const inMemory = options.file === ':memory:';
  const notices = inMemory ? [] : prepareDatabaseFile(options.file);
  const sqlite = new Database(options.file);
  try {
    if (!inMemory) sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`);
    const db = drizzle({ client: sqlite, schema });
    migrateSqlite(db);
    const queue = queueFor(options.file);
    const inTransaction = new AsyncLocalStorage<true>();
    // IMMEDIATE: a transaction takes the write lock when it begins, not when it first writes, so a read-then-write
    // never fails with SQLITE_BUSY when another process wrote in between (WAL cannot upgrade a stale snapshot).
    // One at a time on the process's one connection (the queue); a nested call joins the open one.
    const transaction = <T>(fn: () => Promise<T>): Promise<T> =>
      queue.run(async () => {
        if (inTransaction.getStore()) return fn();
        sqlite.exec('BEGIN IMMEDIATE');
        try {
          const result = await inTransaction.run(true, fn);
          sqlite.exec('COMMIT');
          return result;
        } catch (error) {
          if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
          throw error;
        }
      });

    const clock = options.now ?? (() => new Date());
    const base = { db, tables: schema, transaction };
    const { loaded, keys } = await openKeysOf(base, options, inMemory ? null : `${options.file}.key`);
    if (loaded.movedFrom) {
      notices.push(`moved the key file ${loaded.movedFrom} out of the database's folder to ${loaded.file}`);
    }
    const ctx: StoreContext = { ...base, now: () => clock().toISOString(), box: keys.box };
    return buildStore(ctx, {
      dialect: 'sqlite',
      location: options.file,
      keyFile: loaded.file,
      notices,
      keys,
      runLeaseMs: options.runLeaseMs,
      ownership: options.ownership ?? processOwnership(),
      guard: queue.guard,
      close: async () => {
        if (sqlite.open) sqlite.close();
      },
    });
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

// One queue per database file in this process, shared by every store opened on it: while one connection holds the
// write lock across an await, another connection of the same process waiting for it would block the thread (SQLite's
// busy wait is synchronous) and so never let the first one finish.
const queues = new Map<string, CallQueue>();

function queueFor(file: string): CallQueue {
  if (file === ':memory:') return createCallQueue();
  const key = resolve(file);
  const queue = queues.get(key) ?? createCallQueue();
  queues.set(key, queue);
  return queue;
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

/**
 * Applies the pending migrations. Processes opening a new database at the same moment race in drizzle's migrator,
 * which reads which migrations ran before it takes the write lock: the one that waited fails on a table the other
 * has just created (the busy timeout made it wait for that commit), and finds every migration applied when it reads
 * again. Seen with 20 CLI processes started together on a fresh database.
 */
function migrateSqlite(db: Parameters<typeof migrate>[0]): void {
  const attempts = 3;
  for (let attempt = 1; ; attempt++) {
    try {
      migrate(db, { migrationsFolder: migrationsFolder('drizzle') });
      return;
    } catch (error) {
      if (attempt === attempts) throw error;
    }
  }
}
