import type { EiDepartment, EiUser, Outcome, PlanInput } from '@staffsync/shared';
import { indexBy, itemsAt, type KeyIndex } from './key-index.ts';
import { cleanText, departmentKey, emailKey, looseMatchKey, matchKey } from './normalise.ts';
import type { ScreenedEmployee } from './screen-employees.ts';

/** Indexes over one run's input, and the emails this run has already promised to someone. */
export interface PlanContext {
  input: PlanInput;
  /** Users by Reference (R4, R5), in id order. */
  usersByReference: KeyIndex<EiUser>;
  /** The employees being planned, screened (R1-R3), in number order. */
  employees: readonly ScreenedEmployee[];
  /**
   * R6's index, built by the first employee no user is linked to (most days every employee has its user). It may
   * hold only the users a near miss of `employees` can name (nearMissIndex), so ask it about those numbers only.
   */
  usersByLooseReference: KeyIndex<EiUser> | null;
  /** Users in id order, so that the first of several users sharing a key is always the same one. */
  users: EiUser[];
  /**
   * By email key, built by the first question (findEmailHolder): a run in which no email changes and nobody is
   * created never asks, and at 50,000 users the index costs as much as the other two.
   */
  usersByEmail: KeyIndex<EiUser> | null;
  departmentsByKey: KeyIndex<EiDepartment>;
  /** R9's answer for each HR department name met so far: thousands of employees share a few departments. */
  departmentsByHrName: Map<string, EiDepartment | null>;
  /** ExpenseIn users that failed validation: they may hold any reference or email, so they are never ignored. */
  unreadableUserIds: Set<number>;
  unreadableReferences: Set<string>;
  /** Emails an earlier action of this plan will set (R7 or R10), by email key: the employee number it goes to. */
  plannedEmails: Map<string, string>;
  /** R17: `<employee number>|<leave date>` an administrator rejected. */
  rejectedLeaveDates: Set<string>;
  /**
   * The outcomes the rules have given so far, in the order given. The employee planners add theirs here rather than
   * each returning a list: a list per employee was most of what a daily run of 50,000 employees allocated.
   */
  outcomes: Outcome[];
}

/** The key of a rejected leave date in PlanContext.rejectedLeaveDates. */
export function rejectedLeaveKey(employeeNumber: string, hrLeaveDate: string | null): string {
  return `${matchKey(employeeNumber)}|${hrLeaveDate ?? 'no date'}`;
}

export type EmailHolder = { kind: 'user'; user: EiUser } | { kind: 'planned'; employeeNumber: string };

export function createPlanContext(input: PlanInput, employees: readonly ScreenedEmployee[]): PlanContext {
  const users = [...input.users].sort((a, b) => a.id - b.id);
  const departments = [...input.departments].sort((a, b) => a.id - b.id);
  const unreadable = input.invalidRecords.filter((record) => record.vendor === 'expensein');
  return {
    input,
    usersByReference: indexBy(users, (user) => matchKey(user.reference)),
    employees,
    usersByLooseReference: null,
    users,
    usersByEmail: null,
    departmentsByKey: indexBy(departments, (department) => departmentKey(department.name)),
    departmentsByHrName: new Map(),
    unreadableUserIds: new Set(
      unreadable.flatMap((record) => (record.userId === null ? [] : [record.userId])),
    ),
    unreadableReferences: new Set(
      unreadable.map((record) => matchKey(record.employeeNumber)).filter((reference) => reference !== ''),
    ),
    plannedEmails: new Map(),
    rejectedLeaveDates: new Set(
      (input.rejectedLeavers ?? []).map((rejected) =>
        rejectedLeaveKey(rejected.employeeNumber, rejected.leaveDate),
      ),
    ),
    outcomes: [],
  };
}

