import type { EiUser, UserWrite } from '@staffsync/shared';
import type { ListedUsers } from '../adapters/index.ts';

/**
 * What the applier needs of ExpenseIn (PRODUCT.md 3.2): its two writes, POST and PATCH /1.0/users, and the users
 * list to settle lost creates. The ExpenseIn client provides them; naming the port here keeps the applier's
 * dependencies visible.
 */
export interface ExpenseInWriter {
  /** How many writes may be in flight at once (the client's own bound); 1 when not said. */
  readonly concurrency?: number;
  createUser(write: UserWrite): Promise<EiUser>;
  updateUser(userId: number, write: UserWrite): Promise<EiUser>;
  /** Every user, and those that could not be read, to settle creates whose answer was lost (PRODUCT.md 3). */
  listUsers(): Promise<ListedUsers>;
}
