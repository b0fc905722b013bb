import type { EiUser } from '@staffsync/shared';
import type { VendorClients } from './run-deps.ts';

export interface VerifiedConnection {
  employerName: string | null;
  /** Every ExpenseIn user the key reads, by id and reference: which account it is (compare-account.ts). */
  users: Pick<EiUser, 'id' | 'reference'>[];
}

/**
 * Proves both keys before a connection is stored or changed: a wrong key or employer is refused at connect time,
 * not found at the first sync, and the users read say which ExpenseIn account the key opens. Read only on both
 * sides (R15). Throws the vendor's VendorError.
 */
export async function verifyConnection(clients: VendorClients): Promise<VerifiedConnection> {
  const [employer, listed] = await Promise.all([
    clients.staffology.getEmployer(),
    clients.expensein.listUsers(),
  ]);
  return {
    employerName: employer.name,
    users: listed.users.map((user) => ({ id: user.id, reference: user.reference })),
  };
}
