import { partialRunTriggers, type RunTrigger } from '@staffsync/shared';
import { beginRun, carryOutRun, type RunResult, type RunSession } from './carry-out-run.ts';
import { fetchSyncInput } from './fetch-sync-input.ts';
import { planAndApply } from './plan-and-apply.ts';
import type { RunDeps } from './run-deps.ts';
import { type RunReport, reportRun } from './run-report.ts';

export interface RunProgress {
  phase: 'fetch' | 'apply';
  done: number;
  total: number;
}

export interface SyncOptions {
  connectionId: number;
  trigger: RunTrigger;
  dryRun?: boolean;
  /** A token name, 'cli', 'scheduler'... kept with the run (PRODUCT.md 4.2: who or what triggered it). */
  requestedBy?: string | null;
  onProgress?: (progress: RunProgress) => void;
}

/** A run requested: its id at once, its end later. */
export interface SyncHandle {
  runId: number;
  /** The connection already had a run under way, and this is it (PRODUCT.md 4.2). */
  joined: boolean;
  /** The report of the run that did what was asked: the joined run, or the one run after it (startSync). */
  done: Promise<RunReport>;
}

/**
 * Requests a sync of one connection and returns as soon as the run has an id (the HTTP API answers with it).
 * A second request while a run is under way joins that run (PRODUCT.md 4.2) when it does what was asked. A run
 * of another kind (a dry run when a sync was asked for, or the reverse, or a single-user resync) would not: the
 * request waits for it to end, then runs, and `done` reports the run that did what was asked.
 * @throws StoreNotFoundError or StoreConflictError (disconnected) before any run starts.
 */
export function startSync(deps: RunDeps, options: SyncOptions): SyncHandle {
  const dryRun = options.dryRun ?? false;
  const begun = beginRun(deps, {
    connectionId: options.connectionId,
    trigger: options.trigger,
    dryRun,
    requestedBy: options.requestedBy ?? null,
  });
  if (!begun.started) {
    const joined = waitForRun(deps, begun.run.id);
    const sameKind = begun.run.dryRun === dryRun && !partialRunTriggers.includes(begun.run.trigger);
    return {
      runId: begun.run.id,
      joined: true,
      done: sameKind ? joined : joined.then(() => startSync(deps, options).done),
    };
  }
  return {
    runId: begun.run.id,
    joined: false,
    done: carryOutRun(deps, begun, (session) => syncConnection(deps, session, options)),
  };
}

/** One sync run of a connection, to its end: fetch, plan, apply (or record, for a dry run). */
export async function runSync(deps: RunDeps, options: SyncOptions): Promise<RunReport> {
  return startSync(deps, options).done;
}

/** Waits for a run (possibly another process's) to end, looking at its row every `deps.pollMs`. */
export async function waitForRun(deps: RunDeps, runId: number): Promise<RunReport> {
  for (;;) {
    // A run whose process died would never end: marking stale runs (by the store's lease) ends it as failed.
    deps.store.runs.markStale();
    const run = deps.store.runs.get(runId);
    if (!run) throw new Error(`run ${runId} disappeared`);
    if (run.status !== 'running') return reportRun(run, { joined: true });
    await new Promise((resolve) => setTimeout(resolve, deps.pollMs ?? 1000));
  }
}

async function syncConnection(deps: RunDeps, session: RunSession, options: SyncOptions): Promise<RunResult> {
  const progress = options.onProgress;
  const started = performance.now();
  const input = await fetchSyncInput(session, (done, total) => progress?.({ phase: 'fetch', done, total }));
  session.timings.fetchMs = Math.round(performance.now() - started);
  return planAndApply(deps, session, input, (done, total) => progress?.({ phase: 'apply', done, total }));
}

export { todayUtc } from './plan-and-apply.ts';
