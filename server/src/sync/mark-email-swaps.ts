import type { Outcome } from '@staffsync/shared';
import { makeOutcome } from './make-outcome.ts';

/**
 * R7a's `email_swap`: linked employees whose new emails form a cycle (A takes B's, B takes A's, or longer) block
 * each other on every run, since ExpenseIn never holds one email twice (PRODUCT.md 2). Their `email_in_use`
 * outcomes are replaced by one `email_swap` each, naming every user of the cycle, for an administrator to resolve
 * (give one of them a temporary email; the next sync finishes the swap). Other outcomes are returned as they are.
 */
export function markEmailSwaps(outcomes: readonly Outcome[]): Outcome[] {
  // Each blocked user wants the email another user holds: at most one edge out of each user.
  const wants = new Map<number, number>();
  for (const outcome of outcomes) {
    const holder = outcome.details.userId;
    if (outcome.code !== 'email_in_use' || outcome.rule !== 'R7a') continue;
    if (outcome.subject.userId === null || typeof holder !== 'number') continue;
    wants.set(outcome.subject.userId, holder);
  }
  const cycleOf = new Map<number, number[]>();
  const done = new Set<number>();
  for (const start of wants.keys()) {
    const path: number[] = [];
    const onPath = new Map<number, number>();
    let at: number | undefined = start;
    while (at !== undefined && !done.has(at) && !onPath.has(at)) {
      onPath.set(at, path.length);
      path.push(at);
      at = wants.get(at);
    }
    if (at !== undefined && onPath.has(at)) {
      const cycle = path.slice(onPath.get(at)).sort((a, b) => a - b);
      for (const member of cycle) cycleOf.set(member, cycle);
    }
    for (const visited of path) done.add(visited);
  }
  if (cycleOf.size === 0) return [...outcomes];
  return outcomes.map((outcome) => {
    const cycle =
      outcome.code === 'email_in_use' && outcome.subject.userId !== null
        ? cycleOf.get(outcome.subject.userId)
        : undefined;
    if (!cycle) return outcome;
    return makeOutcome(
      'email_swap',
      'R7a',
      outcome.subject,
      `Email not changed to "${String(outcome.details.email)}": users ${cycle.join(', ')} would swap emails, which ExpenseIn cannot do in one step; give one of them a temporary email in ExpenseIn and the next sync finishes the swap (the other fields still update)`,
      { email: outcome.details.email, userIds: cycle },
    );
  });
}
