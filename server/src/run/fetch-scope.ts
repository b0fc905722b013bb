import type { EiDepartment, EiUser, HrEmployee, InvalidRecord, Link, UserKey } from '@staffsync/shared';
import { type ExpenseInClient, isVendorError, type ReadEmployeesOptions } from '../adapters/index.ts';
import type { Connection, HeldLeaver, Store } from '../store/index.ts';
import { emailKey, matchKey } from '../sync/normalise.ts';
import type { VendorClients } from './run-deps.ts';
import type { SyncScope } from './sync-scope.ts';
import { UserNotFoundError } from './user-not-found-error.ts';

/** What a run read, for its scope, before planning. */
export interface ScopedInput {
  employees: HrEmployee[];
  invalidRecords: InvalidRecord[];
  users: EiUser[];
  departments: EiDepartment[];
  /** ExpenseIn's "User references must be unique"; null when not asked (a partial read) or not said. */
  referencesUnique: boolean | null;
  /** The employee numbers the run is about; null for the whole employer. */
  employeeNumbers: string[] | null;
  /** A `user` scope's user, and the employee number it answers to (null: it has no employee, R15). */
  user: { user: EiUser; employeeNumber: string | null } | null;
  /** A `held-leavers` scope's held leavers, as they were held. */
  held: HeldLeaver[];
}

export interface FetchOptions {
  onProgress?: (done: number, total: number) => void;
  /** Each HR employee as soon as it is read (ReadEmployeesOptions.onEmployee). */
  onEmployee?: (employee: HrEmployee) => void;
  /** ExpenseIn's departments and "User references must be unique" as the caller has just read them: not read again. */
  expensein?: Pick<ScopedInput, 'departments' | 'referencesUnique'>;
}

/**
 * Reads what a run of `scope` plans from (PRODUCT.md 3): the whole employer's employees (with bank details only when
 * the connection includes them, R8), or those of some employee numbers by payroll-code search; always every ExpenseIn
 * user (R4, R7a and R11 look at all of them: one request) and the departments. A run of one user reads at most four
 * times: the users, the departments, the payroll-code search and the employee.
 * @throws UserNotFoundError for a `user` scope whose user ExpenseIn does not have.
 */
export async function fetchScope(
  clients: VendorClients,
  connection: Connection,
  store: Store,
  scope: SyncScope,
  options: FetchOptions = {},
): Promise<ScopedInput> {
  const includeBankDetails = connection.settings.includeBankDetails;
  if (scope.kind === 'employer') {
    const [hr, listed, departments, referencesUnique] = await Promise.all([
      clients.staffology.fetchEmployees({
        includeBankDetails,
        onEmployee: options.onEmployee,
        ...(options.onProgress ? { onProgress: ({ done, total }) => options.onProgress?.(done, total) } : {}),
      }),
      clients.expensein.listUsers(),
      options.expensein?.departments ?? clients.expensein.listDepartments(),
      options.expensein ? options.expensein.referencesUnique : readReferencesUnique(clients.expensein),
    ]);
    return {
      employees: hr.employees,
      invalidRecords: [...hr.invalidRecords, ...listed.invalidRecords],
      users: listed.users,
      departments,
      referencesUnique,
      employeeNumbers: null,
      user: null,
      held: [],
    };
  }

  const [listed, departments] = await Promise.all([
    clients.expensein.listUsers(),
    options.expensein?.departments ?? clients.expensein.listDepartments(),
  ]);
  let employeeNumbers: string[];
  let user: ScopedInput['user'] = null;
  let held: HeldLeaver[] = [];
  if (scope.kind === 'user') {
    const found = findUser(listed.users, scope.key);
    if (!found) throw new UserNotFoundError(scope.key);
    const employeeNumber = employeeNumberOf(
      found,
      await store.links.get(connection.id, { userId: found.id }),
    );
    user = { user: found, employeeNumber };
    employeeNumbers = employeeNumber === null ? [] : [employeeNumber];
  } else if (scope.kind === 'held-leavers') {
    held = (await store.held.list(connection.id, { status: 'pending' })).filter(
      (leaver) => scope.heldIds === undefined || scope.heldIds.includes(leaver.id),
    );
    employeeNumbers = [...new Set(held.map((leaver) => leaver.employeeNumber))];
  } else {
    employeeNumbers = [...new Set(scope.employeeNumbers.map((number) => matchKey(number)).filter(Boolean))];
  }
  const hr = await readByPayrollCode(clients, employeeNumbers, {
    includeBankDetails,
    onEmployee: options.onEmployee,
  });
  return {
    employees: hr.employees,
    invalidRecords: [...hr.invalidRecords, ...listed.invalidRecords],
    users: listed.users,
    departments,
    referencesUnique: null,
    employeeNumbers,
    user,
    held,
  };
}

/** The employees holding these numbers (PRODUCT.md 3.1: the payroll-code search), none for a number not in HR. */
async function readByPayrollCode(
  clients: VendorClients,
  employeeNumbers: string[],
  readOptions: ReadEmployeesOptions,
): Promise<{ employees: HrEmployee[]; invalidRecords: InvalidRecord[] }> {
  const items = await Promise.all(
    employeeNumbers.map((number) => clients.staffology.findByPayrollCode(number)),
  );
  const ids = items.flatMap((item) => (item ? [item.id] : []));
  if (ids.length === 0) return { employees: [], invalidRecords: [] };
  // The batch read (PRODUCT.md 3.1): one call for one employee as for a hundred.
  return clients.staffology.readEmployees(ids, readOptions);
}

/**
 * The user a row key names: by Reference exactly (PRODUCT.md 2: references compare exactly after trimming), or by
 * email, case-insensitively; the oldest when several share one (R4's case).
 */
export function findUser(users: readonly EiUser[], key: UserKey): EiUser | null {
  const matches =
    'reference' in key
      ? users.filter((user) => matchKey(user.reference) === matchKey(key.reference))
      : users.filter((user) => emailKey(user.email) === emailKey(key.email));
  return matches.sort((a, b) => a.id - b.id)[0] ?? null;
}

/**
 * The employee number a user answers to: its Reference (R5), else the employee its stored link names (a Reference
 * cleared in ExpenseIn since the last sync). null: the user has no employee (R15: never changed).
 */
export function employeeNumberOf(user: EiUser, link: Link | null): string | null {
  return matchKey(user.reference) || (link?.userId === user.id ? link.employeeNumber : null) || null;
}

/**
 * ExpenseIn's "User references must be unique" setting. The settings route is this product's model of ExpenseIn
 * (PRODUCT.md 3.2), so an account without it gives an unknown (null) rather than failing every run.
 */
export async function readReferencesUnique(client: ExpenseInClient): Promise<boolean | null> {
  try {
    return (await client.getSettings()).userReferencesMustBeUnique;
  } catch (error) {
    if (isVendorError(error, 'not_found')) return null;
    throw error;
  }
}
