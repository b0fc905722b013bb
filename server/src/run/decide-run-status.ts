import type { Outcome } from '@staffsync/shared';
import type { FinalRunStatus } from '../store/index.ts';

export interface RunStatusInput {
  /** Nothing was applied and nothing will be: R18, a credentials error before the first write, a crash. */
  failed: boolean;
  /** The run stopped before trying every action (a refused key, a pause too long): partial if it had written. */
  stopped: boolean;
  outcomes: readonly Pick<Outcome, 'severity'>[];
  failedActions: number;
  heldActions: number;
}

/**
 * The one honest status of a run (PRODUCT.md 2): `failed` only when nothing was applied; a run stopped after some
 * writes is `partial`. Held wins over partial otherwise: the run waits for an administrator (R17) whatever else it
 * skipped. Skips, conflicts and failed actions make it partial; warnings, needs_setup and R13 do not. A run never
 * reports success when it skipped or failed anyone.
 */
export function decideRunStatus(input: RunStatusInput): FinalRunStatus {
  if (input.failed) return 'failed';
  if (input.stopped) return 'partial';
  if (input.heldActions > 0) return 'held';
  const incomplete =
    input.failedActions > 0 ||
    input.outcomes.some((outcome) => ['skipped', 'conflict', 'failed'].includes(outcome.severity));
  return incomplete ? 'partial' : 'succeeded';
}
