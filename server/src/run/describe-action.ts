import { type FieldChange, type PlannedAction, syncedFieldLabels } from '@staffsync/shared';
import type { ActionResult } from '../store/index.ts';
import { changesOf } from '../sync/changes-of.ts';

/**
 * The sentence a run item carries for an action, in the words of ExpenseIn's Edit User window. `changes`: the
 * action's, when the caller has them already (a create's are derived on each call).
 */
export function describeAction(
  action: PlannedAction,
  result: ActionResult,
  userId: number | null,
  changes: readonly FieldChange[] = changesOf(action),
): string {
  const fields = changes.map((change) => syncedFieldLabels[change.field]).join(', ');
  const who = userId === null ? 'a user' : `user ${userId}`;
  const overwritten = changes.filter((change) => change.overwritten).length;
  const lost =
    overwritten > 0
      ? ` (overwrote ${overwritten} value${overwritten === 1 ? '' : 's'} edited in ExpenseIn, R16)`
      : '';
  const leaveDate = action.write.leaveDate ?? null;
  const sentence = {
    create: `${who}, not invited, with ${fields}`,
    update: `${who}: ${fields}${lost}`,
    mark_leaver: `${who} as a leaver from ${leaveDate ?? 'today'}`,
    reinstate: `${who}: leave date set by staffsync cleared`,
  }[action.kind];
  const verb = {
    create: { planned: 'Will create', applied: 'Created', failed: 'Could not create', held: 'Held: create' },
    update: { planned: 'Will update', applied: 'Updated', failed: 'Could not update', held: 'Held: update' },
    mark_leaver: {
      planned: 'Will mark',
      applied: 'Marked',
      failed: 'Could not mark',
      held: 'Held for approval (R17): mark',
    },
    reinstate: {
      planned: 'Will reinstate',
      applied: 'Reinstated',
      failed: 'Could not reinstate',
      held: 'Held: reinstate',
    },
  }[action.kind][result];
  return `${verb} ${sentence}`;
}
