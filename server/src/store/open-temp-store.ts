import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Store, StoreDialect } from './build-store.ts';
import type { NewConnection } from './connections-repo.ts';
import { openPostgresStore } from './open-postgres-store.ts';
import { openStore, type StoreOptions } from './open-store.ts';

/** A fixed test key (64 hex characters), so tests need no key file unless they test one. */
export const testSecret = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

/** A clock that stands still until told to move. */
export interface ManualClock {
  now: () => Date;
  advance(ms: number): void;
}

export function manualClock(start = '2026-11-25T04:00:00.000Z'): ManualClock {
  let at = Date.parse(start);
  return {
    now: () => new Date(at),
    advance(ms) {
      at += ms;
    },
  };
}

/**
 * A PostgreSQL server the store's tests may create throwaway databases on (its URL names a database to connect to
 * for that, e.g. `postgres://postgres@127.0.0.1:55432/postgres`); scripts/test.sh starts one and sets it.
 */
export const testDatabaseUrl = process.env.STAFFSYNC_TEST_DATABASE_URL || null;

/**
 * The dialects the store's contract suite runs on: SQLite always, PostgreSQL when a test server is given. The README's
 * test command always gives one (and insists, with STAFFSYNC_TEST_REQUIRE_POSTGRES, as does CI=true), so the suite never passes there on SQLite alone.
 */
export function testDialects(): StoreDialect[] {
  if (testDatabaseUrl === null && (process.env.CI || process.env.STAFFSYNC_TEST_REQUIRE_POSTGRES)) {
    throw new Error(
      'the test command (and CI) runs the PostgreSQL tests too: set STAFFSYNC_TEST_DATABASE_URL (scripts/postgres.sh)',
    );
  }
  return testDatabaseUrl === null ? ['sqlite'] : ['sqlite', 'postgres'];
}

export interface TempStoreOptions extends Partial<StoreOptions> {
  /** Default SQLite. */
  dialect?: StoreDialect;
}

export interface TempStore {
  store: Store;
  dialect: StoreDialect;
  /** The SQLite file, or the PostgreSQL database's URL. */
  file: string;
  dir: string;
  clock: ManualClock;
  /** Closes the store and opens the same database again with the same options. */
  reopen(overrides?: Partial<StoreOptions>): Promise<Store>;
  /**
   * Everything the database holds, as stored: the SQLite file's bytes (read after closing the store), or every row of
   * every PostgreSQL table as text. For tests that a secret is never stored in clear.
   */
  storedBytes(): Promise<Buffer>;
  /** Another store on the same database (another process, as far as the database can tell); closed by cleanup. */
  openAnother(overrides?: Partial<StoreOptions>): Promise<Store>;
  /** Closes the store and removes the folder. */
  cleanup(): Promise<void>;
}

/**
 * A store on a fresh SQLite file under the OS temp folder, or on a fresh PostgreSQL database (dropped by cleanup), for
 * tests of the store and of its callers.
 */
export async function openTempStore(options: TempStoreOptions = {}): Promise<TempStore> {
  const { dialect = 'sqlite', ...storeOptions } = options;
  const dir = mkdtempSync(join(tmpdir(), 'staffsync-store-'));
  const database = dialect === 'postgres' ? await createTestDatabase() : null;
  const file = database?.url ?? join(dir, 'data', 'staffsync.db');
  const clock = manualClock();
  // Key files, when a test asks for one (secret: undefined), stay inside the temporary folder, apart from the database.
  const base: StoreOptions = {
    file,
    secret: testSecret,
    keyDir: join(dir, 'keys'),
    now: clock.now,
    ...storeOptions,
  };
  const open = (opts: StoreOptions) =>
    dialect === 'postgres' ? openPostgresStore({ ...opts, url: file, poolSize: 4 }) : openStore(opts);
  const others: Store[] = [];
  const temp: TempStore = {
    store: await open(base),
    dialect,
    file,
    dir,
    clock,
    async reopen(overrides = {}) {
      await temp.store.close();
      temp.store = await open({ ...base, ...overrides });
      return temp.store;
    },
    async storedBytes() {
      if (dialect === 'sqlite') {
        await temp.store.close();
        return Buffer.concat(
          [file, `${file}-wal`, `${file}-journal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)),
        );
      }
      return Buffer.from(await dumpRows(file));
    },
    async openAnother(overrides = {}) {
      const other = await open({ ...base, ...overrides });
      others.push(other);
      return other;
    },
    async cleanup() {
      for (const other of others) await other.close();
      await temp.store.close();
      await database?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return temp;
}

async function dumpRows(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      "select table_name as name from information_schema.tables where table_schema = 'public'",
    );
    const rows: string[] = [];
    for (const { name } of tables.rows) {
      const dumped = await client.query<{ row: string }>(`select t::text as row from "${name}" t`);
      rows.push(...dumped.rows.map((row) => row.row));
    }
    return rows.join('\n');
  } finally {
    await client.end();
  }
}

/** A new, empty database on the test server, and how to drop it. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (testDatabaseUrl === null) throw new Error('a PostgreSQL store test needs STAFFSYNC_TEST_DATABASE_URL');
  const name = `staffsync_test_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: testDatabaseUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

/** Connection input with recognisable fake keys, for tests that need a connection row. */
export function testConnection(overrides: Partial<NewConnection> = {}): NewConnection {
  return {
    name: 'Acme',
    staffology: { baseUrl: 'http://127.0.0.1:4010', employerId: 'emp-1', apiKey: 'staffology-key-7f3a9c' },
    expensein: { baseUrl: 'http://127.0.0.1:4020', apiKey: 'expensein-key-b81e44' },
    source: 'api',
    ...overrides,
  };
}
