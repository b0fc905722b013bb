import {
  type ActionKind,
  type FieldChange,
  type Outcome,
  outcomeCodeSchema,
  type RunCounts,
  syncedFieldSchema,
} from '@staffsync/shared';
import type { ActionResult, FlatCounts } from '../store/index.ts';

/** What one action came to, as the run counts it. */
export interface CountedAction {
  kind: ActionKind;
  /**
   * What it changed, for the fields of an update or reinstatement and the values it overwrote (R16). May be left
   * out for a create, which is counted as one and never overwrites.
   */
  changes?: readonly FieldChange[];
  result: ActionResult;
}

/**
 * A run's counts: the shared API's `RunCounts` (shared/src/api/runs.ts), and `details` the API has no field for:
 * `users` read, `overwritten` values (R16), `notes.<code>` for info outcomes (needs_setup, R13) and
 * `referencesNotUnique` (ExpenseIn's "User references must be unique" is off).
 */
export interface RunTally {
  counts: RunCounts;
  details: Record<string, number>;
}

export function emptyCounts(): RunCounts {
  return {
    employees: 0,
    created: 0,
    updated: 0,
    updatedByField: {},
    leavers: 0,
    reinstated: 0,
    unchanged: 0,
    skipped: {},
    conflicts: {},
    warnings: {},
    held: 0,
    failed: 0,
  };
}

/**
 * Counts what a run did (PRODUCT.md 2 and 4.1: created, updated by field, leavers, skipped and conflicts by reason,
 * held, failed). Actions count when applied (or planned, in a dry run); a failed action counts only as failed.
 * Fields are counted for updates and reinstatements, as summarisePlan does for a plan.
 */
export function countRun(input: {
  actions: readonly CountedAction[];
  outcomes: readonly Pick<Outcome, 'code' | 'severity'>[];
  employees: number;
  /** Linked employees the run did not act on. */
  unchanged: number;
  details?: Record<string, number>;
}): RunTally {
  const counts = emptyCounts();
  counts.employees = input.employees;
  counts.unchanged = input.unchanged;
  const details: Record<string, number> = { ...input.details };
  const bump = (record: Record<string, number>, key: string) => {
    record[key] = (record[key] ?? 0) + 1;
  };
  for (const action of input.actions) {
    if (action.result === 'failed') {
      counts.failed += 1;
      continue;
    }
    if (action.result === 'held') {
      counts.held += 1;
      continue;
    }
    if (action.kind === 'create') counts.created += 1;
    if (action.kind === 'update') counts.updated += 1;
    if (action.kind === 'mark_leaver') counts.leavers += 1;
    if (action.kind === 'reinstate') counts.reinstated += 1;
    const changes = action.changes ?? [];
    if (action.kind === 'update' || action.kind === 'reinstate') {
      for (const change of changes) bump(counts.updatedByField, change.field);
    }
    for (const change of changes) if (change.overwritten) bump(details, 'overwritten');
  }
  for (const outcome of input.outcomes) {
    if (outcome.severity === 'skipped') bump(counts.skipped, outcome.code);
    if (outcome.severity === 'conflict') bump(counts.conflicts, outcome.code);
    if (outcome.severity === 'warning') bump(counts.warnings, outcome.code);
    if (outcome.severity === 'info') bump(details, `notes.${outcome.code}`);
  }
  return { counts, details };
}

const scalarKeys = [
  'employees',
  'created',
  'updated',
  'leavers',
  'reinstated',
  'unchanged',
  'held',
  'failed',
] as const;
const byCodeKeys = ['skipped', 'conflicts', 'warnings'] as const;

/** The run row keeps counts as flat numbers (store/runs-repo.ts): `updatedByField.email`, `skipped.invalid_email`... */
export function flattenTally(tally: RunTally): FlatCounts {
  const flat: FlatCounts = { ...tally.details };
  for (const key of scalarKeys) flat[key] = tally.counts[key];
  for (const [field, n] of Object.entries(tally.counts.updatedByField))
    flat[`updatedByField.${field}`] = n ?? 0;
  for (const key of byCodeKeys) {
    for (const [code, n] of Object.entries(tally.counts[key])) flat[`${key}.${code}`] = n ?? 0;
  }
  return flat;
}

/** The inverse of flattenTally, for runs read back from the store (the HTTP API and the CLI's `runs`). */
export function unflattenCounts(flat: FlatCounts): RunTally {
  const counts = emptyCounts();
  const details: Record<string, number> = {};
  for (const [key, n] of Object.entries(flat)) {
    const dot = key.indexOf('.');
    const head = dot < 0 ? key : key.slice(0, dot);
    const tail = key.slice(dot + 1);
    const scalar = scalarKeys.find((name) => name === key);
    const byCode = byCodeKeys.find((name) => name === head);
    const field = syncedFieldSchema.safeParse(tail);
    const code = outcomeCodeSchema.safeParse(tail);
    if (scalar) counts[scalar] = n;
    else if (head === 'updatedByField' && dot > 0 && field.success) counts.updatedByField[field.data] = n;
    else if (byCode && dot > 0 && code.success) counts[byCode][code.data] = n;
    else details[key] = n;
  }
  return { counts, details };
}
