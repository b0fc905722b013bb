import type { OutcomeCode } from '@staffsync/shared';

/** Where an administrator fixes what kept an employee from syncing, and how. */
export interface Fix {
  where: 'Staffology HR' | 'ExpenseIn' | 'Staffology HR or ExpenseIn';
  what: string;
}

/**
 * What to fix for each outcome that skips an employee or leaves it in conflict (PRODUCT.md 2; the seed's set-up step
 * 3, "check that your Staffology HR Employees are syncing"). The outcome's own message says which field or user.
 */
const fixes: Partial<Record<OutcomeCode, Fix>> = {
  missing_required_fields: {
    where: 'Staffology HR',
    what: 'Fill in the fields the reason names: Known As, Surname, Work Email and Employee Number are required (R1).',
  },
  invalid_email: { where: 'Staffology HR', what: "Correct the employee's Work Email (R2)." },
  duplicate_employee_number: {
    where: 'Staffology HR',
    what: 'Give each employee an Employee Number of their own (R3).',
  },
  invalid_record: {
    where: 'Staffology HR or ExpenseIn',
    what: 'Open the record the reason names and correct the field it could not read.',
  },
  duplicate_user_reference: {
    where: 'ExpenseIn',
    what: 'Leave the Employee Number as the Reference of one user only, then turn on "User references must be unique" (Account tab) (R4).',
  },
  email_in_use: {
    where: 'ExpenseIn',
    what: "Another user holds this email. If that user is this employee, give them the Employee Number as Reference (R11); else change one user's email in ExpenseIn, or the Work Email in Staffology HR (R7a).",
  },
  email_swap: {
    where: 'ExpenseIn',
    what: 'These users would take each other’s emails: change one of them by hand in ExpenseIn; the next sync sets the others (R7a).',
  },
};

const fallback: Fix = {
  where: 'Staffology HR or ExpenseIn',
  what: 'Correct what the reason names, then run a sync again.',
};

export function describeFix(code: OutcomeCode | null): Fix {
  return (code ? fixes[code] : undefined) ?? fallback;
}
