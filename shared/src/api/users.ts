import { z } from 'zod';
import { pendingOverwriteSchema } from '../drift.ts';
import { finalRunStatusSchema, outcomeSchema } from '../outcomes.ts';
import { ruleIdSchema } from '../rules.ts';
import { fieldChangeSchema } from '../sync-model.ts';
import { timestampSchema } from './common.ts';
import { runSummarySchema } from './runs.ts';

/** The badge on a Users list row (PRODUCT.md 5). */
export const badgeKindSchema = z.enum([
  'linked',
  'needs_setup',
  'leaver',
  'scheduled_leaver',
  'pending_overwrite',
  'skipped',
  'conflict',
  'not_in_staffology',
]);
export type BadgeKind = z.infer<typeof badgeKindSchema>;

/**
 * Rows are identified by what the list shows: the reference when present, else the email (PRODUCT.md 4.3).
 * At most 500 keys in one request: one request per render of a page of the list.
 */
export const userKeySchema = z.union([
  z.object({ reference: z.string().trim().min(1) }),
  z.object({ email: z.string().trim().min(1) }),
]);
export type UserKey = z.infer<typeof userKeySchema>;

export const batchStatusRequestSchema = z.object({ users: z.array(userKeySchema).min(1).max(500) });

export const userBadgeSchema = z.object({
  key: userKeySchema,
  badge: badgeKindSchema,
  /** For skipped and conflict: the outcome code's sentence, e.g. "Work Email is used by Ann Lee (user 17)". */
  reason: z.string().nullable(),
  rule: ruleIdSchema.nullable(),
  userId: z.number().int().nullable(),
  employeeNumber: z.string().nullable(),
});
export type UserBadge = z.infer<typeof userBadgeSchema>;

export const batchStatusResponseSchema = z.object({
  /** Staffology's side: what the last sync stored (the newest run read ended at this time); null before any run. */
  asOf: timestampSchema.nullable(),
  /** ExpenseIn's side: its current users, as read at this time (at most a few seconds ago). */
  expenseInAsOf: timestampSchema,
  statuses: z.array(userBadgeSchema),
});

export const recentChangeSchema = z.object({
  runId: z.number().int(),
  at: timestampSchema,
  rule: ruleIdSchema.nullable(),
  changes: z.array(fieldChangeSchema),
});

/** One user's full status, from fresh vendor reads. */
export const userStatusSchema = z.object({
  asOf: timestampSchema,
  badge: badgeKindSchema,
  user: z
    .object({
      id: z.number().int(),
      name: z.string(),
      email: z.string(),
      reference: z.string().nullable(),
      leaveDate: z.string().nullable(),
    })
    .nullable(),
  link: z.object({
    linked: z.boolean(),
    employeeNumber: z.string().nullable(),
    employeeName: z.string().nullable(),
  }),
  lastSync: runSummarySchema.nullable(),
  nextSyncAt: timestampSchema.nullable(),
  pendingOverwrites: z.array(pendingOverwriteSchema),
  recentChanges: z.array(recentChangeSchema),
  outcomes: z.array(outcomeSchema),
});
export type UserStatus = z.infer<typeof userStatusSchema>;

export const userStatusQuerySchema = z
  .object({ reference: z.string().trim().min(1).optional(), email: z.string().trim().min(1).optional() })
  .refine((q) => Boolean(q.reference) !== Boolean(q.email), {
    message: 'give exactly one of reference or email',
    path: ['reference'],
  });

export const traceStepSchema = z.object({
  step: z.enum(['fetched', 'checked', 'matched', 'planned', 'applied']),
  ok: z.boolean(),
  ms: z.number(),
  detail: z.string(),
});
export type TraceStep = z.infer<typeof traceStepSchema>;

export const resyncRequestSchema = userKeySchema;

export const resyncResponseSchema = z.object({
  runId: z.number().int(),
  status: finalRunStatusSchema,
  trace: z.array(traceStepSchema),
  changes: z.array(fieldChangeSchema),
  outcomes: z.array(outcomeSchema),
});
export type ResyncResponse = z.infer<typeof resyncResponseSchema>;
