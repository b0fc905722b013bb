import { z } from 'zod';
import { ruleIdSchema } from './rules.ts';
import { syncedFieldSchema } from './sync-model.ts';

/**
 * Why a field will be overwritten (PRODUCT.md 2, drift), from the values the sync last wrote:
 * `edited_in_expensein` (ExpenseIn changed since the last sync), `changed_in_hr` (HR changed), or both.
 * With no record of a last write (never synced), `labels` is empty: the cause cannot be told.
 */
export const driftLabelSchema = z.enum(['edited_in_expensein', 'changed_in_hr']);
export type DriftLabel = z.infer<typeof driftLabelSchema>;

/** A field the next sync will overwrite. Bank details appear masked (last 2 digits of the account number). */
export const pendingOverwriteSchema = z.object({
  field: syncedFieldSchema,
  rule: ruleIdSchema,
  expenseInValue: z.union([z.string(), z.number(), z.null()]),
  hrValue: z.union([z.string(), z.number(), z.null()]),
  labels: z.array(driftLabelSchema),
});
export type PendingOverwrite = z.infer<typeof pendingOverwriteSchema>;
