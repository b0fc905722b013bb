export { defaultRunLeaseMs, type Store, type StoreDialect } from './build-store.ts';
export type {
  Connection,
  ConnectionCredentials,
  ConnectionPatch,
  ConnectionSource,
  ConnectionStatus,
  ConnectionsRepo,
  NewConnection,
} from './connections-repo.ts';
export { deriveBankHashKey } from './derive-bank-hash-key.ts';
export type {
  HeldLeaver,
  HeldLeaverDecision,
  HeldLeaverStatus,
  HeldLeaversRepo,
  NewHeldLeaver,
} from './held-leavers-repo.ts';
export type { CreateIntent, IntentState, IntentsRepo } from './intents-repo.ts';
export { type LinkKey, type LinksRepo, lastWrittenSchema } from './links-repo.ts';
export { openPostgresStore, type PostgresStoreOptions, withoutPassword } from './open-postgres-store.ts';
export { openStore, type StoreOptions } from './open-store.ts';
export type { PruneResult } from './prune-runs.ts';
export type {
  ActionResult,
  RunItem,
  RunItemFilter,
  RunItemInput,
  RunItemKind,
  RunItemResult,
  RunItemsRepo,
  UserRunItem,
} from './run-items-repo.ts';
export {
  type FinalRunStatus,
  type FlatCounts,
  flatCountsSchema,
  type Run,
  type RunsRepo,
  type StartRun,
  type StartRunResult,
} from './runs-repo.ts';
export { parseSecretKey } from './secret-key.ts';
export {
  type Page,
  type PageRequest,
  StoreConflictError,
  StoreNotFoundError,
  StoreUnavailableError,
} from './store-context.ts';
export { type ApiToken, hashToken, type NewToken, type TokenCheck, type TokensRepo } from './tokens-repo.ts';
