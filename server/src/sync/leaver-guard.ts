import type { ChangeAction, Outcome, PlannedAction, SyncSettings } from '@staffsync/shared';
import { makeOutcome } from './make-outcome.ts';

export interface GuardedActions {
  actions: PlannedAction[];
  held: ChangeAction[];
  outcomes: Outcome[];
}

/**
 * R17: a run that would newly mark more than `leaverGuardPercent` of linked users as leavers, and more than
 * `leaverGuardMin` of them, looks like a bad HR export rather than a wave of leavers. "Newly" means the user has
 * no leave date now. Both limits are strict ("more than"): exactly at a limit is not held. When the guard trips,
 * every leaver action is held (also those only moving an existing date); everything else still applies.
 */
export function applyLeaverGuard(
  actions: PlannedAction[],
  linkedUsers: number,
  settings: SyncSettings,
): GuardedActions {
  const leaverActions = actions.filter((action): action is ChangeAction => action.kind === 'mark_leaver');
  const newLeavers = leaverActions.filter((action) =>
    action.changes.some((change) => change.field === 'leaveDate' && change.before === null),
  ).length;
  const tripped =
    newLeavers * 100 > settings.leaverGuardPercent * linkedUsers && newLeavers > settings.leaverGuardMin;
  if (!tripped) return { actions, held: [], outcomes: [] };

  const details = {
    newLeavers,
    linkedUsers,
    leaverGuardPercent: settings.leaverGuardPercent,
    leaverGuardMin: settings.leaverGuardMin,
  };
  return {
    actions: actions.filter((action) => action.kind !== 'mark_leaver'),
    held: leaverActions,
    outcomes: leaverActions.map((action) =>
      makeOutcome(
        'leaver_held',
        'R17',
        action.subject,
        `Leaver held for approval: this sync would mark ${newLeavers} of ${linkedUsers} linked users as leavers, more than ${settings.leaverGuardPercent}% and more than ${settings.leaverGuardMin}`,
        { ...details, leaveDate: action.write.leaveDate ?? null },
      ),
    ),
  };
}
