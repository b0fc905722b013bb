import type { EiDepartment, EiUser, HrEmployee, InvalidRecord, Link, UserKey } from '@staffsync/shared';
import type { ExpenseInClient, StaffologyClient } from '../adapters/index.ts';
import { payrollCodeOfItem } from '../adapters/staffology/map-employee.ts';
import { emailKey, matchKey } from '../sync/normalise.ts';

/** Everything ExpenseIn holds that planning one employee needs: R4, R7a and R11 look at every user. */
export interface ExpenseInReads {
  users: EiUser[];
  invalidUsers: InvalidRecord[];
  departments: EiDepartment[];
}

export async function readExpenseIn(client: ExpenseInClient): Promise<ExpenseInReads> {
  const [listed, departments] = await Promise.all([client.listUsers(), client.listDepartments()]);
  return { users: listed.users, invalidUsers: listed.invalidRecords, departments };
}

/**
 * The users a row key names, oldest first: by Reference exactly (PRODUCT.md 2: references compare exactly after
 * trimming), or by email, case-insensitively. Several users share a reference only in R4's case.
 */
export function findUsers(users: readonly EiUser[], key: UserKey): EiUser[] {
  const matches =
    'reference' in key
      ? users.filter((user) => matchKey(user.reference) === matchKey(key.reference))
      : users.filter((user) => emailKey(user.email) === emailKey(key.email));
  return matches.sort((a, b) => a.id - b.id);
}

/**
 * The employee number a user answers to: its Reference (R5), else the employee its stored link names (a Reference
 * cleared in ExpenseIn since the last sync). null: the user has no employee (R15: never changed).
 */
export function employeeNumberOf(user: EiUser, link: Link | null): string | null {
  return matchKey(user.reference) || (link?.userId === user.id ? link.employeeNumber : null) || null;
}

/** The HR records holding one employee number: normally one, two or more in R3's case, none if not in HR. */
export interface EmployeeReads {
  employeeNumber: string;
  employees: HrEmployee[];
  invalidRecords: InvalidRecord[];
  /** The Staffology employee ids read. */
  sourceIds: string[];
  /** How many Staffology employees carry the number, once `readOtherHolders` has looked; null before. */
  holders: number | null;
}

/** Searches Staffology by payroll code (PRODUCT.md 3.1: used by single-user resync) and reads the employee found. */
export async function readEmployee(
  client: StaffologyClient,
  employeeNumber: string,
  options: { includeBankDetails: boolean },
): Promise<EmployeeReads> {
  const found = await client.findByPayrollCode(employeeNumber);
  const empty: EmployeeReads = {
    employeeNumber,
    employees: [],
    invalidRecords: [],
    sourceIds: [],
    holders: null,
  };
  return found ? readMore(client, empty, [found.id], options) : empty;
}

/**
 * R3 needs the whole source: the payroll-code search answers one employee even when several share the number. The
 * employee list (Items only, one request per 100 employees) names every holder; those not read yet are read.
 */
export async function readOtherHolders(
  client: StaffologyClient,
  reads: EmployeeReads,
  options: { includeBankDetails: boolean },
): Promise<EmployeeReads> {
  const listed = await client.listEmployeeItems();
  const holding = listed.items.filter((item) => matchKey(payrollCodeOfItem(item)) === reads.employeeNumber);
  const unread = holding.map((item) => item.id).filter((id) => !reads.sourceIds.includes(id));
  const more = await readMore(client, reads, unread, options);
  return { ...more, holders: Math.max(holding.length, more.sourceIds.length) };
}

async function readMore(
  client: StaffologyClient,
  reads: EmployeeReads,
  ids: string[],
  options: { includeBankDetails: boolean },
): Promise<EmployeeReads> {
  const results = await Promise.all(
    ids.map((id) => client.getEmployee(id, { includeBankDetails: options.includeBankDetails })),
  );
  const employees = [...reads.employees];
  const invalidRecords = [...reads.invalidRecords];
  for (const result of results) {
    if (result.ok) employees.push(result.employee);
    else
      invalidRecords.push({
        ...result.invalid,
        employeeNumber: result.invalid.employeeNumber ?? reads.employeeNumber,
      });
  }
  return { ...reads, employees, invalidRecords, sourceIds: [...reads.sourceIds, ...ids] };
}
