import type { OutcomeCode, RunTrigger, Severity } from '@staffsync/shared';
import { VendorError, vendorNames } from '../adapters/index.ts';
import { redact } from '../security/redact.ts';
import {
  type Connection,
  type FinalRunStatus,
  type Run,
  type Store,
  StoreConflictError,
} from '../store/index.ts';
import { type CountedAction, countRun, flattenTally, type RunTally } from './count-run.ts';
import type { RunDeps, VendorClients } from './run-deps.ts';
import { type RunReport, type RunTimings, reportRun } from './run-report.ts';
import { createTraceRecorder, type TraceRecorder } from './trace-steps.ts';

/** What a run's work hands back to be recorded on the run row. */
export interface RunResult {
  status: FinalRunStatus;
  tally: RunTally;
  error?: string | null;
}

/** What the work of one run is given. */
export interface RunSession {
  run: Run;
  connection: Connection;
  clients: VendorClients;
  /** Throws when the run lost its lease (another process marked it stale): call before every write. */
  checkpoint(): void;
  /** Filled in by the work, reported in the summary. */
  timings: RunTimings;
  /** What the run has read so far, so a run that dies part-way still counts the employees it read. */
  read: { employees: number };
}

export type BegunRun = { started: true; run: Run; connection: Connection } | { started: false; run: Run };

/** A run left by a process that was killed, found when this one tried to carry on with it. */
export class RunLostError extends Error {
  constructor(runId: number) {
    super(`run ${runId} lost its lease: another process marked it abandoned`);
    this.name = 'RunLostError';
  }
}

/**
 * Starts a run row unless the connection has one running, which is returned instead (PRODUCT.md 4.2). The store
 * marks a run left `running` by a dead process (stale heartbeat) as failed before deciding.
 */
export async function beginRun(
  deps: RunDeps,
  input: {
    connectionId: number;
    trigger: RunTrigger;
    dryRun: boolean;
    requestedBy: string | null;
    /** A run of the same kind started at or after this time covers the request (runs-repo.ts start). */
    coveredSince?: string;
  },
): Promise<BegunRun> {
  const connection = await deps.store.connections.require(input.connectionId);
  if (connection.status !== 'connected') {
    throw new StoreConflictError(`connection ${connection.id} is disconnected: reconnect it before syncing`);
  }
  const started = await deps.store.runs.start(input);
  return started.started
    ? { started: true, run: started.run, connection }
    : { started: false, run: started.run };
}

/**
 * Carries out a begun run: keeps its lease alive, builds the vendor clients, runs `work` and records the end.
 * The one place a run's errors are caught (STYLE.md 5): anything `work` throws ends the run `failed` with the
 * error, so a credentials error or a crash is reported, never swallowed.
 */
