import { z } from 'zod';
import type {
  BankDetailsEvent,
  ExpenseInAccountState,
  ExpenseInApiKey,
  ExpenseInDepartment,
  ExpenseInState,
  ExpenseInUserRecord,
} from './types.ts';

/*
 * A scenario reaches the simulator as JSON through the control API (`POST /__control/load`), so it is parsed
 * here against the state's TypeScript contract (types.ts). Records stay loose: a scenario may carry fields the
 * admin UI adds later, and the API serves records as stored.
 */

const nullableString = z.string().nullable();
const id = z.number().int().positive();

const userSchema: z.ZodType<ExpenseInUserRecord> = z.looseObject({
  id,
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  reference: nullableString,
  departmentId: id.nullable(),
  leaveDate: nullableString,
  bankDetails: z
    .looseObject({ accountName: z.string(), sortCode: z.string(), accountNumber: z.string() })
    .nullable(),
  inviteStatus: z.enum(['NotInvited', 'Invited', 'Active']),
  expensePolicyId: id.nullable(),
  approvalFlowId: id.nullable(),
  statementIdentifier: nullableString,
  permissions: z.array(z.string()),
  settings: z.record(z.string(), z.boolean()),
  outOfOffice: z.looseObject({
    enabled: z.boolean(),
    onlyDuringPeriod: z.boolean(),
    start: nullableString,
    end: nullableString,
  }),
});

const departmentSchema: z.ZodType<ExpenseInDepartment> = z.looseObject({
  id,
  name: z.string(),
  reference: nullableString,
});

const apiKeySchema: z.ZodType<ExpenseInApiKey> = z.looseObject({
  key: z.string().min(1),
  permissions: z.array(z.string()),
});

const eventSchema: z.ZodType<BankDetailsEvent> = z.looseObject({
  at: z.string(),
  userId: id,
  accountNumberEnding: nullableString,
  changedBy: z.string(),
});

const accountShape = {
  apiKeys: z.array(apiKeySchema),
  settings: z.looseObject({ userReferencesMustBeUnique: z.boolean() }),
  departments: z.array(departmentSchema),
  users: z.array(userSchema),
  eventLog: z.array(eventSchema),
  accountName: z.string(),
};

const accountSchema: z.ZodType<ExpenseInAccountState> = z.object(accountShape);

/*
 * Across accounts, as in one multi-tenant database: a key opens one account only, and a user id names one user
 * only (malformedRecords and GET /1.0/users/{id} rely on it).
 */
const stateSchema: z.ZodType<ExpenseInState> = z
  .object({ ...accountShape, otherAccounts: z.array(accountSchema).optional() })
  .superRefine((state, ctx) => {
    const accounts = [state, ...(state.otherAccounts ?? [])];
    const keys = new Set<string>();
    const userIds = new Set<number>();
    accounts.forEach((account, index) => {
      const at = index === 0 ? [] : ['otherAccounts', index - 1];
      for (const { key } of account.apiKeys) {
        if (keys.has(key))
          ctx.addIssue({
            code: 'custom',
            path: [...at, 'apiKeys'],
            message: 'one API key opens two accounts',
          });
        keys.add(key);
      }
      for (const { id } of account.users) {
        if (userIds.has(id))
          ctx.addIssue({ code: 'custom', path: [...at, 'users'], message: `user id ${id} is used twice` });
        userIds.add(id);
      }
    });
  });

/** Throws a ZodError naming the bad field. */
export function parseExpenseInState(input: unknown): ExpenseInState {
  return stateSchema.parse(input);
}
