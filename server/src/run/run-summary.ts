import type { RunCounts as ApiRunCounts, RunSummary as ApiRunSummary } from '@staffsync/shared';
import type { FlatCounts, Run } from '../store/index.ts';
import { unflattenCounts } from './count-run.ts';

/** A run as the API and the Edit User panel show it (shared/src/api/runs.ts). */
export function toApiRunSummary(run: Run): ApiRunSummary {
  return {
    id: run.id,
    connectionId: run.connectionId,
    trigger: run.trigger,
    status: run.status,
    dryRun: run.dryRun,
    requestedBy: run.requestedBy,
    counts: toApiCounts(run.counts),
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    error: run.error,
  };
}

/**
 * The run row's flat counts in the API's shape (run/count-run.ts reads them back); counts the API has no field for
 * (users read, overwritten values, notes) stay in the run row. null for a run with no counts yet.
 */
export function toApiCounts(flat: FlatCounts): ApiRunCounts | null {
  if (Object.keys(flat).length === 0) return null;
  return unflattenCounts(flat).counts;
}
