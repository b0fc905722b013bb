import { z } from 'zod';
import { timestampSchema } from './common.ts';

export const heldLeaverStatusSchema = z.enum(['pending', 'approved', 'rejected', 'released']);

/** R17: a leaver action held until an administrator approves or rejects it. */
export const heldLeaverSchema = z.object({
  id: z.number().int(),
  runId: z.number().int(),
  employeeNumber: z.string(),
  userId: z.number().int(),
  name: z.string().nullable(),
  leaveDate: z.string(),
  status: heldLeaverStatusSchema,
  heldAt: timestampSchema,
});
export type HeldLeaver = z.infer<typeof heldLeaverSchema>;

/** Which held leavers to list (all of them when `status` is omitted). */
export const heldLeaverListQuerySchema = z.object({ status: heldLeaverStatusSchema.optional() });

export const heldLeaverListResponseSchema = z.object({ held: z.array(heldLeaverSchema) });

/** Approve or reject some held leavers (all pending ones when `ids` is omitted). */
export const decideHeldLeaversRequestSchema = z.object({ ids: z.array(z.number().int()).min(1).optional() });

export const decideHeldLeaversResponseSchema = z.object({
  decided: z.number().int(),
  /** The run that applied approved leavers (null for a rejection). */
  runId: z.number().int().nullable(),
});

/** Set-up step 1 of the seed: HR department names with no ExpenseIn department of the same name. */
export const departmentsCheckResponseSchema = z.object({
  unmatched: z.array(z.object({ name: z.string(), employees: z.number().int() })),
  matched: z.array(z.object({ name: z.string(), expenseInDepartmentId: z.number().int() })),
});
