import { and, asc, eq } from 'drizzle-orm';
import {
  StoreConflictError,
  type StoreContext,
  StoreNotFoundError,
  type StoreTables,
} from './store-context.ts';

export type IntentState = 'pending' | 'done' | 'failed';

/**
 * A user create the applier is about to make (PRODUCT.md 4.2: a crash never leads to a second user for one
 * employee). Recorded before the POST and settled after; a `pending` one found by the next run means the process
 * died in between, and the run must look for the user in ExpenseIn before creating again.
 */
export interface CreateIntent {
  id: number;
  connectionId: number;
  employeeNumber: string;
  runId: number;
  email: string;
  state: IntentState;
  userId: number | null;
  error: string | null;
  createdAt: string;
  settledAt: string | null;
}

export interface IntentsRepo {
  /** Throws StoreConflictError while the employee has an unsettled intent: reconcile that one first. */
  record(input: {
    connectionId: number;
    employeeNumber: string;
    runId: number;
    email: string;
  }): Promise<CreateIntent>;
  complete(intentId: number, userId: number): Promise<CreateIntent>;
  fail(intentId: number, error: string): Promise<CreateIntent>;
  pending(connectionId: number): Promise<CreateIntent[]>;
}

type Row = StoreTables['createIntents']['$inferSelect'];

export function createIntentsRepo(ctx: StoreContext): IntentsRepo {
  const { createIntents } = ctx.tables;

  function settle(
    intentId: number,
    set: Partial<StoreTables['createIntents']['$inferInsert']>,
  ): Promise<CreateIntent> {
    return ctx.transaction(async () => {
      const [current] = await ctx.db.select().from(createIntents).where(eq(createIntents.id, intentId));
      if (!current) throw new StoreNotFoundError('create intent', intentId);
      if (current.state !== 'pending') {
        throw new StoreConflictError(`create intent ${intentId} is already ${current.state}`);
      }
      const [row] = await ctx.db
        .update(createIntents)
        .set({ ...set, settledAt: ctx.now() })
        .where(eq(createIntents.id, intentId))
        .returning();
      return toIntent(row ?? current);
    });
  }

  return {
    record(input) {
      return ctx.transaction(
        async () => {
          const [open] = await ctx.db
            .select()
            .from(createIntents)
            .where(
              and(
                eq(createIntents.connectionId, input.connectionId),
                eq(createIntents.employeeNumber, input.employeeNumber),
                eq(createIntents.state, 'pending'),
              ),
            );
          if (open) {
            throw new StoreConflictError(
              `employee ${input.employeeNumber} has an unsettled create (intent ${open.id}, run ${open.runId})`,
            );
          }
          const [row] = await ctx.db
            .insert(createIntents)
            .values({ ...input, state: 'pending', createdAt: ctx.now() })
            .returning();
          if (!row) throw new Error('inserting a create intent returned no row');
          return toIntent(row);
        },
        { connectionId: input.connectionId },
      );
    },
    complete(intentId, userId) {
      return settle(intentId, { state: 'done', userId });
    },
    fail(intentId, error) {
      return settle(intentId, { state: 'failed', error });
    },
    async pending(connectionId) {
      const rows = await ctx.db
        .select()
        .from(createIntents)
        .where(and(eq(createIntents.connectionId, connectionId), eq(createIntents.state, 'pending')))
        .orderBy(asc(createIntents.id));
      return rows.map(toIntent);
    },
  };
}

function toIntent(row: Row): CreateIntent {
  return {
    id: row.id,
    connectionId: row.connectionId,
    employeeNumber: row.employeeNumber,
    runId: row.runId,
    email: row.email,
    state: row.state,
    userId: row.userId,
    error: row.error,
    createdAt: row.createdAt,
    settledAt: row.settledAt,
  };
}
