import { type ConnectionsRepo, createConnectionsRepo } from './connections-repo.ts';
import { createHeldLeaversRepo, type HeldLeaversRepo } from './held-leavers-repo.ts';
import { createIntentsRepo, type IntentsRepo } from './intents-repo.ts';
import { createLinksRepo, type LinksRepo } from './links-repo.ts';
import { type PruneResult, pruneRuns } from './prune-runs.ts';
import { createRunItemsRepo, type RunItemsRepo } from './run-items-repo.ts';
import { createRunsRepo, type RunOwnership, type RunsRepo } from './runs-repo.ts';
import type { StoreContext, TransactionScope } from './store-context.ts';
import type { StoreKeys } from './store-keys.ts';
import { createTokensRepo, type TokensRepo } from './tokens-repo.ts';

export type StoreDialect = 'sqlite' | 'postgres';

/** The store: the same repositories, awaited alike, whichever database holds them. */
export interface Store {
  readonly dialect: StoreDialect;
  /** Where the data is, for messages: the SQLite file, or the PostgreSQL URL without its password. */
  readonly location: string;
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
  /** Runs `fn` atomically; repository calls inside it join the transaction. `fn` does database work only. */
  transaction<T>(fn: () => Promise<T>, scope?: TransactionScope): Promise<T>;
  prune(options: { olderThanDays: number }): Promise<PruneResult>;
  /** Re-encrypts every stored secret under `newKey` (staffsync rotate-key); the caller stores the new key. */
  rekey(newKey: Buffer): Promise<void>;
  /** Idempotent. */
  close(): Promise<void>;
}

export const defaultRunLeaseMs = 5 * 60_000;

/**
 * The repositories over one dialect's context. `guard` wraps each repository call (SQLite: one call at a time on its
 * one connection, see open-store.ts); identity where the database needs none.
 */
export function buildStore(
  ctx: StoreContext,
  parts: {
    dialect: StoreDialect;
    location: string;
    keyFile: string | null;
    notices: string[];
    keys: StoreKeys;
    runLeaseMs: number | undefined;
    ownership: RunOwnership;
    guard: <R extends object>(repo: R) => R;
    close: () => Promise<void>;
  },
): Store {
  const { guard, keys } = parts;
  return {
    dialect: parts.dialect,
    location: parts.location,
    keyFile: parts.keyFile,
    notices: parts.notices,
    connections: guard(createConnectionsRepo(ctx)),
    links: guard(createLinksRepo(ctx)),
    runs: guard(
      createRunsRepo(ctx, { leaseMs: parts.runLeaseMs ?? defaultRunLeaseMs, ownership: parts.ownership }),
    ),
    runItems: guard(createRunItemsRepo(ctx)),
    intents: guard(createIntentsRepo(ctx)),
    held: guard(createHeldLeaversRepo(ctx)),
    tokens: guard(createTokensRepo(ctx)),
    bankHashKey: keys.bankHashKey,
    transaction: (fn, scope) => ctx.transaction(fn, scope),
    prune: (options) => pruneRuns(ctx, options),
    rekey: (newKey) => keys.rekey(newKey),
    close: parts.close,
  };
}
