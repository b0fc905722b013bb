import { mkdirSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { count, eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { type ConnectionsRepo, createConnectionsRepo } from './connections-repo.ts';
import { deriveBankHashKey } from './hash-bank.ts';
import { createHeldLeaversRepo, type HeldLeaversRepo } from './held-leavers-repo.ts';
import { createIntentsRepo, type IntentsRepo } from './intents-repo.ts';
import { createLinksRepo, type LinksRepo } from './links-repo.ts';
import { type PruneResult, pruneRuns } from './prune-runs.ts';
import { createRunItemsRepo, type RunItemsRepo } from './run-items-repo.ts';
import { createRunsRepo, type RunOwnership, type RunsRepo } from './runs-repo.ts';
import * as schema from './schema.ts';
import { createSecretBox } from './secret-box.ts';
import { loadSecretKey } from './secret-key.ts';
import type { StoreContext } from './store-context.ts';
import { createTokensRepo, type TokensRepo } from './tokens-repo.ts';

export interface StoreOptions {
  /** The SQLite file, created with its folder if missing; `:memory:` for tests (then `secret` is required). */
  file: string;
  /** STAFFSYNC_SECRET as read from the environment by the caller; without it, `<file>.key` is used or created. */
  secret?: string | undefined;
  /** The clock; injected so tests can move time (stale runs, retention). */
  now?: () => Date;
  /** A running run whose heartbeat is older than this was left by a dead process. Default 5 minutes. */
  runLeaseMs?: number;
  /** Which process owns the runs it starts (default: this one); tests pass another to play a killed process. */
  ownership?: RunOwnership;
}

export interface Store {
  readonly file: string;
  readonly connections: ConnectionsRepo;
  readonly links: LinksRepo;
  readonly runs: RunsRepo;
  readonly runItems: RunItemsRepo;
  readonly intents: IntentsRepo;
  readonly held: HeldLeaversRepo;
  readonly tokens: TokensRepo;
  /** The HMAC key for `hashBank`, derived from the secret key (never the encryption key itself). */
  readonly bankHashKey: Buffer;
  /** Runs `fn` atomically; repository calls inside it join the transaction. `fn` must be synchronous. */
  transaction<T>(fn: () => T): T;
  prune(options: { olderThanDays: number }): PruneResult;
  /** Idempotent. */
  close(): void;
}

export const defaultRunLeaseMs = 5 * 60_000;
const busyTimeoutMs = 5_000;
const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));
const secretCheckKey = 'secret_check';
const secretCheckContext = 'store_meta.secret_check';
const secretCheckPlaintext = 'staffsync';

/**
 * Opens (creating if needed) the database, applies pending migrations and returns the repositories. Several
 * processes may open the same file (WAL, busy timeout); close the store when done.
 */
export function openStore(options: StoreOptions): Store {
  const inMemory = options.file === ':memory:';
  if (!inMemory) mkdirSync(dirname(options.file), { recursive: true });
  const secret = loadSecretKey({ file: options.file, secret: options.secret });
  const sqlite = new Database(options.file);
  try {
    if (!inMemory) sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`);
    const db = drizzle({ client: sqlite, schema });
    migrate(db, { migrationsFolder });

    const clock = options.now ?? (() => new Date());
    const box = createSecretBox(secret.key);
    const ctx: StoreContext = {
      db,
      transaction: (fn) => sqlite.transaction(fn)(),
      exclusive: (fn) => sqlite.transaction(fn).immediate(),
      now: () => clock().toISOString(),
      box,
    };
    checkSecret(ctx, secret.origin);

    return {
      file: options.file,
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
      bankHashKey: deriveBankHashKey(secret.key),
      transaction: ctx.transaction,
      prune: (pruneOptions) => pruneRuns(ctx, pruneOptions),
      close: () => {
        if (sqlite.open) sqlite.close();
      },
    };
  } catch (error) {
    sqlite.close();
    // A key file generated for a database it cannot open would only mislead the next start.
    if (secret.created && error instanceof WrongSecretError) rmSync(secret.origin, { force: true });
    throw error;
  }
}

class WrongSecretError extends Error {}

/**
 * Proves the key is the one the database was first opened with, so a wrong STAFFSYNC_SECRET or a lost key file is
 * reported at start, not at the first sync as a vendor key that will not decrypt.
 */
function checkSecret(ctx: StoreContext, origin: string): void {
  const { db, box } = ctx;
  ctx.exclusive(() => {
    const row = db.select().from(schema.storeMeta).where(eq(schema.storeMeta.key, secretCheckKey)).get();
    if (row) {
      try {
        box.decrypt(row.value, secretCheckContext);
      } catch {
        throw new WrongSecretError(
          `the key from ${origin} is not the key this database was created with: restore the original key file or STAFFSYNC_SECRET`,
        );
      }
      return;
    }
    const connectionCount = db.select({ n: count() }).from(schema.connections).get()?.n ?? 0;
    if (connectionCount > 0) {
      throw new WrongSecretError(
        `the database holds encrypted secrets but no key check; cannot verify ${origin}`,
      );
    }
    db.insert(schema.storeMeta)
      .values({ key: secretCheckKey, value: box.encrypt(secretCheckPlaintext, secretCheckContext) })
      .run();
  });
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
