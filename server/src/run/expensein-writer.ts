import type { EiUser, UserWrite } from '@staffsync/shared';

/**
 * The two ExpenseIn writes the applier makes (PRODUCT.md 3.2: POST and PATCH /1.0/users). The ExpenseIn client
 * provides them; naming the port here keeps the applier testable against any client of the same shape.
 */
export interface ExpenseInWriter {
  /** How many writes may be in flight at once (the client's own bound); 1 when not said. */
  readonly concurrency?: number;
  createUser(write: UserWrite): Promise<EiUser>;
  updateUser(userId: number, write: UserWrite): Promise<EiUser>;
}
