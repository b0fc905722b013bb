import { z } from 'zod';
import { outcomeCodeSchema, runStatusSchema, runTriggerSchema, severitySchema } from '../outcomes.ts';
import { ruleIdSchema } from '../rules.ts';
import { actionKindSchema, fieldChangeSchema, syncedFieldSchema } from '../sync-model.ts';
import { pageInfoSchema, pageQuerySchema, timestampSchema } from './common.ts';

/** Counts of one run (or of a dry run's plan). */
export const runCountsSchema = z.object({
  employees: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  updatedByField: z.partialRecord(syncedFieldSchema, z.number().int()),
  leavers: z.number().int(),
  reinstated: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.partialRecord(outcomeCodeSchema, z.number().int()),
  conflicts: z.partialRecord(outcomeCodeSchema, z.number().int()),
  warnings: z.partialRecord(outcomeCodeSchema, z.number().int()),
  held: z.number().int(),
  failed: z.number().int(),
});
export type RunCounts = z.infer<typeof runCountsSchema>;

export const runSummarySchema = z.object({
  id: z.number().int(),
  connectionId: z.number().int(),
  trigger: runTriggerSchema,
  status: runStatusSchema,
  dryRun: z.boolean(),
  requestedBy: z.string().nullable(),
  counts: runCountsSchema.nullable(),
  startedAt: timestampSchema,
  finishedAt: timestampSchema.nullable(),
  error: z.string().nullable(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

export const runItemResultSchema = z.enum(['planned', 'applied', 'failed', 'held', 'recorded']);
export const runItemKindSchema = z.enum(['action', 'outcome']);

/** One action or outcome of a run. Bank details appear only masked (last 2 digits). */
export const runItemSchema = z.object({
  seq: z.number().int(),
  kind: runItemKindSchema,
  rule: ruleIdSchema.nullable(),
  code: outcomeCodeSchema.nullable(),
  severity: severitySchema.nullable(),
  actionKind: actionKindSchema.nullable(),
  employeeNumber: z.string().nullable(),
  userId: z.number().int().nullable(),
  name: z.string().nullable(),
  message: z.string().nullable(),
  changes: z.array(fieldChangeSchema),
  result: runItemResultSchema,
  error: z.string().nullable(),
  at: timestampSchema,
});
export type RunItem = z.infer<typeof runItemSchema>;

export const startRunRequestSchema = z.object({ dryRun: z.boolean().default(false) });

export const startRunResponseSchema = z.object({
  runId: z.number().int(),
  /** True when a run was already going: its id is returned instead of starting a second one. */
  alreadyRunning: z.boolean(),
  status: runStatusSchema,
});

/** A dry run: the plan grouped by outcome, nothing written. */
export const dryRunResponseSchema = z.object({
  runId: z.number().int(),
  counts: runCountsSchema,
  groups: z.array(
    z.object({
      key: z.string().describe('an action kind (create, update, mark_leaver, reinstate) or an outcome code'),
      count: z.number().int(),
      items: z.array(runItemSchema),
    }),
  ),
});

export const runListResponseSchema = z
  .object({ runs: z.array(runSummarySchema) })
  .extend(pageInfoSchema.shape);

export const runListQuerySchema = pageQuerySchema.extend({
  dryRun: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional()
    .describe('only dry runs (true) or only runs that wrote (false); both when absent'),
});

export const runItemsQuerySchema = pageQuerySchema.extend({
  pageSize: pageQuerySchema.shape.pageSize.removeDefault().default(100),
  severity: severitySchema.optional(),
  code: outcomeCodeSchema.optional(),
  rule: ruleIdSchema.optional(),
  kind: runItemKindSchema.optional(),
});

export const runDetailResponseSchema = z
  .object({ run: runSummarySchema, items: z.array(runItemSchema) })
  .extend(pageInfoSchema.shape);
