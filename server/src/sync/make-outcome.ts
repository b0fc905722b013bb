import { type Outcome, type OutcomeCode, type RuleId, type Subject, severityOf } from '@staffsync/shared';

/** An outcome whose severity always agrees with its code (shared/src/outcomes.ts decides the run status from it). */
export function makeOutcome(
  code: OutcomeCode,
  rule: RuleId | null,
  subject: Subject,
  message: string,
  details: Record<string, unknown> = {},
): Outcome {
  return { rule, code, severity: severityOf(code), subject, message, details };
}
