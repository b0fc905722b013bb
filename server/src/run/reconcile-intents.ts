import type { EiUser, InvalidRecord } from '@staffsync/shared';
import type { Store } from '../store/index.ts';
import { matchKey } from '../sync/normalise.ts';

export interface ReconciledIntents {
  /** Creates that did land: the user was found by Reference. */
  found: { employeeNumber: string; userId: number }[];
  /** Creates that never reached ExpenseIn: the employee may be created again. */
  lost: string[];
  /** Left pending: an unreadable ExpenseIn user may be the one created, so no new create is risked. */
  unsure: string[];
}

/**
 * Settles the creates a killed run left pending (PRODUCT.md 4.2), from a fresh read of every ExpenseIn user. The
 * create set Reference = Employee Number, so a user holding it is the one created; the planner links it by R5 on
 * this same read. While an intent stays pending the applier refuses a second create for the employee.
 */
export async function reconcileIntents(
  store: Store,
  connectionId: number,
  users: readonly EiUser[],
  invalidRecords: readonly InvalidRecord[],
): Promise<ReconciledIntents> {
  const result: ReconciledIntents = { found: [], lost: [], unsure: [] };
  const pending = await store.intents.pending(connectionId);
  if (pending.length === 0) return result;
  const unreadableUsers = invalidRecords.some((record) => record.vendor === 'expensein');
  for (const intent of pending) {
    const key = matchKey(intent.employeeNumber);
    const holders = users.filter((user) => matchKey(user.reference) === key).sort((a, b) => a.id - b.id);
    const [first] = holders;
    if (first) {
      // Several holders is R4's business; the oldest is the one this intent can have created first.
      await store.intents.complete(intent.id, first.id);
      result.found.push({ employeeNumber: intent.employeeNumber, userId: first.id });
    } else if (unreadableUsers) {
      result.unsure.push(intent.employeeNumber);
    } else {
      await store.intents.fail(
        intent.id,
        `no ExpenseIn user holds Reference "${intent.employeeNumber}": the create did not land`,
      );
      result.lost.push(intent.employeeNumber);
    }
  }
  return result;
}
