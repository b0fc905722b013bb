import type { StaffsyncStack } from './start-staffsync-stack.ts';

export interface CompanyUser {
  userId: number;
  name: string;
  email: string;
  reference: string | null;
}

/** Every string in the company facts: the employee numbers and ids that take part in a scenario. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/**
 * Finds the generated company's users by the scenario they play (test/sandbox/data/company-facts.ts), from the
 * links as the store holds them now.
 */
export async function companyUsers(
  stack: Pick<StaffsyncStack, 'sandbox' | 'store' | 'connectionId' | 'expenseInUser'>,
) {
  const { facts } = stack.sandbox.company;
  const users = () => stack.sandbox.expensein.control.backend.snapshot().users;
  const links = await stack.store.links.forConnection(stack.connectionId);
  const linkedPlain = () => {
    const special = new Set(strings(facts));
    return links
      .filter((link) => !special.has(link.employeeNumber) && link.lastWritten.firstName !== undefined)
      .sort((a, b) => a.userId - b.userId);
  };
  const describe = (userId: number): CompanyUser => {
    const user = stack.expenseInUser(userId);
    return {
      userId,
      name: `${user.firstName} ${user.lastName}`,
      email: user.email,
      reference: user.reference,
    };
  };
  const byReference = (reference: string | undefined): CompanyUser => {
    const user = users().find((candidate) => candidate.reference === reference);
    if (!user) throw new Error(`no ExpenseIn user has Reference ${reference}`);
    return describe(user.id);
  };
  return {
    describe,
    /** Linked employees that play no scenario, in a stable order: tests take different ones. */
    plain(index: number): CompanyUser & { employeeNumber: string } {
      const link = linkedPlain()[index];
      if (!link) throw new Error(`the company has fewer than ${index + 1} plain linked employees`);
      return { ...describe(link.userId), employeeNumber: link.employeeNumber };
    },
    /** Plain linked employees whose ExpenseIn user has a department (so Department carries a marker, R9). */
    plainInDepartment(index: number): CompanyUser & { employeeNumber: string } {
      const inDepartment = linkedPlain().filter((link) => {
        const user = users().find((candidate) => candidate.id === link.userId);
        return user?.departmentId !== null && user?.departmentId !== undefined;
      });
      const link = inDepartment[index];
      if (!link) throw new Error(`the company has fewer than ${index + 1} plain employees in a department`);
      return { ...describe(link.userId), employeeNumber: link.employeeNumber };
    },
    newStarter: () => byReference(facts.newStarters[0]),
    leaver: () => byReference(facts.leaversPast[0]),
    scheduledLeaver: () => byReference(facts.leaversFuture[0]),
    /** R1: Known As missing in HR; the user holding the number is still in ExpenseIn. */
    skipped: () => byReference(facts.missingKnownAs[0]),
    conflict: () => {
      const [scenario] = facts.duplicateReference;
      const userId = scenario?.userIds[0];
      if (userId === undefined) throw new Error('the company has no duplicate reference');
      return describe(userId);
    },
    notInStaffology: () => describe(facts.contractorUserIds[0] ?? facts.adminUserId),
    /** A contractor whose Reference is cleared in the simulator, so the list shows none for that row. */
    withoutReference(): CompanyUser {
      const userId = facts.contractorUserIds[1] ?? facts.adminUserId;
      const state = stack.sandbox.expensein.control.backend.snapshot();
      const user = state.users.find((candidate) => candidate.id === userId);
      if (user) user.reference = null;
      stack.sandbox.expensein.control.backend.load(state);
      return describe(userId);
    },
  };
}
