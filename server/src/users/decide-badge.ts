import type { BadgeKind, EiUser, IsoDate, Outcome, PendingOverwrite, RuleId } from '@staffsync/shared';
import { needsSetup } from '../sync/needs-setup.ts';

export interface BadgeDecision {
  badge: BadgeKind;
  reason: string | null;
  rule: RuleId | null;
}

export interface BadgeInput {
  /** The outcomes of planning the user's employee now. */
  outcomes: readonly Pick<Outcome, 'severity' | 'message' | 'rule'>[];
  pendingOverwrites: readonly PendingOverwrite[];
  user: Pick<EiUser, 'leaveDate' | 'inviteStatus' | 'expensePolicyId' | 'approvalFlowId'>;
  /** R5 holds: exactly this user has the employee's number as Reference. */
  linked: boolean;
  today: IsoDate;
}

/**
 * The one badge a user gets (PRODUCT.md 5), the most pressing first: what blocks the sync (conflict, then skipped),
 * what the next sync will change, the leaver state, then set-up and plain linked. A user no employee is linked to is
 * "not in Staffology" (R15: never changed by the sync).
 */
export function decideBadge(input: BadgeInput): BadgeDecision {
  for (const severity of ['conflict', 'skipped'] as const) {
    const blocking = input.outcomes.find((outcome) => outcome.severity === severity);
    if (blocking) return { badge: severity, reason: blocking.message, rule: blocking.rule };
  }
  const [overwrite] = input.pendingOverwrites;
  if (overwrite) return { badge: 'pending_overwrite', reason: null, rule: overwrite.rule };
  const { leaveDate } = input.user;
  if (leaveDate !== null) {
    return { badge: leaveDate <= input.today ? 'leaver' : 'scheduled_leaver', reason: null, rule: null };
  }
  if (!input.linked) return { badge: 'not_in_staffology', reason: null, rule: null };
  if (needsSetup(input.user)) return { badge: 'needs_setup', reason: null, rule: 'R10' };
  return { badge: 'linked', reason: null, rule: 'R5' };
}
