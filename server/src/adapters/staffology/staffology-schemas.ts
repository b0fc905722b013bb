import { z } from 'zod';

/**
 * Wire schemas for the Staffology responses staffsync reads (staffology-api.md 2 and 3). They name only the
 * fields the mapping needs: unknown fields are dropped (z.object strips), absent optional ones read as null.
 * A field of the wrong type fails the record, which then becomes an `invalid_record` outcome (PRODUCT.md 3).
 */

const text = z
  .string()
  .nullish()
  .transform((value) => value ?? null);

// `format: date` in the spec; real payloads and the legacy schemas also use date-times ("2024-03-31T00:00:00").
const wireDate = z.string().regex(/^\d{4}-\d{2}-\d{2}(?:$|T)/, 'expected a date (YYYY-MM-DD)');

/** `Item`, the shape of every Staffology list (`metadata` is free-form: the spec gives it no schema). */
export const staffologyItemSchema = z.object({
  id: z.string().min(1),
  name: text,
  metadata: z.unknown().optional(),
  url: text,
});
export type StaffologyItem = z.infer<typeof staffologyItemSchema>;

export const staffologyEmployerSchema = z.object({
  id: z.string().min(1),
  name: text,
  // `Contract.EmployerResponse.employeeCount` (staffology-api.md 2); absent or null reads as unknown.
  employeeCount: z
    .number()
    .int()
    .nullish()
    .transform((value) => value ?? null),
});
export type StaffologyEmployer = z.infer<typeof staffologyEmployerSchema>;

const personalDetailsSchema = z.object({
  firstName: text,
  lastName: text,
  email: text,
  // Not in the public Payroll API (staffology-api.md 3); read when a source provides it.
  knownAs: text,
});

const employmentDetailsSchema = z.object({
  payrollCode: text,
  department: z
    .object({ title: text })
    .nullish()
    .transform((value) => value ?? null),
  leaverDetails: z
    .object({
      hasLeft: z
        .boolean()
        .nullish()
        .transform((value) => value ?? false),
      leaveDate: wireDate.nullish().transform((value) => value ?? null),
    })
    .nullish()
    .transform((value) => value ?? null),
});

/** `Contract.EmployeeResponse` without bank details: what is read when Include Bank Details is off (R8). */
export const staffologyEmployeeSchema = z.object({
  id: z.string().min(1),
  status: text,
  personalDetails: personalDetailsSchema,
  employmentDetails: employmentDetailsSchema,
});

const bankDetailsSchema = z
  .object({ accountName: text, sortCode: text, accountNumber: text })
  .nullish()
  .transform((value) => value ?? null);

/** `Contract.EmployeeResponse` with `bankDetails`, used only when Include Bank Details is on. */
export const staffologyEmployeeWithBankSchema = staffologyEmployeeSchema.extend({
  bankDetails: bankDetailsSchema,
});

export type StaffologyEmployee = z.infer<typeof staffologyEmployeeSchema>;
export type StaffologyEmployeeWithBank = z.infer<typeof staffologyEmployeeWithBankSchema>;
