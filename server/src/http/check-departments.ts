import type { departmentsCheckResponseSchema, EiDepartment, HrEmployee } from '@staffsync/shared';
import type { z } from 'zod';
import type { Connection } from '../store/index.ts';
import { cleanText, departmentKey } from '../sync/normalise.ts';
import { findDepartmentIn } from '../sync/plan-context.ts';
import type { AppDeps } from './app-deps.ts';

export type DepartmentsCheck = z.infer<typeof departmentsCheckResponseSchema>;

/**
 * Set-up step 1 of the seed ("ensure your Department Names in ExpenseIn match those in Staffology HR"): the HR
 * department names with no ExpenseIn department of the same name, by R9's comparison (case-insensitive, spaces
 * collapsed), with how many employees each holds. Read only, no bank details (never read here).
 */
export async function checkDepartments(deps: AppDeps, connection: Connection): Promise<DepartmentsCheck> {
  const stop = new AbortController();
  try {
    const clients = deps.clientsFor(connection, await deps.store.connections.credentials(connection.id), {
      signal: stop.signal,
    });
    const [hr, departments] = await Promise.all([
      clients.staffology.fetchEmployees({ includeBankDetails: false }),
      clients.expensein.listDepartments(),
    ]);
    return compareDepartments(hr.employees, departments);
  } finally {
    stop.abort();
  }
}

/**
 * The comparison itself, on what a read returned (the set-up check compares the preview's own read): each HR
 * department name once, with its employees, matched to an ExpenseIn department as R9 matches them or not.
 */
export function compareDepartments(
  employees: readonly HrEmployee[],
  departments: readonly EiDepartment[],
): DepartmentsCheck {
  const byName = new Map<string, { name: string; employees: number }>();
  for (const employee of employees) {
    const name = cleanText(employee.department);
    if (name === '') continue;
    const key = departmentKey(name);
    const entry = byName.get(key) ?? { name, employees: 0 };
    entry.employees += 1;
    byName.set(key, entry);
  }
  const result: DepartmentsCheck = { unmatched: [], matched: [] };
  for (const { name, employees: count } of [...byName.values()].sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const match = findDepartmentIn(departments, name);
    if (match) result.matched.push({ name, expenseInDepartmentId: match.id });
    else result.unmatched.push({ name, employees: count });
  }
  return result;
}
