import type { EiDepartment, EiUser, HrEmployee, InvalidRecord } from '@staffsync/shared';
import { type ExpenseInClient, isVendorError } from '../adapters/index.ts';
import type { RunSession } from './carry-out-run.ts';

/** What a run reads from both vendors before planning. */
export interface SyncInput {
  employees: HrEmployee[];
  invalidRecords: InvalidRecord[];
  users: EiUser[];
  departments: EiDepartment[];
  /** ExpenseIn's "User references must be unique"; null when the account does not say. */
  referencesUnique: boolean | null;
}

/**
 * Reads everything a full sync plans from: every employee of the employer (with bank details only when the
 * connection includes them, R8), every ExpenseIn user, the departments and the reference setting, in parallel.
 * A single-user resync reads one employee instead and plans through the same planAndApply.
 */
export async function fetchSyncInput(
  session: RunSession,
  onProgress?: (done: number, total: number) => void,
): Promise<SyncInput> {
  const { connection, clients } = session;
  const [hr, listed, departments, referencesUnique] = await Promise.all([
    clients.staffology.fetchEmployees({
      // R8: with Include Bank Details off, bank details are never read.
      includeBankDetails: connection.settings.includeBankDetails,
      ...(onProgress ? { onProgress: ({ done, total }) => onProgress(done, total) } : {}),
    }),
    clients.expensein.listUsers(),
    clients.expensein.listDepartments(),
    readReferencesUnique(clients.expensein),
  ]);
  return {
    employees: hr.employees,
    invalidRecords: [...hr.invalidRecords, ...listed.invalidRecords],
    users: listed.users,
    departments,
    referencesUnique,
  };
}

/**
 * ExpenseIn's "User references must be unique" setting. The settings route is this product's model of ExpenseIn
 * (PRODUCT.md 3.2), so an account without it gives an unknown (null) rather than failing every run.
 */
async function readReferencesUnique(client: ExpenseInClient): Promise<boolean | null> {
  try {
    return (await client.getSettings()).userReferencesMustBeUnique;
  } catch (error) {
    if (isVendorError(error, 'not_found')) return null;
    throw error;
  }
}
