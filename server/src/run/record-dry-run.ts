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
  const item = (action: PlannedAction, result: ActionResult) => ({
    kind: 'action' as const,
    actionKind: action.kind,
    rule: action.rule,
    subject: action.subject,
    changes: changesOf(action),
    message: describeAction(action, result, action.userId),
    result,
  });
  await store.runItems.add(runId, [
    ...plan.outcomes.map((outcome) => ({ kind: 'outcome' as const, outcome })),
    ...plan.held.map((action) => item(action, 'held')),
    ...plan.actions.map((action) => item(action, 'planned')),
  ]);
  return [
    ...plan.held.map((action) => ({ kind: action.kind, changes: action.changes, result: 'held' as const })),
    ...plan.actions.map((action) => ({
      kind: action.kind,
      changes: changesOf(action),
      result: 'planned' as const,
    })),
  ];
}
