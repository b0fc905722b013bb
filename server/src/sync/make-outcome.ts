import { type Outcome, type OutcomeCode, type RuleId, type Subject, severityOf } from '@staffsync/shared';

// One empty details object for every outcome that has none (a needs_setup note for each of 50,000 users is common):
// frozen, so that nothing can write into the one all of them share.
const noDetails: Record<string, unknown> = Object.freeze({});

/** An outcome whose severity always agrees with its code (shared/src/outcomes.ts decides the run status from it). */
export function makeOutcome(
  code: OutcomeCode,
  rule: RuleId | null,
  subject: Subject,
  message: string,
  details: Record<string, unknown> = noDetails,
): Outcome {
  return { rule, code, severity: severityOf(code), subject, message, details };
}
