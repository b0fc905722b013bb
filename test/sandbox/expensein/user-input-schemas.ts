import { z } from 'zod';

/** User permission names (expensein.md 1.2, [V] S10): the Details tab checkboxes, reused by API keys. */
export const EXPENSEIN_PERMISSIONS = [
  'Add and Submit Expenses',
  'Add and Submit Purchase Requests',
  'Add and Submit Invoices',
  'Finance User',
  'Finance Administrator',
  'Account Administrator',
  'Billing',
  'Manage Ad Hoc Users',
  'Auditor',
] as const;

/** Settings tab checkboxes of the Edit User pop-up (expensein.md 1.5 and section 3). */
export const EXPENSEIN_USER_SETTING_KEYS = [
  'createTimeExpenses',
  'createPersonalCarMileage',
  'createCompanyCarMileage',
  'createCompanyCardExpenses',
  'createFuelCardExpenses',
  'createCashAdvanceExpenses',
  'importCardStatements',
  'manageCompanyVehicles',
  'overrideDepartment',
] as const;

/** The 400/409 body of PRODUCT.md 3.2: a message and the offending fields by path (`bankDetails.sortCode`). */
export interface ExpenseInErrorBody {
  message: string;
  errors: Record<string, string[]>;
}

// A plausible address, the same bar as R2: something@something.tld, no spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// UK sort code written as 123456, 12-34-56 or 12 34 56 (one separator style throughout).
const SORT_CODE = /^\d{2}([- ]?)\d{2}\1\d{2}$/;

function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const typeError = (expected: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? 'Required' : `Must be ${expected}`;

const requiredText = z
  .string({ error: typeError('a string') })
  .trim()
  .min(1, 'Required');
const optionalText = z
  .string({ error: typeError('a string or null') })
  .trim()
  .nullable()
  .transform((value) => (value === '' ? null : value));
const date = z
  .string({ error: typeError('a date (YYYY-MM-DD) or null') })
  .trim()
  .refine(isRealDate, 'Must be a real date in the form YYYY-MM-DD');
const idOrNull = z
  .number({ error: typeError('a number or null') })
  .int()
  .positive()
  .nullable();
const bool = z.boolean({ error: typeError('true or false') });

const bankDetails = z
  .strictObject(
    {
      accountName: requiredText,
      sortCode: z
        .string({ error: typeError('a string') })
        .trim()
        .regex(SORT_CODE, 'Sort code must be 6 digits')
        .transform((value) => value.replace(/\D/g, '')),
      accountNumber: z
        .string({ error: typeError('a string') })
        .trim()
        .regex(/^\d{8}$/, 'Account number must be 8 digits'),
    },
    { error: typeError('an object or null') },
  )
  .nullable();

const outOfOffice = z.strictObject(
  { enabled: bool, onlyDuringPeriod: bool, start: date.nullable(), end: date.nullable() },
  { error: typeError('an object') },
);

/** Every writable User field; `id` is listed only to reject it with a message naming it. */
const userFields = {
  id: z.never({ error: 'id is not writable' }).optional(),
  firstName: requiredText,
  lastName: requiredText,
  email: requiredText.regex(EMAIL, 'Must be a valid email address'),
  reference: optionalText,
  departmentId: idOrNull,
  leaveDate: date.nullable(),
  bankDetails,
  inviteStatus: z.enum(['NotInvited', 'Invited', 'Active']),
  expensePolicyId: idOrNull,
  approvalFlowId: idOrNull,
  // UI-only fields (expensein.md section 3): served and writable so the admin UI's tabs are real.
  statementIdentifier: optionalText,
  permissions: z.array(z.enum(EXPENSEIN_PERMISSIONS)).transform((list) => [...new Set(list)]),
  settings: z.partialRecord(z.enum(EXPENSEIN_USER_SETTING_KEYS), bool),
  outOfOffice,
};

/** Body of `POST /1.0/users`: a User without `id`; names and email required, the rest defaulted. */
export const userCreateSchema = z.strictObject(
  {
    ...userFields,
    reference: userFields.reference.optional(),
    departmentId: userFields.departmentId.optional(),
    leaveDate: userFields.leaveDate.optional(),
    bankDetails: userFields.bankDetails.optional(),
    inviteStatus: userFields.inviteStatus.optional(),
    expensePolicyId: userFields.expensePolicyId.optional(),
    approvalFlowId: userFields.approvalFlowId.optional(),
    statementIdentifier: userFields.statementIdentifier.optional(),
    permissions: userFields.permissions.optional(),
    settings: userFields.settings.optional(),
    outOfOffice: userFields.outOfOffice.optional(),
  },
  { error: typeError('a JSON object') },
);
export type UserCreateInput = z.output<typeof userCreateSchema>;

/** Body of `PATCH /1.0/users/{id}`: only the fields to change. */
export const userPatchSchema = z.strictObject(userFields, { error: typeError('a JSON object') }).partial();
export type UserPatchInput = z.output<typeof userPatchSchema>;

/** Body of `PATCH /1.0/settings` (the admin UI's Additional Settings, Account tab). */
export const settingsPatchSchema = z
  .strictObject({ userReferencesMustBeUnique: bool }, { error: typeError('a JSON object') })
  .partial();

/** Turns zod issues into the `errors` map, one entry per field path (unknown fields named one by one). */
export function validationErrors(error: z.ZodError): ExpenseInErrorBody {
  const errors: Record<string, string[]> = {};
  const add = (path: string, message: string) => {
    const key = path === '' ? 'body' : path;
    errors[key] = [...(errors[key] ?? []), message];
  };
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) add(path ? `${path}.${key}` : key, 'Unknown field');
    } else {
      add(path, issue.message);
    }
  }
  return { message: 'The request is invalid', errors };
}
