import { z } from 'zod';
import { finalRunStatusSchema, outcomeCodeSchema } from '../outcomes.ts';
import { ruleIdSchema } from '../rules.ts';
import { connectRequestSchema, credentialStateSchema } from './connections.ts';
import { departmentsCheckResponseSchema } from './leavers.ts';
import { runCountsSchema } from './runs.ts';

/**
 * The set-up check (the seed's "How to set up", steps 1 and 2): the keys an administrator is about to connect with,
 * checked and read, nothing stored. Without `employerId` it lists the employers the key sees; with it, it also
 * compares department names and previews the first sync of that employer.
 */
export const setupCheckRequestSchema = z.object({
  staffology: connectRequestSchema.shape.staffology.omit({ employerId: true }),
  expensein: connectRequestSchema.shape.expensein,
  employerId: z.string().trim().min(1).optional(),
  /** R8: the preview plans bank details only when the connection would include them. */
  includeBankDetails: connectRequestSchema.shape.includeBankDetails,
});
export type SetupCheckRequest = z.infer<typeof setupCheckRequestSchema>;

export const setupEmployerSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  employeeCount: z.number().int().nullable(),
  /**
   * Where `employeeCount` comes from: Staffology's employer record (its own figure: current employees), or the
   * employee list of the chosen employer, read for the preview (every employee listed, leavers included). null: not
   * read (an employer not chosen, past the ones whose record is read).
   */
  employeeCountFrom: z.enum(['staffology', 'employee_list']).nullable(),
});
export type SetupEmployer = z.infer<typeof setupEmployerSchema>;

/** An employee the first sync would skip or leave in conflict, with the rule and the reason. */
export const setupProblemSchema = z.object({
  severity: z.enum(['skipped', 'conflict']),
  rule: ruleIdSchema.nullable(),
  code: outcomeCodeSchema,
  employeeNumber: z.string().nullable(),
  userId: z.number().int().nullable(),
  name: z.string().nullable(),
  message: z.string(),
});
export type SetupProblem = z.infer<typeof setupProblemSchema>;

/** A dry run of the first sync: the same read and the same plan as the on-connect run, nothing written. */
export const setupPreviewSchema = z.object({
  /** The status the run would end with if every write succeeds. */
  status: finalRunStatusSchema,
  counts: runCountsSchema,
  problems: z.array(setupProblemSchema),
});
export type SetupPreview = z.infer<typeof setupPreviewSchema>;

export const setupCheckResponseSchema = z.object({
  credentials: z.object({ staffology: credentialStateSchema, expensein: credentialStateSchema }),
  /** The employers the Staffology key sees (empty when the key is not accepted). */
  employers: z.array(setupEmployerSchema),
  /** The employer checked and previewed (the request's), or null. */
  employerId: z.string().nullable(),
  /** ExpenseIn's "User references must be unique" (null when ExpenseIn could not be asked). */
  userReferencesMustBeUnique: z.boolean().nullable(),
  departments: z.object({
    /** ExpenseIn's department names (null when ExpenseIn could not be read). */
    expensein: z.array(z.string()).nullable(),
    /** The employer's department names, matched or not by R9's comparison (null until an employer is chosen). */
    staffology: departmentsCheckResponseSchema.nullable(),
  }),
  preview: setupPreviewSchema.nullable(),
  /** What to do before connecting, e.g. turn on "User references must be unique". */
  advice: z.array(z.string()),
});
export type SetupCheck = z.infer<typeof setupCheckResponseSchema>;
