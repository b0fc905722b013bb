import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type * as schema from './schema.ts';
import type { StoreBox } from './store-keys.ts';

/**
 * The query builder the repositories are written against, once for both dialects. Its type is drizzle's SQLite
 * builder; on PostgreSQL the same calls go to drizzle's PostgreSQL builder over tables of the same row types
 * (open-postgres-store.ts; schema-parity.test.ts checks the types). So repositories only `await` their queries,
 * get changes from `.returning()`, and never use SQLite's synchronous get, all and run methods, which
 * PostgreSQL's builder lacks (architecture.test.ts checks that).
 */
export type StoreDb = BetterSQLite3Database<typeof schema>;

/**
 * What a write transaction's read-then-write is about, when it is about one connection's rows (or one run's items):
 * on PostgreSQL such transactions of different connections go on at once, on every worker (open-postgres-store.ts);
 * without one, a transaction excludes every other. SQLite takes its one write lock either way.
 */
export type TransactionScope = { connectionId: number } | { runId: number };

/** The tables, as the dialect in use defines them. */
export type StoreTables = typeof schema;

/** What every repository is built from: one database, its tables, one clock, one secret box. */
export interface StoreContext {
  /** The open transaction's query builder inside `transaction`, else the database's. */
  readonly db: StoreDb;
  readonly tables: StoreTables;
  /**
   * Runs `fn` in a transaction that takes the database's write lock first, so a read-then-write is atomic across
   * processes (SQLite: BEGIN IMMEDIATE; PostgreSQL: transaction-scoped advisory locks, the scope's alone when one is
   * given). Repository calls inside `fn` join it.
   */
  transaction<T>(fn: () => Promise<T>, scope?: TransactionScope): Promise<T>;
  /** The current time as an ISO-8601 UTC string. */
  now(): string;
  box: StoreBox;
}

/** A page of a longer list, newest first unless said otherwise. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface PageRequest {
  limit?: number;
  offset?: number;
}

export const defaultPageSize = 50;
export const maxPageSize = 500;

export function pageBounds(request: PageRequest | undefined): { limit: number; offset: number } {
  const limit = Math.min(Math.max(Math.trunc(request?.limit ?? defaultPageSize), 1), maxPageSize);
  const offset = Math.max(Math.trunc(request?.offset ?? 0), 0);
  return { limit, offset };
}

/** A row the caller named does not exist; the HTTP layer turns it into 404. */
export class StoreNotFoundError extends Error {
  constructor(
    readonly entity: string,
    readonly key: string | number,
  ) {
    super(`${entity} ${key} not found`);
    this.name = 'StoreNotFoundError';
  }
}

/** The database could not be opened at all (PostgreSQL unreachable, a wrong key): a setting to fix, said in a line. */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

/** A write that the current state forbids (e.g. finishing a run that is no longer running); HTTP 409. */
export class StoreConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreConflictError';
  }
}
