import type { HrEmployee, InvalidRecord, Link, Plan, PlanInput } from '@staffsync/shared';
import { planSync } from '../sync/plan-sync.ts';

export interface OneEmployeeInput
  extends Pick<PlanInput, 'users' | 'departments' | 'settings' | 'today' | 'hashBank'> {
  employeeNumber: string;
  /** The HR records holding the employee number (two or more: R3). */
  employees: HrEmployee[];
  /** Staffology records of this number that failed validation, and every unreadable ExpenseIn user. */
  invalidRecords: InvalidRecord[];
  /** The stored link of this employee number, if any. */
  link: Link | null;
}

/**
 * Plans one employee with the same planner and rules as a full run (so a resync can never do what a sync would
 * not), keeping the guards that judge a whole run from misfiring on a run of one:
 * - R18 (empty source) means HR returned nobody while users are linked. Here "nobody" is one employee not found by
 *   payroll code, which is no outage: that user has no employee (R15), so nothing is planned, with no R18 abort.
 * - R17 (leaver guard) holds a wave of leavers that looks like a bad export. One leaver an administrator asked to
 *   resync is no wave, and with a low `leaverGuardMin` (0) a single leaver would trip it; the guard is off here.
 * - R3 (duplicate employee number) needs every HR record carrying the number: the caller passes all of them
 *   (read-vendors.ts, `readOtherHolders`), so R3 skips them as a full run would.
 * - R4, R7a and R11 look at every ExpenseIn user, which the caller passes whole; so are the unreadable ones (an
 *   unreadable user may hold the reference), whose own invalid_record outcomes belong to a full run, not to this one.
 */
export function planOneEmployee(input: OneEmployeeInput): Plan {
  const hrRecords =
    input.employees.length + input.invalidRecords.filter((record) => record.vendor === 'staffology').length;
  if (hrRecords === 0) return { actions: [], held: [], outcomes: [], abort: null, links: [] };
  const plan = planSync({
    employees: input.employees,
    invalidRecords: input.invalidRecords,
    users: input.users,
    departments: input.departments,
    links: input.link ? [input.link] : [],
    settings: { ...input.settings, leaverGuardMin: Number.MAX_SAFE_INTEGER },
    today: input.today,
    hashBank: input.hashBank,
  });
  const aboutOtherUser = (outcome: Plan['outcomes'][number]) =>
    outcome.code === 'invalid_record' &&
    outcome.details.vendor === 'expensein' &&
    outcome.subject.employeeNumber !== input.employeeNumber;
  return { ...plan, outcomes: plan.outcomes.filter((outcome) => !aboutOtherUser(outcome)) };
}