export async function carryOutRun(
  deps: RunDeps,
  begun: { run: Run; connection: Connection },
  work: (session: RunSession, trace: TraceRecorder) => Promise<RunResult>,
  onFailure?: (error: unknown) => void,
): Promise<RunReport> {
  const { store, logger } = deps;
  const { run, connection } = begun;
  const stop = new AbortController();
  let lost = false;
  const heartbeat = setInterval(() => {
    store.runs.heartbeat(run.id).then(
      (alive) => {
        if (alive) return;
        lost = true;
        stop.abort(new RunLostError(run.id));
      },
      // A database that cannot be reached for one beat: the next beat tries again, and the lease is long.
      (error: unknown) => logger.warn({ runId: run.id, err: describeRunError(error) }, 'heartbeat failed'),
    );
  }, deps.heartbeatMs ?? 60_000);
  heartbeat.unref();
  const timings: RunTimings = { fetchMs: 0, planMs: 0, applyMs: 0 };
  const trace = createTraceRecorder();
  const read = { employees: 0 };
  logger.info(
    { runId: run.id, connectionId: connection.id, trigger: run.trigger, dryRun: run.dryRun },
    'run started',
  );

  let result: RunResult;
  try {
    const clients = deps.clientsFor(connection, await store.connections.credentials(connection.id), {
      signal: stop.signal,
      // PRODUCT.md 3.1: a refused batch read is said once in the log; the run's client reports it once.
      onStaffologyFallback: (reason) => logger.warn({ runId: run.id, connectionId: connection.id }, reason),
    });
    result = await work(
      {
        run,
        connection,
        clients,
        timings,
        read,
        checkpoint: () => {
          if (lost) throw new RunLostError(run.id);
        },
      },
      trace,
    );
  } catch (error) {
    logger.error({ runId: run.id, err: describeRunError(error) }, 'run failed');
    onFailure?.(error);
    // PRODUCT.md 2: failed only when nothing was applied; a run that dies after writing is partial, and says why.
    const recorded = await tallyRecorded(store, run.id, read.employees);
    result = {
      status: recorded.wrote ? 'partial' : 'failed',
      tally: recorded.tally,
      error: describeRunError(error),
    };
  } finally {
    clearInterval(heartbeat);
    stop.abort();
  }

  let finished: Run;
  try {
    finished = await store.runs.finish(run.id, {
      status: result.status,
      counts: flattenTally(result.tally),
      // The error is stored, shown and posted to webhooks: no account number may ride along (PRODUCT.md 4.2).
      error: result.error ? redact(result.error) : null,
    });
  } catch (error) {
    // Marked stale by another process meanwhile: that process's record of the run stands.
    if (!(error instanceof StoreConflictError)) throw error;
    logger.warn({ runId: run.id, err: error.message }, 'run was no longer running when it ended');
    finished = (await store.runs.get(run.id)) ?? run;
  }
  const summary = reportRun(finished, { joined: false, timings, trace: trace.steps });
  logger.info({ runId: run.id, status: summary.status, counts: summary.counts }, 'run ended');
  if (deps.alert && ['failed', 'held', 'partial'].includes(summary.status)) {
    try {
      await deps.alert(summary, connection);
    } catch (error) {
      logger.warn({ runId: run.id, err: describeRunError(error) }, 'run alert failed');
    }
  }
  return summary;
}

/**
 * The counts of a run that failed part-way: what its items record, so writes made before the failure are not
 * reported as none.
 */
async function tallyRecorded(
  store: Store,
  runId: number,
  employees: number,
): Promise<{ tally: RunTally; wrote: boolean }> {
  const actions: CountedAction[] = [];
  const outcomes: { code: OutcomeCode; severity: Severity }[] = [];
  for (const item of await store.runItems.all(runId)) {
    if (item.kind === 'action' && item.actionKind && item.result !== 'recorded') {
      actions.push({ kind: item.actionKind, changes: item.changes, result: item.result });
    }
    if (item.kind === 'outcome' && item.code && item.severity)
      outcomes.push({ code: item.code, severity: item.severity });
  }
  return {
    tally: countRun({ actions, outcomes, employees, unchanged: 0 }),
    wrote: actions.some((action) => action.result === 'applied'),
  };
}

/**
 * The error a failed run records: credentials errors say which vendor refused which key and what to do
 * (PRODUCT.md 2: credentials -> failed with the error). Vendor messages are already redacted by the adapters.
 */
export function describeRunError(error: unknown): string {
  if (error instanceof VendorError) {
    const vendor = vendorNames[error.vendor];
    if (error.kind === 'auth')
      return `${vendor} rejected the API key (401): reconnect with a valid key. ${error.message}`;
    if (error.kind === 'rate_limited' && error.retryAfterMs !== null) {
      const setting =
        error.vendor === 'staffology' ? 'STAFFOLOGY_MAX_RETRY_AFTER' : 'EXPENSEIN_MAX_RETRY_AFTER';
      return `${vendor} asked to wait ${Math.round(error.retryAfterMs / 1000)} s (Retry-After), longer than ${setting} allows: the next run tries again`;
    }
    if (error.kind === 'forbidden') {
      return `${vendor} refused the API key access (403): give the key the permissions it needs. ${error.message}`;
    }
    return `${vendor}: ${error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}
