import type { BankDetails, IsoDate, Link, Plan, SyncSettings } from '@staffsync/shared';
import { matchKey } from '../sync/normalise.ts';
import { planSync } from '../sync/plan-sync.ts';
import type { ScopedInput } from './fetch-scope.ts';
import { coversEmployer, type SyncScope } from './sync-scope.ts';

/** What the store and the clock add to what a run read. */
export interface PlanBasis {
  /** Every link of the connection. */
  links: Link[];
  settings: SyncSettings;
  today: IsoDate;
  hashBank: (bank: BankDetails) => string;
  /** R17: leave dates an administrator rejected. */
  rejectedLeavers: { employeeNumber: string; leaveDate: IsoDate | null }[];
  /** R3: the numbers the last read of the whole employer found shared. */
  knownDuplicateNumbers: string[];
}

/**
 * The one place a plan is made (the planner's only caller): the whole employer as it is, or some employees with the
 * same rules, keeping the guards that judge a whole run from misfiring on a run of a few:
 * - R18 (empty source) means HR returned nobody while users are linked: a number not found by payroll code is no
 *   outage, that user simply has no employee (R15).
 * - R17 (leaver guard) holds a wave of leavers that looks like a bad export; one leaver asked about is no wave, and
 *   leavers an administrator approved are not held again.
 * - R3 needs every holder of a number: a partial read is told which numbers the last full read found shared.
 * - ExpenseIn users that could not be read block the employees they may be (every user is read), but their own
 *   outcomes belong to a full run.
 */
export function planScope(scope: SyncScope, input: ScopedInput, basis: PlanBasis): Plan {
  const whole = {
    employees: input.employees,
    invalidRecords: input.invalidRecords,
    users: input.users,
    departments: input.departments,
    links: basis.links,
    settings: basis.settings,
    today: basis.today,
    hashBank: basis.hashBank,
    rejectedLeavers: basis.rejectedLeavers,
  };
  if (coversEmployer(scope) || input.employeeNumbers === null) return planSync(whole);
  const inScope = new Set(input.employeeNumbers);
  const plan = planSync({
    ...whole,
    employees: input.employees.filter((employee) => inScope.has(matchKey(employee.employeeNumber))),
    links: basis.links.filter((link) => inScope.has(link.employeeNumber)),
    knownDuplicateNumbers: basis.knownDuplicateNumbers.filter((number) => inScope.has(number)),
    guards: { sourceEmpty: false, leaverGuard: false },
  });
  const aboutOthers = (outcome: Plan['outcomes'][number]) =>
    outcome.code === 'invalid_record' &&
    outcome.details.vendor === 'expensein' &&
    !inScope.has(outcome.subject.employeeNumber ?? '') &&
    outcome.subject.userId !== input.user?.user.id;
  const outcomes = plan.outcomes.filter((outcome) => !aboutOthers(outcome));
  if (scope.kind !== 'held-leavers') return { ...plan, outcomes };
  // An approval applies the leaver rules only (PRODUCT.md 2): a held employee HR no longer has as a leaver is
  // released, not updated; what else the next run would change is the next run's.
  return {
    ...plan,
    actions: plan.actions.filter((action) => action.kind === 'mark_leaver'),
    outcomes: outcomes.filter(
      (outcome) => outcome.severity === 'skipped' || outcome.code === 'leaver_rejected',
    ),
  };
}
