import type { FinalRunStatus, OutcomeCode, Plan, RunCounts, Severity, SyncedField } from '@staffsync/shared';

/** A finished run's status: `running` is never a plan's. */
export type PlanStatus = FinalRunStatus;

export interface PlanSummary {
  status: PlanStatus;
  counts: RunCounts;
}

/**
 * Counts of a plan and the status its run ends with if every action succeeds (PRODUCT.md 2): `failed` for R18,
 * else `held` when R17 held leavers (an administrator must act, which outranks partial), else `partial` when
 * anyone was skipped or in conflict or an `action_failed` outcome was added, else `succeeded`. Warnings,
 * `needs_setup` and R13 do not spoil a run. `employees` is the number of HR records read, invalid ones included.
 */
export function summarisePlan(plan: Plan, employees: number): PlanSummary {
  const updatedByField: Partial<Record<SyncedField, number>> = {};
  for (const action of plan.actions) {
    if (action.kind !== 'update' && action.kind !== 'reinstate') continue;
    for (const change of action.changes)
      updatedByField[change.field] = (updatedByField[change.field] ?? 0) + 1;
  }
  const counts: RunCounts = {
    employees,
    created: countKind(plan, 'create'),
    updated: countKind(plan, 'update'),
    updatedByField,
    leavers: countKind(plan, 'mark_leaver'),
    reinstated: countKind(plan, 'reinstate'),
    unchanged: countUnchanged(plan),
    skipped: countCodes(plan, 'skipped'),
    conflicts: countCodes(plan, 'conflict'),
    warnings: countCodes(plan, 'warning'),
    held: plan.held.length,
    failed: plan.outcomes.filter((outcome) => outcome.code === 'action_failed').length,
  };
  return { status: statusOf(plan, counts), counts };
}

/** Linked employees the plan does nothing to: no action, held or not, on their user. */
export function countUnchanged(plan: Plan): number {
  const actedOn = new Set([...plan.actions, ...plan.held].map((action) => action.userId));
  return plan.links.filter((link) => !actedOn.has(link.userId)).length;
}

function statusOf(plan: Plan, counts: RunCounts): PlanStatus {
  if (plan.abort) return 'failed';
  if (counts.held > 0) return 'held';
  const troubled = plan.outcomes.some(
    (outcome) =>
      outcome.severity === 'skipped' || outcome.severity === 'conflict' || outcome.code === 'action_failed',
  );
  return troubled ? 'partial' : 'succeeded';
}

function countKind(plan: Plan, kind: Plan['actions'][number]['kind']): number {
  return plan.actions.filter((action) => action.kind === kind).length;
}

function countCodes(plan: Plan, severity: Severity): Partial<Record<OutcomeCode, number>> {
  const counts: Partial<Record<OutcomeCode, number>> = {};
  for (const outcome of plan.outcomes) {
    if (outcome.severity === severity) counts[outcome.code] = (counts[outcome.code] ?? 0) + 1;
  }
  return counts;
}
