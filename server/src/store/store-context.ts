import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type * as schema from './schema.ts';
import type { SecretBox } from './secret-box.ts';

export type StoreDb = BetterSQLite3Database<typeof schema>;

/** What every repository is built from: one connection, one clock, one secret box. */
export interface StoreContext {
  db: StoreDb;
  /**
   * Runs `fn` in a transaction that takes the write lock first (IMMEDIATE), so a read-then-write is atomic across
   * processes; nested calls become savepoints (better-sqlite3).
   */
  transaction<T>(fn: () => T): T;
  /** The current time as an ISO-8601 UTC string. */
  now(): string;
  box: SecretBox;
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

/** A write that the current state forbids (e.g. finishing a run that is no longer running); HTTP 409. */
export class StoreConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreConflictError';
  }
}
