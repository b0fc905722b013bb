import type { EiDepartment, EiUser, PlanInput } from '@staffsync/shared';
import { cleanText, departmentKey, emailKey, looseMatchKey, matchKey } from './normalise.ts';

/** Indexes over one run's input, and the emails this run has already promised to someone. */
export interface PlanContext {
  input: PlanInput;
  /** The user holding each Reference (R5): one per Reference, so no array per user at 50,000 users. */
  userByReference: Map<string, EiUser>;
  /** R4: every holder of a Reference held by more than one user, in id order. */
  usersSharingReference: Map<string, EiUser[]>;
  /** R6's index, built by the first employee no user is linked to: most days every employee has its user. */
  usersByLooseReference: Map<string, EiUser[]> | null;
  /** Users in id order, so that the first of several users sharing a key is always the same one. */
  users: EiUser[];
  /**
   * By email key, built by the first question (findEmailHolder): a run in which no email changes and nobody is
   * created never asks, and at 50,000 users the index costs as much as the other two.
   */
  usersByEmail: Map<string, EiUser[]> | null;
  departmentsByKey: Map<string, EiDepartment[]>;
  /** R9's answer for each HR department name met so far: thousands of employees share a few departments. */
  departmentsByHrName: Map<string, EiDepartment | null>;
  /** ExpenseIn users that failed validation: they may hold any reference or email, so they are never ignored. */
  unreadableUserIds: Set<number>;
  unreadableReferences: Set<string>;
  /** Emails an earlier action of this plan will set (R7 or R10), by email key: the employee number it goes to. */
  plannedEmails: Map<string, string>;
  /** R17: `<employee number>|<leave date>` an administrator rejected. */
  rejectedLeaveDates: Set<string>;
}

/** The key of a rejected leave date in PlanContext.rejectedLeaveDates. */
export function rejectedLeaveKey(employeeNumber: string, hrLeaveDate: string | null): string {
  return `${matchKey(employeeNumber)}|${hrLeaveDate ?? 'no date'}`;
}

export type EmailHolder = { kind: 'user'; user: EiUser } | { kind: 'planned'; employeeNumber: string };

export function createPlanContext(input: PlanInput): PlanContext {
  const users = [...input.users].sort((a, b) => a.id - b.id);
  const departments = [...input.departments].sort((a, b) => a.id - b.id);
  const unreadable = input.invalidRecords.filter((record) => record.vendor === 'expensein');
  const userByReference = new Map<string, EiUser>();
  const usersSharingReference = new Map<string, EiUser[]>();
  for (const user of users) {
    const reference = matchKey(user.reference);
    if (reference === '') continue;
    const holder = userByReference.get(reference);
    if (holder === undefined) {
      userByReference.set(reference, user);
      continue;
    }
    const sharing = usersSharingReference.get(reference);
    if (sharing) sharing.push(user);
    else usersSharingReference.set(reference, [holder, user]);
  }
  return {
    input,
    userByReference,
    usersSharingReference,
    usersByLooseReference: null,
    users,
    usersByEmail: null,
    departmentsByKey: groupBy(departments, (department) => departmentKey(department.name)),
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
  };
}

/** R6: users whose Reference differs from `employeeNumber` (held by no user) only by case or white space. */
export function findNearMisses(context: PlanContext, employeeNumber: string): EiUser[] | undefined {
  if (context.usersByLooseReference === null) {
    context.usersByLooseReference = new Map();
    for (const user of context.users) {
      const looseReference = looseMatchKey(user.reference);
      if (looseReference !== '') addTo(context.usersByLooseReference, looseReference, user);
    }
  }
  return context.usersByLooseReference.get(looseMatchKey(employeeNumber));
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
  context.usersByEmail ??= groupBy(context.users, (user) => emailKey(user.email));
  const user = context.usersByEmail.get(key)?.find((candidate) => candidate.id !== exceptUserId);
  if (user) return { kind: 'user', user };
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
    department = spelledAsHrFirst(context.departmentsByKey.get(departmentKey(hrName)) ?? [], hrName);
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

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) addTo(groups, keyOf(item), item);
  return groups;
}

function addTo<T>(groups: Map<string, T[]>, key: string, item: T): void {
  const group = groups.get(key);
  if (group) group.push(item);
  else groups.set(key, [item]);
}
