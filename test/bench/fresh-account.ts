import type { ExpenseInAccountState } from '../sandbox/expensein/types.ts';
import type { Sandbox } from '../sandbox/index.ts';

/**
 * Turns the sandbox's ExpenseIn accounts (one per company) into ones that have never been synced: the users of each
 * company's employees are removed (the administrator and the contractors stay, as R15 users nobody syncs),
 * departments and settings are kept. The first sync then does what the seed describes for a first connection: "any
 * existing Employees in Staffology HR ... will automatically be created as Users in ExpenseIn" (R10), leavers
 * excepted (R13). Returns how many users were removed, in every account.
 */
export function makeFreshAccount(sandbox: Sandbox): number {
  const { otherAccounts = [], ...first } = sandbox.expensein.control.backend.snapshot();
  let removed = 0;
  // The accounts are in the order of the companies (test/sandbox/data/combine-companies.ts).
  const fresh = [first, ...otherAccounts].map((account, index): ExpenseInAccountState => {
    const company = sandbox.companies[index];
    if (!company) return account;
    const employees = company.company.staffology.employees[company.staffology.employerId] ?? [];
    const payrollCodes = new Set(employees.map((employee) => employee.employmentDetails.payrollCode));
    const kept = account.users.filter((user) => user.reference === null || !payrollCodes.has(user.reference));
    const keptIds = new Set(kept.map((user) => user.id));
    removed += account.users.length - kept.length;
    return {
      ...account,
      users: kept,
      eventLog: account.eventLog.filter((event) => keptIds.has(event.userId)),
    };
  });
  const [head, ...others] = fresh;
  if (!head) return 0;
  sandbox.expensein.control.backend.load({
    ...head,
    ...(others.length > 0 ? { otherAccounts: others } : {}),
  });
  return removed;
}
