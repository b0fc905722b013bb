import type { UserKey } from '@staffsync/shared';

/**
 * What a run reads, plans and applies (one engine, whatever asked for it):
 * - `employer`: every employee of the connection's employer (the daily run, connect, sync now);
 * - `employees`: some employee numbers (a webhook, a list of changes);
 * - `user`: the employee of one ExpenseIn user, found by its Reference or Email (the Resync button);
 * - `held-leavers`: the leavers R17 held, read again from HR and applied as they stand now (an approval).
 */
export type SyncScope =
  | { kind: 'employer' }
  | { kind: 'employees'; employeeNumbers: string[] }
  | { kind: 'user'; key: UserKey }
  | { kind: 'held-leavers'; heldIds?: number[] };

/** Whether a run of this scope reads the whole employer: only such a run can tell a wave of leavers or an outage. */
export function coversEmployer(scope: SyncScope): boolean {
  return scope.kind === 'employer';
}
