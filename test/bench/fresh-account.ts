import type { Sandbox } from '../sandbox/index.ts';

/**
 * Turns the sandbox's ExpenseIn account into one that has never been synced: the users of the company's employees
 * are removed (the administrator and the contractors stay, as R15 users nobody syncs), departments and settings
 * are kept. The first sync then does what the seed describes for a first connection: "any existing Employees in
 * Staffology HR ... will automatically be created as Users in ExpenseIn" (R10), leavers excepted (R13).
 * Returns how many users were removed.
 */
export function makeFreshAccount(sandbox: Sandbox): number {
  const employees = sandbox.company.staffology.employees[sandbox.staffology.employerId] ?? [];
  const payrollCodes = new Set(employees.map((employee) => employee.employmentDetails.payrollCode));
  const state = sandbox.expensein.control.backend.snapshot();
  const kept = state.users.filter((user) => user.reference === null || !payrollCodes.has(user.reference));
  const keptIds = new Set(kept.map((user) => user.id));
  sandbox.expensein.control.backend.load({
    ...state,
    users: kept,
    eventLog: state.eventLog.filter((event) => keptIds.has(event.userId)),
  });
  return state.users.length - kept.length;
}
