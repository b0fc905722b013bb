import type { RunCounts, RunStatus, RunTrigger, TraceStep } from '@staffsync/shared';
import type { Run } from '../store/index.ts';
import { unflattenCounts } from './count-run.ts';

/** Milliseconds spent in each phase of a run this process carried out. */
export interface RunTimings {
  fetchMs: number;
  planMs: number;
  applyMs: number;
}

/**
 * A run as the CLI's `--json`, alerts and logs report it (PRODUCT.md 4.1: run id, status, counts by outcome,
 * timings). Never holds a secret or bank details.
 */
export interface RunReport {
  runId: number;
  connectionId: number;
  status: RunStatus;
  trigger: RunTrigger;
  dryRun: boolean;
  requestedBy: string | null;
  /** True when the request joined a run already under way (PRODUCT.md 4.2: one run at a time per connection). */
  joined: boolean;
  /** The shared API's counts (shared/src/api/runs.ts). */
  counts: RunCounts;
  /** Counts the API has no field for; see count-run.ts. */
  details: Record<string, number>;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  /** Only for a run carried out by this process. */
  timings: RunTimings | null;
  /** What each step read, decided and wrote (fetched, checked, matched, planned, applied); this process's runs only. */
  trace: TraceStep[] | null;
}

export function reportRun(
  run: Run,
  extra: { joined: boolean; timings?: RunTimings | null; trace?: TraceStep[] | null },
): RunReport {
  const { counts, details } = unflattenCounts(run.counts);
  return {
    runId: run.id,
    connectionId: run.connectionId,
    status: run.status,
    trigger: run.trigger,
    dryRun: run.dryRun,
    requestedBy: run.requestedBy,
    joined: extra.joined,
    counts,
    details,
    error: run.error,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    durationMs: run.finishedAt === null ? null : Date.parse(run.finishedAt) - Date.parse(run.startedAt),
    timings: extra.timings ?? null,
    trace: extra.trace ?? null,
  };
}
