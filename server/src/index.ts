// The server package's public exports (for the test package: demo, benchmarks, end-to-end set-up).

export * from './adapters/index.ts';
export { createWebhookAlert, type WebhookAlerts } from './alerts/create-webhook-alert.ts';
export { type CliIo, createCliContext } from './cli/cli-context.ts';
export { createServer, type ServeDeps, type ServerHandle } from './cli/create-server.ts';
export { exitCodeFor } from './cli/exit-code.ts';
export { formatRunReport } from './cli/format-run-report.ts';
export { runCli } from './cli/run-cli.ts';
export { tuneHeap } from './cli/tune-heap.ts';
export {
  type EnvConnection,
  EnvError,
  envConnectionVariables,
  type LogLevel,
  parseEnv,
  type Settings,
  type VendorHttpSettings,
} from './config/parse-env.ts';
export { resolveDbPath } from './config/resolve-db-path.ts';
export type { AppDeps } from './http/app-deps.ts';
export { type ApiServer, createApiServer } from './http/create-api-server.ts';
export { createApp } from './http/create-app.ts';
export { createRunQueuer, type QueueRun } from './jobs/create-run-queuer.ts';
export { enqueueDueRuns } from './jobs/enqueue-due-runs.ts';
export { createLogger, type Logger, redactedPaths } from './logging/create-logger.ts';
export { approveHeldLeavers, type HeldLeaverApproval } from './run/approve-held-leavers.ts';
export { bankFingerprints } from './run/bank-fingerprints.ts';
export {
  type BegunRun,
  beginRun,
  carryOutRun,
  describeRunError,
  RunLostError,
  type RunResult,
  type RunSession,
} from './run/carry-out-run.ts';
export {
  type ChangedConnection,
  type ConnectionDeps,
  connectPair,
  reconnectConnection,
} from './run/change-connection.ts';
export { AccountChangedError, compareAccount } from './run/compare-account.ts';
export {
  type CountedAction,
  countRun,
  emptyCounts,
  flattenTally,
  type RunTally,
  unflattenCounts,
} from './run/count-run.ts';
export {
  clientsForEndpoints,
  createVendorClients,
  type VendorEndpoints,
} from './run/create-vendor-clients.ts';
export { decideRunStatus, type RunStatusInput } from './run/decide-run-status.ts';
export {
  dailySlotUtc,
  decideScheduledRun,
  latestSlot,
  nextSlot,
  type ScheduleDecision,
  type ScheduleInput,
} from './run/decide-scheduled-run.ts';
export { type EnsuredConnection, ensureEnvConnection } from './run/ensure-env-connection.ts';
export type { ExpenseInWriter } from './run/expensein-writer.ts';
export { fetchScope, type ScopedInput } from './run/fetch-scope.ts';
export { bankHasher, hashBank } from './run/hash-bank.ts';
export { rejectHeldLeavers } from './run/held-leaver-decisions.ts';
export { type PlanBasis, planScope } from './run/plan-scope.ts';
export { type ReconciledIntents, reconcileIntents } from './run/reconcile-intents.ts';
export type { ClientsFor, RunAlert, RunDeps, VendorClients } from './run/run-deps.ts';
export { type RunReport, type RunTimings, reportRun } from './run/run-report.ts';
export {
  type RunProgress,
  runSync,
  type SyncHandle,
  type SyncOptions,
  startSync,
  waitForRun,
} from './run/run-sync.ts';
export { createScheduler, type Scheduler, type SchedulerOptions } from './run/scheduler.ts';
export { previewScope, todayUtc } from './run/sync-in-session.ts';
export type { SyncScope } from './run/sync-scope.ts';
export { type VerifiedConnection, verifyConnection } from './run/verify-connection.ts';
export {
  type AllowedHosts,
  checkOutboundUrl,
  defaultAllowedHosts,
  parseAllowedHosts,
  RefusedUrlError,
} from './security/allowed-hosts.ts';
export * from './store/index.ts';
// Test support: throwaway PostgreSQL databases on the test server (scripts/postgres.sh), for the workers' tests.
export {
  createTestDatabase,
  testDatabaseUrl,
  testDialects,
  testSecret,
} from './store/open-temp-store.ts';
export { driftOf } from './sync/drift-of.ts';
export { type PlanStatus, type PlanSummary, summarisePlan } from './sync/summarise-plan.ts';
