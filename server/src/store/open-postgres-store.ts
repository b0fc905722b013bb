import { AsyncLocalStorage } from 'node:async_hooks';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { buildStore, type Store } from './build-store.ts';
import { migrationsFolder } from './migrations-folder.ts';
import type { StoreOptions } from './open-store.ts';
import * as pgSchema from './pg-schema.ts';
import { processOwnership } from './process-ownership.ts';
import {
  type StoreContext,
  type StoreDb,
  type StoreTables,
  StoreUnavailableError,
  type TransactionScope,
} from './store-context.ts';
import { openKeysOf } from './store-keys.ts';

export interface PostgresStoreOptions extends Omit<StoreOptions, 'file'> {
  /** STAFFSYNC_DATABASE_URL: `postgres://user:password@host:port/database`. Every worker must hold the same key. */
  url: string;
  /** Connections this process keeps open to the database. */
  poolSize?: number;
}

// Advisory lock keys (any fixed numbers, staffsync's own): one for migrating, one for write transactions.
const migrationLockKey = 7_301_001;
const writeLockKey = 7_301_002;
// The first halves of the two-part advisory lock keys of scoped write transactions (the second: the id).
const scopeLockClass = { connection: 7_301_010, run: 7_301_011 };

type PgDb = ReturnType<typeof drizzle<typeof pgSchema>>;
type PgTx = Parameters<Parameters<PgDb['transaction']>[0]>[0];

/**
 * Opens the store on PostgreSQL (PRODUCT.md 4.5): the same repositories as SQLite's, over drizzle's PostgreSQL
 * dialect and a connection pool, migrations applied at start by one process at a time (an advisory lock), so any
 * number of workers may start together.
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
  // An idle connection the server dropped: the pool replaces it, and the next query reports a real outage.
  pool.on('error', () => {});
  try {
    await migrateOnce(pool, options.url);
    const root = drizzle({ client: pool, schema: pgSchema });
    const open = new AsyncLocalStorage<PgTx>();
    // What SQLite's BEGIN IMMEDIATE gives, across every worker, so a read-then-write (one running run per
    // connection, one pending create per employee) never races another process: locks held to the end of the
    // transaction. A transaction about one connection (or one run's items) takes that one's lock, and the write lock
    // shared, so the runs of different connections write at once on every worker; any other takes the write lock
    // alone, excluding all. A nested call joins the open transaction, adding its scope's lock (never the write lock
    // alone: upgrading a shared lock could deadlock).
    const lockScope = async (tx: PgTx, scope: TransactionScope) => {
      const [kind, id] =
        'connectionId' in scope
          ? [scopeLockClass.connection, scope.connectionId]
          : [scopeLockClass.run, scope.runId];
      await tx.execute(sql`select pg_advisory_xact_lock(${kind}::int, ${id}::int)`);
    };
    const transaction = async <T>(fn: () => Promise<T>, scope?: TransactionScope): Promise<T> => {
      const current = open.getStore();
      if (current) {
        if (scope) await lockScope(current, scope);
        return fn();
      }
      return root.transaction(async (tx) => {
        if (scope) {
          await tx.execute(sql`select pg_advisory_xact_lock_shared(${writeLockKey})`);
          await lockScope(tx, scope);
        } else {
          await tx.execute(sql`select pg_advisory_xact_lock(${writeLockKey})`);
        }
        return open.run(tx, fn);
      });
    };
    // The repositories are written once against the SQLite builder's types (store-context.ts): PostgreSQL's builder
    // takes the same calls, over tables of the same row types (schema-parity.test.ts).
    const tables = pgSchema as unknown as StoreTables;
    const base = {
      get db(): StoreDb {
        return (open.getStore() ?? root) as unknown as StoreDb;
      },
      tables,
      transaction,
    };
    const { loaded, keys } = await openKeysOf(base, options, null);
    const clock = options.now ?? (() => new Date());
    const ctx: StoreContext = {
      get db() {
        return base.db;
      },
      tables,
      transaction,
      now: () => clock().toISOString(),
      box: keys.box,
    };
    let closed = false;
    return buildStore(ctx, {
      dialect: 'postgres',
      location: withoutPassword(options.url),
      keyFile: loaded.file,
      notices: [],
      keys,
      runLeaseMs: options.runLeaseMs,
      ownership: options.ownership ?? processOwnership(),
      guard: (repo) => repo,
      close: async () => {
        if (closed) return;
        closed = true;
        await pool.end();
      },
    });
  } catch (error) {
    await pool.end();
    throw error;
  }
}

async function migrateOnce(pool: pg.Pool, url: string): Promise<void> {
  const client = await pool.connect().catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    throw new StoreUnavailableError(
      `cannot reach the PostgreSQL database of STAFFSYNC_DATABASE_URL (${withoutPassword(url)}): ${reason}`,
      { cause: error },
    );
  });
  try {
    await client.query('select pg_advisory_lock($1)', [migrationLockKey]);
    try {
      await migrate(drizzle({ client }), { migrationsFolder: migrationsFolder('drizzle-pg') });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [migrationLockKey]);
    }
  } finally {
    client.release();
  }
}

/** The URL for messages: never its password (PRODUCT.md 4.2: secrets are never logged or shown). */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}
