import { z } from 'zod';
import type { StaffologyEmployee, StaffologyEmployer, StaffologyState, StaffologyUser } from './types.ts';

/*
 * A scenario reaches the simulator as JSON through the control API (`POST /__control/load`), so it is parsed
 * here. This checks the state's TypeScript contract (types.ts), not the vendor schema: the routes' tests prove
 * what is served against the OpenAPI document. Objects stay loose because records carry more vendor fields.
 */

const nullableString = z.string().nullable();

const employeeSchema: z.ZodType<StaffologyEmployee> = z.looseObject({
  id: z.string().min(1),
  status: z.enum(['Current', 'Former', 'Upcoming']),
  personalDetails: z.looseObject({
    title: nullableString.optional(),
    firstName: nullableString,
    middleName: nullableString.optional(),
    lastName: nullableString,
    email: nullableString,
    dateOfBirth: z.string(),
    gender: z.enum(['Male', 'Female']),
    maritalStatus: z.enum(['Single', 'Married', 'Divorced', 'Widowed', 'CivilPartnership', 'Unknown']),
  }),
  employmentDetails: z.looseObject({
    payrollCode: z.string(),
    jobTitle: nullableString.optional(),
    department: z
      .looseObject({
        code: z.string(),
        title: z.string(),
        color: nullableString.optional(),
        accountingCode: nullableString.optional(),
        employeeCount: z.number().int().optional(),
      })
      .nullable()
      .optional(),
    starterDetails: z
      .looseObject({ startDate: z.string(), starterDeclaration: z.enum(['A', 'B', 'C', 'Unknown']) })
      .nullable()
      .optional(),
    leaverDetails: z
      .looseObject({
        hasLeft: z.boolean().optional(),
        leaveDate: nullableString.optional(),
        isDeceased: z.boolean().optional(),
        p45Sent: z.boolean().optional(),
        payAccruedBalance: z.boolean().optional(),
        paymentAfterLeaving: z.boolean().optional(),
      })
      .nullable()
      .optional(),
  }),
  bankDetails: z
    .looseObject({
      bankName: nullableString.optional(),
      bankBranch: nullableString.optional(),
      bankReference: nullableString.optional(),
      accountName: nullableString.optional(),
      accountNumber: nullableString.optional(),
      sortCode: nullableString.optional(),
      buildingSocietyRollNumber: nullableString.optional(),
      note: nullableString.optional(),
    })
    .nullable()
    .optional(),
});

const employerSchema: z.ZodType<StaffologyEmployer> = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
});

const userSchema: z.ZodType<StaffologyUser> = z.looseObject({
  id: z.string().min(1),
  emailAddress: nullableString.optional(),
  firstName: nullableString.optional(),
  lastName: nullableString.optional(),
});

const stateSchema: z.ZodType<StaffologyState> = z.object({
  apiKeys: z.array(z.string()),
  employerAccess: z.record(z.string(), z.array(z.string())).optional(),
  account: userSchema.optional(),
  employers: z.array(employerSchema),
  employees: z.record(z.string(), z.array(employeeSchema)),
  rawEmployees: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))).optional(),
});

/** Throws a ZodError naming the bad field. */
export function parseStaffologyState(input: unknown): StaffologyState {
  return stateSchema.parse(input);
}