/** R6: users whose Reference differs from `employeeNumber` (held by no user) only by case or white space. */
export function findNearMisses(context: PlanContext, employeeNumber: string): readonly EiUser[] {
  context.usersByLooseReference ??= nearMissIndex(context);
  return itemsAt(context.usersByLooseReference, looseMatchKey(employeeNumber));
}

/**
 * R6's index. Only employees no user holds exactly ask it, so when they are fewer than the users (a daily run: 3,437
 * of 50,000 employees, 48,064 users) it keeps just the users whose loose Reference is one of their numbers; when they
 * are more (a first sync: nearly every employee, 1,501 users) indexing every user is the smaller work.
 */
function nearMissIndex(context: PlanContext): KeyIndex<EiUser> {
  const unheld = context.employees.filter(
    (employee) => !context.usersByReference.first.has(employee.employeeNumber),
  );
  if (unheld.length >= context.users.length) {
    return indexBy(context.users, (user) => looseMatchKey(user.reference));
  }
  const asked = new Set(unheld.map((employee) => looseMatchKey(employee.employeeNumber)));
  return indexBy(context.users, (user) => {
    const key = looseMatchKey(user.reference);
    // indexBy leaves out the empty key.
    return asked.has(key) ? key : '';
  });
}

/**
 * Who else has the email whose key (emailKey) is `key` in ExpenseIn, or will have it once this plan is applied
 * (R7a, R11).
 */
export function findEmailHolder(
  context: PlanContext,
  key: string,
  exceptUserId: number | null,
): EmailHolder | null {
  context.usersByEmail ??= indexBy(context.users, (user) => emailKey(user.email));
  // A loop, not `find`: asked once for each employee created or changing email, a closure each time adds up.
  for (const user of itemsAt(context.usersByEmail, key)) {
    if (user.id !== exceptUserId) return { kind: 'user', user };
  }
  const employeeNumber = context.plannedEmails.get(key);
  return employeeNumber === undefined ? null : { kind: 'planned', employeeNumber };
}

/** Promises the email whose key is `key` to `employeeNumber`, for findEmailHolder. */
export function claimEmail(context: PlanContext, key: string, employeeNumber: string): void {
  context.plannedEmails.set(key, employeeNumber);
}

export function describeEmailHolder(holder: EmailHolder): string {
  if (holder.kind === 'planned') return `employee ${holder.employeeNumber}, who this sync gives that email`;
  const name = cleanText(`${holder.user.firstName} ${holder.user.lastName}`);
  return name ? `${name} (user ${holder.user.id})` : `user ${holder.user.id}`;
}

export function emailHolderDetails(holder: EmailHolder): Record<string, unknown> {
  return holder.kind === 'user' ? { userId: holder.user.id } : { employeeNumber: holder.employeeNumber };
}

/**
 * R9: the ExpenseIn department of the same name. Two departments can share a normalised name ("Sales" and
 * "sales"): the one spelt exactly as HR spells it wins, else the lowest id, so the choice is stable.
 */
export function findDepartment(context: PlanContext, hrName: string): EiDepartment | null {
  let department = context.departmentsByHrName.get(hrName);
  if (department === undefined) {
    department = spelledAsHrFirst(itemsAt(context.departmentsByKey, departmentKey(hrName)), hrName);
    context.departmentsByHrName.set(hrName, department);
  }
  return department;
}

/** findDepartment without a plan context, for reads outside a plan (the set-up departments check). */
export function findDepartmentIn(departments: readonly EiDepartment[], hrName: string): EiDepartment | null {
  const key = departmentKey(hrName);
  const candidates = departments.filter((department) => departmentKey(department.name) === key);
  return spelledAsHrFirst(
    candidates.sort((a, b) => a.id - b.id),
    hrName,
  );
}

/** `candidates` share HR's name once normalised, in id order. */
function spelledAsHrFirst(candidates: readonly EiDepartment[], hrName: string): EiDepartment | null {
  return candidates.find((department) => cleanText(department.name) === hrName) ?? candidates[0] ?? null;
}
