import type { BankDetails, EiUser, InvalidRecord, UserWrite } from '@staffsync/shared';
import { formatIssues } from '../http/format-issues.ts';
import { expenseInUserSchema } from './expensein-schemas.ts';

export type UserReadResult = { ok: true; user: EiUser } | { ok: false; invalid: InvalidRecord };

/** Validates one ExpenseIn `User`; a user failing the schema is an invalid record naming the user when it can. */
export function mapUser(raw: unknown): UserReadResult {
  const parsed = expenseInUserSchema.safeParse(raw);
  if (parsed.success) return { ok: true, user: parsed.data };
  return { ok: false, invalid: invalidUser(`failed validation: ${formatIssues(parsed.error)}`, raw) };
}

export function invalidUser(reason: string, raw: unknown): InvalidRecord {
  const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const id = typeof record.id === 'string' && /^\d+$/.test(record.id) ? Number(record.id) : record.id;
  return {
    vendor: 'expensein',
    sourceId: null,
    // The reference is the employee number (R5): it lets the planner tell which employee this user was.
    employeeNumber: typeof record.reference === 'string' && record.reference !== '' ? record.reference : null,
    userId: typeof id === 'number' && Number.isInteger(id) ? id : null,
    reason: `ExpenseIn user ${reason}`,
  };
}

/**
 * The body of `POST /1.0/users`: a User without `id` (PRODUCT.md 3.2). R10: not invited, no expense policy and no
 * approval flow, so the new user waits for an administrator to set them up (`needs_setup`).
 */
export function toCreateBody(write: UserWrite) {
  const { firstName, lastName, email } = write;
  if (firstName === undefined || lastName === undefined || email === undefined) {
    throw new TypeError('createUser needs firstName, lastName and email (R1 skips employees without them)');
  }
  return {
    firstName,
    lastName,
    email,
    reference: write.reference ?? null,
    departmentId: write.departmentId ?? null,
    leaveDate: write.leaveDate ?? null,
    bankDetails: write.bankDetails ? bankOnly(write.bankDetails) : null,
    inviteStatus: 'NotInvited' as const,
    expensePolicyId: null,
    approvalFlowId: null,
  };
}

/** The body of `PATCH /1.0/users/{id}`: only the fields to change (PRODUCT.md 3.2). */
export function toPatchBody(write: UserWrite): UserWrite {
  const body: UserWrite = {};
  for (const field of writableFields) {
    if (write[field] !== undefined) Object.assign(body, { [field]: write[field] });
  }
  if (write.bankDetails !== undefined) body.bankDetails = bankOnly(write.bankDetails);
  if (Object.keys(body).length === 0) throw new TypeError('updateUser needs at least one field to change');
  return body;
}

// Copied field by field, so nothing but the contract's fields ever leaves (a caller's extra property would
// otherwise be sent, and ExpenseIn refuses unknown fields).
const writableFields = ['firstName', 'lastName', 'email', 'reference', 'departmentId', 'leaveDate'] as const;

function bankOnly(bank: BankDetails): BankDetails {
  return { accountName: bank.accountName, sortCode: bank.sortCode, accountNumber: bank.accountNumber };
}
