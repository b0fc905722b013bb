import { partialRunTriggers, type RunTrigger } from '@staffsync/shared';
import { beginRun, carryOutRun } from './carry-out-run.ts';
import type { RunDeps } from './run-deps.ts';
import { type RunReport, reportRun } from './run-report.ts';
import { type ScopeProgress, syncInSession } from './sync-in-session.ts';
import type { SyncScope } from './sync-scope.ts';

export type RunProgress = ScopeProgress;

export interface SyncOptions {
  connectionId: number;
  /** What the run reads and writes; the whole employer by default. */
  scope?: SyncScope;
  trigger: RunTrigger;
  dryRun?: boolean;
  /** A token name, 'cli', 'scheduler'... kept with the run (PRODUCT.md 4.2: who or what triggered it). */
  requestedBy?: string | null;
  /**
   * When this sync was asked for. A run of the same kind that started since covers the request, even if it has
   * ended meanwhile: any number of processes asking at once get one run (PRODUCT.md 4.2). Default: now.
   */
  requestedAt?: Date;
  onProgress?: (progress: RunProgress) => void;
  /** Told the error that made a run this request carried out fail (a resync's unknown user, a refused key). */
  onFailure?: (error: unknown) => void;
}

/** A run requested: its id at once, its end later. */
export interface SyncHandle {
  runId: number;
  /** The connection already had a run that does what was asked (under way, or started since it was asked). */
  joined: boolean;
  /** The report of the run that did what was asked: the joined run, or the one run after it. */
  done: Promise<RunReport>;
}

/**
 * Requests a run of a connection and returns as soon as it has an id (the HTTP API answers with it). One engine
 * carries out every run, whatever its scope (run/sync-in-session.ts). A request while a run of the same kind is
 * under way joins it (PRODUCT.md 4.2); a run of another kind (a dry run when a sync was asked for, a resync, an
 * approval) is waited for, then the one asked for runs, and `done` reports it.
 * @throws StoreNotFoundError or StoreConflictError (disconnected) before any run starts.
 */
export async function startSync(deps: RunDeps, options: SyncOptions): Promise<SyncHandle> {
  const dryRun = options.dryRun ?? false;
  const scope = options.scope ?? { kind: 'employer' };
  const wholeEmployer = scope.kind === 'employer';
  const begun = await beginRun(deps, {
    connectionId: options.connectionId,
    trigger: options.trigger,
    dryRun,
    requestedBy: options.requestedBy ?? null,
    ...(wholeEmployer && options.requestedAt ? { coveredSince: options.requestedAt.toISOString() } : {}),
  });
  if (!begun.started) {
    const joined = waitForRun(deps, begun.run.id);
    const sameKind =
      wholeEmployer && begun.run.dryRun === dryRun && !partialRunTriggers.includes(begun.run.trigger);
    return {
      runId: begun.run.id,
      joined: true,
      done: sameKind
        ? joined
        : joined.then(async () => (await startSync(deps, { ...options, requestedAt: undefined })).done),
    };
  }
  return {
    runId: begun.run.id,
    joined: false,
    done: carryOutRun(
      deps,
      begun,
      (session, trace) => syncInSession(deps, session, scope, trace, options.onProgress),
      options.onFailure,
    ),
  };
}

/** One run of a connection, to its end. */
export async function runSync(deps: RunDeps, options: SyncOptions): Promise<RunReport> {
  return (await startSync(deps, options)).done;
}

/**
 * Waits for a run (possibly another process's) to end, reading its row every `deps.pollMs`. Reads only: a run whose
 * lease has run out, or whose process on this host is gone, is marked abandoned (one short write) and then ends.
 */
export async function waitForRun(deps: RunDeps, runId: number): Promise<RunReport> {
  for (;;) {
    const run = await deps.store.runs.get(runId);
    if (!run) throw new Error(`run ${runId} disappeared`);
    if (run.status !== 'running') return reportRun(run, { joined: true });
    if (await deps.store.runs.isAbandoned(run)) await deps.store.runs.markStale();
    await new Promise((resolve) => setTimeout(resolve, deps.pollMs ?? 1000));
  }
}
