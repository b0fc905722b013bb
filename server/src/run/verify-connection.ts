import type { VendorClients } from './run-deps.ts';

export interface VerifiedConnection {
  employerName: string | null;
  /** ExpenseIn departments, a cheap call that proves the key reads the account. */
  departments: number;
}

/**
 * Proves both keys before a connection is stored or changed: a wrong key or employer is refused at connect time,
 * not found at the first sync. Read only on both sides (R15). Throws the vendor's VendorError.
 */
export async function verifyConnection(clients: VendorClients): Promise<VerifiedConnection> {
  const [employer, departments] = await Promise.all([
    clients.staffology.getEmployer(),
    clients.expensein.listDepartments(),
  ]);
  return { employerName: employer.name, departments: departments.length };
}
