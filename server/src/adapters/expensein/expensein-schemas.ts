import { z } from 'zod';

/**
 * Wire schemas for ExpenseIn (PRODUCT.md 3.2). Unknown fields are dropped (z.object strips), nullable fields may
 * also be absent; a field of the wrong type fails the record, which becomes an `invalid_record` outcome.
 */

const id = z.number().int();
const nullableId = id.nullish().transform((value) => value ?? null);
const text = z
  .string()
  .nullish()
  .transform((value) => value ?? null);
// "YYYY-MM-DD"; a date-time is cut to its date so one ExpenseIn serialisation quirk does not fail every leaver.
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(?:$|T)/, 'expected a date (YYYY-MM-DD)')
  .transform((value) => value.slice(0, 10));

export const expenseInUserSchema = z.object({
  id,
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  reference: text,
  departmentId: nullableId,
  leaveDate: date.nullish().transform((value) => value ?? null),
  bankDetails: z
    .object({ accountName: text, sortCode: text, accountNumber: text })
    .nullish()
    .transform((bank) =>
      // Only complete bank details count as bank details; a partial set compares as none (R8 writes all three).
      bank && bank.accountName !== null && bank.sortCode !== null && bank.accountNumber !== null
        ? { accountName: bank.accountName, sortCode: bank.sortCode, accountNumber: bank.accountNumber }
        : null,
    ),
  inviteStatus: z.enum(['NotInvited', 'Invited', 'Active']),
  expensePolicyId: nullableId,
  approvalFlowId: nullableId,
});

export const expenseInDepartmentSchema = z.object({ id, name: z.string(), reference: text });

export const expenseInSettingsSchema = z.object({ userReferencesMustBeUnique: z.boolean() });
export type ExpenseInSettings = z.infer<typeof expenseInSettingsSchema>;

/**
 * `GET /1.0/users` is a bare array by contract (PRODUCT.md 3.2). expensein.md 1.4 asks clients to cope with an
 * envelope too, since paging is undocumented; an envelope that says it holds more than it carries is refused
 * (a missing user would look like one to create).
 */
const envelopeSchema = z.object({
  items: z.array(z.unknown()).optional(),
  data: z.array(z.unknown()).optional(),
  results: z.array(z.unknown()).optional(),
  total: z.number().optional(),
  totalCount: z.number().optional(),
});

export const userListSchema = z.unknown().transform((body, ctx): unknown[] => {
  if (Array.isArray(body)) return body;
  const envelope = envelopeSchema.safeParse(body);
  const list = envelope.success
    ? (envelope.data.items ?? envelope.data.data ?? envelope.data.results)
    : undefined;
  if (!envelope.success || list === undefined) {
    ctx.addIssue({ code: 'custom', message: 'expected an array of users' });
    return z.NEVER;
  }
  const total = envelope.data.total ?? envelope.data.totalCount;
  if (total !== undefined && total > list.length) {
    ctx.addIssue({ code: 'custom', message: `a paged list (${list.length} of ${total}) is not supported` });
    return z.NEVER;
  }
  return list;
});
