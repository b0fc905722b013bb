import type { Plan, PlannedAction } from '@staffsync/shared';
import type { ActionResult, Store } from '../store/index.ts';
import { changesOf } from '../sync/changes-of.ts';
import type { CountedAction } from './count-run.ts';
import { describeAction } from './describe-action.ts';

/**
 * A dry run records its plan and writes nothing else: no ExpenseIn call, no link, no intent, no held leaver
 * (PRODUCT.md 4.1, `plan`). Actions are `planned`, R17's leaver actions `held`.
 */
export async function recordDryRun(store: Store, runId: number, plan: Plan): Promise<CountedAction[]> {
  const item = (action: PlannedAction, result: ActionResult) => {
    const changes = changesOf(action);
    return {
      kind: 'action' as const,
      actionKind: action.kind,
      rule: action.rule,
      subject: action.subject,
      changes,
      message: describeAction(action, result, action.userId, changes),
      result,
    };
  };
  const actions = [
    ...plan.held.map((action) => item(action, 'held')),
    ...plan.actions.map((action) => item(action, 'planned')),
  ];
  await store.runItems.add(runId, [
    ...plan.outcomes.map((outcome) => ({ kind: 'outcome' as const, outcome })),
    ...actions,
  ]);
  return actions.map(({ actionKind, changes, result }) => ({ kind: actionKind, changes, result }));
}
