import { z } from 'zod';
import { ruleIdSchema } from './rules.ts';

/**
 * Outcome codes (PRODUCT.md 2). Severity decides the run status:
 * skipped and conflict (and failed actions) make a run `partial`; warning and info do not.
 */
export const outcomeCodes = {
  missing_required_fields: 'skipped', // R1
  invalid_email: 'skipped', // R2
  duplicate_employee_number: 'skipped', // R3
  invalid_record: 'skipped', // a vendor record that failed schema validation
  duplicate_user_reference: 'conflict', // R4
  email_in_use: 'conflict', // R7a, R11
  email_swap: 'conflict', // R7a: the new emails of two or more linked employees form a cycle
  near_miss_reference: 'warning', // R6
  department_not_found: 'warning', // R9
  invalid_bank_details: 'warning', // R8: HR's bank details are malformed (sort code not 6 digits), so not written
  needs_setup: 'info', // R10: created, needs policy, approval flow and an invite
  leaver_not_in_expensein: 'info', // R13
  leaver_held: 'held', // R17
  leaver_rejected: 'warning', // R17: an administrator rejected this leave date; kept until HR changes it
  action_failed: 'failed', // the applier's write was refused or errored
  source_empty: 'failed', // R18
} as const;

export type OutcomeCode = keyof typeof outcomeCodes;
export const outcomeCodeSchema = z.enum(Object.keys(outcomeCodes) as [OutcomeCode, ...OutcomeCode[]]);
export const severitySchema = z.enum(['skipped', 'conflict', 'warning', 'info', 'held', 'failed']);
export type Severity = z.infer<typeof severitySchema>;

export function severityOf(code: OutcomeCode): Severity {
  return outcomeCodes[code];
}

/** Who an outcome or action is about. Either side may be missing (an employee with no user, a bad record). */
export const subjectSchema = z.object({
  employeeNumber: z.string().nullable(),
  userId: z.number().int().nullable(),
  sourceId: z.string().nullable(),
  name: z.string().nullable(),
});
export type Subject = z.infer<typeof subjectSchema>;

export const outcomeSchema = z.object({
  rule: ruleIdSchema.nullable(), // null only for invalid_record and action_failed, which no rule produces
  code: outcomeCodeSchema,
  severity: severitySchema,
  subject: subjectSchema,
  /** A sentence an administrator can act on, e.g. "Work Email is missing" or "email is used by user 17". */
  message: z.string(),
  /** Machine-readable extras: missing fields, the other user's id, the near-miss reference. */
  details: z.record(z.string(), z.unknown()).default({}),
});
export type Outcome = z.infer<typeof outcomeSchema>;

export const runStatusSchema = z.enum(['running', 'succeeded', 'partial', 'held', 'failed']);
export type RunStatus = z.infer<typeof runStatusSchema>;
/** The status a run ends with (PRODUCT.md 2: one honest status). */
export const finalRunStatusSchema = runStatusSchema.exclude(['running']);
export type FinalRunStatus = z.infer<typeof finalRunStatusSchema>;

export const runTriggerSchema = z.enum([
  'connect',
  'reconnect',
  'schedule',
  'manual',
  'single-user',
  'approval',
  // A failed 04:00 run tried again (about 15 minutes, 1 hour, 4 hours later), PRODUCT.md 4.2.
  'retry',
  // A run besides the daily one, every STAFFSYNC_SYNC_EVERY (or the connection's own interval).
  'interval',
]);
export type RunTrigger = z.infer<typeof runTriggerSchema>;

/**
 * Runs that touch a part of the account only: a single-user resync, and the run that applies approved held
 * leavers (R17). They are never "the last full run" that badges, drift and the scheduler read.
 */
export const partialRunTriggers: readonly RunTrigger[] = ['single-user', 'approval'];
