import type { Outcome } from '@staffsync/shared';
import type { FinalRunStatus } from '../store/index.ts';
import type { RunResult } from './carry-out-run.ts';
import { type CountedAction, countRun } from './count-run.ts';

export interface RunStatusInput {
  /** R18, a credentials error or a crash: nothing (more) was applied. */
  failed: boolean;
  outcomes: readonly Pick<Outcome, 'severity'>[];
  failedActions: number;
  heldActions: number;
}

/**
 * The one honest status of a run (PRODUCT.md 2). Held wins over partial: the run waits for an administrator (R17)
 * whatever else it skipped. Skips, conflicts and failed actions make it partial; warnings, needs_setup and R13 do
 * not. A run never reports success when it skipped or failed anyone.
 */
export function decideRunStatus(input: RunStatusInput): FinalRunStatus {
  if (input.failed) return 'failed';
  if (input.heldActions > 0) return 'held';
  const incomplete =
    input.failedActions > 0 ||
    input.outcomes.some((outcome) => ['skipped', 'conflict', 'failed'].includes(outcome.severity));
  return incomplete ? 'partial' : 'succeeded';
}

/**
 * What a run that got as far as applying its plan (or recording it, for a dry run) ends with: its status from what
 * the actions came to and the outcomes, and its counts. Full runs, resyncs and approved leavers all end here.
 */
export function runResultOf(input: {
  actions: readonly CountedAction[];
  outcomes: readonly Outcome[];
  employees: number;
  /** Linked employees the run did not act on (summarise-plan.ts, countUnchanged). */
  unchanged: number;
  details?: Record<string, number>;
}): RunResult {
  const status = decideRunStatus({
    failed: false,
    outcomes: input.outcomes,
    failedActions: input.actions.filter((action) => action.result === 'failed').length,
    heldActions: input.actions.filter((action) => action.result === 'held').length,
  });
  return { status, tally: countRun(input) };
}
