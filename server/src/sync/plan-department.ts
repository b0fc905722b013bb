import type { FieldChange, Outcome, Subject } from '@staffsync/shared';
import { makeFieldChange } from './make-field-change.ts';
import { makeOutcome } from './make-outcome.ts';
import { findDepartment, type PlanContext } from './plan-context.ts';

export type DepartmentPlan =
  | { kind: 'none' }
  | { kind: 'not_found'; outcome: Outcome }
  | { kind: 'same'; departmentId: number }
  | { kind: 'change'; departmentId: number; change: FieldChange }
  /** For a user being created: no change record, as the create's write is its record (changesOf). */
  | { kind: 'set'; departmentId: number };

export interface DepartmentTarget {
  /** The user's department now; null for a user about to be created. */
  current: number | null;
  /** What the sync last wrote (undefined: no record), for R16. */
  recorded: number | null | undefined;
  creating: boolean;
}

/**
 * R9: HR's department mapped by name onto an ExpenseIn department. HR giving none leaves the user's department
 * alone; a name ExpenseIn lacks is a warning, not a skip (seed, set-up step 1: the administrator fixes the names).
 */
export function planDepartment(
  context: PlanContext,
  hrDepartment: string | null,
  subject: Subject,
  target: DepartmentTarget,
): DepartmentPlan {
  if (hrDepartment === null) return { kind: 'none' };
  const department = findDepartment(context, hrDepartment);
  if (department === null) {
    const consequence = target.creating
      ? 'the new user is created without a department'
      : 'the user keeps their department';
    return {
      kind: 'not_found',
      outcome: makeOutcome(
        'department_not_found',
        'R9',
        subject,
        `Department "${hrDepartment}" does not exist in ExpenseIn, so ${consequence}; create it or rename it to match Staffology`,
        { department: hrDepartment },
      ),
    };
  }
  if (target.creating) return { kind: 'set', departmentId: department.id };
  if (target.current === department.id) return { kind: 'same', departmentId: department.id };
  const overwritten = target.recorded !== undefined && target.current !== target.recorded;
  return {
    kind: 'change',
    departmentId: department.id,
    change: makeFieldChange('departmentId', 'R9', target.current, department.id, overwritten),
  };
}
