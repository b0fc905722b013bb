import { type IsoDate, type Link, partialRunTriggers, type UserBadge, type UserKey } from '@staffsync/shared';
import type { Run, RunItem, Store } from '../store/index.ts';
import { emailKey, matchKey } from '../sync/normalise.ts';

export interface BatchBadges {
  /** When the newest run the badges come from ended; null when the connection has no finished run. */
  asOf: string | null;
  statuses: UserBadge[];
}

const runsLookedAt = 200;
const pendingResults = new Set(['planned', 'failed', 'held']);

/**
 * Badges for a page of the Users list (PRODUCT.md 4.3 and 5) from STORED data only, never a vendor call, so a page
 * of 500 rows costs one request and a few queries: the links, the held leavers, and the items of the newest
 * finished full run (a dry run counts: it is the freshest plan) overlaid, employee by employee, with the
 * single-user resyncs and leaver approvals that ended after it. A row is found by its Reference (the employee number, R5) or its email
 * (the email the sync last wrote, or an email an outcome names). What changed in ExpenseIn since that run cannot be
 * seen here: the Edit User panel reads fresh (user-status.ts), and a dry run refreshes every badge.
 */
export function batchBadges(
  store: Store,
  input: { connectionId: number; keys: UserKey[]; today: IsoDate },
): BatchBadges {
  const runs = runsToRead(store, input.connectionId);
  const items = overlay(store, runs);
  const index = indexItems(items);
  const links = store.links.forConnection(input.connectionId);
  const linkByNumber = new Map(links.map((link) => [link.employeeNumber, link]));
  const linkByUser = new Map(links.map((link) => [link.userId, link]));
  const linkByEmail = new Map<string, Link>();
  for (const link of links) {
    if (link.lastWritten.email !== undefined) linkByEmail.set(emailKey(link.lastWritten.email), link);
  }
  const heldUsers = new Set(
    store.held.list(input.connectionId, { status: 'pending' }).map((held) => held.userId),
  );

  const statuses = input.keys.map((key): UserBadge => {
    const who = resolve(key, { linkByNumber, linkByEmail, index });
    const link =
      (who.userId !== null ? linkByUser.get(who.userId) : undefined) ??
      (who.employeeNumber !== null ? linkByNumber.get(who.employeeNumber) : undefined) ??
      null;
    const employeeNumber = who.employeeNumber ?? link?.employeeNumber ?? null;
    // Without a link, the employee's own items may still name its user (an action's subject).
    const named = employeeNumber === null ? [] : (index.byEmployee.get(employeeNumber) ?? []);
    const userId =
      who.userId ??
      link?.userId ??
      named.find((item) => item.subject.userId !== null)?.subject.userId ??
      null;
    const related = relatedItems(index, userId, employeeNumber);
    const base = { key, userId, employeeNumber };

    for (const severity of ['conflict', 'skipped'] as const) {
      const blocking = related.find((item) => item.severity === severity);
      if (blocking) return { ...base, badge: severity, reason: blocking.message, rule: blocking.rule };
    }
    const pending = related.find(
      (item) => item.kind === 'action' && item.subject.userId !== null && pendingResults.has(item.result),
    );
    if (pending) return { ...base, badge: 'pending_overwrite', reason: pending.message, rule: pending.rule };
    if (userId !== null && heldUsers.has(userId)) {
      return { ...base, badge: 'pending_overwrite', reason: 'Leaver held for approval (R17)', rule: 'R17' };
    }
    const leaveDate = link?.lastWritten.leaveDate ?? null;
    if (leaveDate !== null) {
      return {
        ...base,
        badge: leaveDate <= input.today ? 'leaver' : 'scheduled_leaver',
        reason: null,
        rule: 'R12',
      };
    }
    const setup = related.find((item) => item.code === 'needs_setup');
    if (setup) return { ...base, badge: 'needs_setup', reason: setup.message, rule: 'R10' };
    const applied = related.some((item) => item.kind === 'action' && item.result === 'applied');
    if (link || applied) return { ...base, badge: 'linked', reason: null, rule: 'R5' };
    return { ...base, badge: 'not_in_staffology', reason: null, rule: null };
  });

  const newest = runs.reduce<Run | null>(
    (latest, run) => (latest === null || run.id > latest.id ? run : latest),
    null,
  );
  return { asOf: newest?.finishedAt ?? null, statuses };
}

/** The newest finished full run (dry or not) and the resyncs that ended after it, oldest first. */
function runsToRead(store: Store, connectionId: number): Run[] {
  const finished = store.runs
    .list({ connectionId, limit: runsLookedAt })
    .items.filter((run) => run.status !== 'running');
  const base = finished.find((run) => !partialRunTriggers.includes(run.trigger));
  const resyncs = finished.filter(
    (run) =>
      partialRunTriggers.includes(run.trigger) && !run.dryRun && (base === undefined || run.id > base.id),
  );
  return [...(base ? [base] : []), ...resyncs].sort((a, b) => a.id - b.id);
}

/** Each run's items replace, subject by subject, what the runs before it said about that subject. */
function overlay(store: Store, runs: Run[]): RunItem[] {
  const bySubject = new Map<string, RunItem[]>();
  for (const run of runs) {
    const groups = new Map<string, RunItem[]>();
    for (const item of store.runItems.all(run.id)) {
      const subject = subjectKey(item);
      groups.set(subject, [...(groups.get(subject) ?? []), item]);
    }
    for (const [subject, group] of groups) bySubject.set(subject, group);
  }
  return [...bySubject.values()].flat();
}

function subjectKey(item: RunItem): string {
  if (item.subject.employeeNumber !== null) return `employee:${item.subject.employeeNumber}`;
  if (item.subject.userId !== null) return `user:${item.subject.userId}`;
  return `item:${item.runId}:${item.seq}`;
}

interface ItemIndex {
  byEmployee: Map<string, RunItem[]>;
  byUser: Map<number, RunItem[]>;
  /** R11: the user holding an employee's Work Email is in conflict with that employee. */
  byEmailHolder: Map<number, RunItem[]>;
  /** R11's email -> the user holding it. */
  holderOfEmail: Map<string, number>;
  /** R6's near-miss reference -> the user holding it. */
  holderOfReference: Map<string, number>;
  /** Email a create (R10) gave a new user -> that user. */
  createdWithEmail: Map<string, { userId: number; employeeNumber: string | null }>;
}

function indexItems(items: RunItem[]): ItemIndex {
  const index: ItemIndex = {
    byEmployee: new Map(),
    byUser: new Map(),
    byEmailHolder: new Map(),
    holderOfEmail: new Map(),
    holderOfReference: new Map(),
    createdWithEmail: new Map(),
  };
  const push = <K>(map: Map<K, RunItem[]>, key: K, item: RunItem) =>
    map.set(key, [...(map.get(key) ?? []), item]);
  for (const item of items) {
    if (item.subject.employeeNumber !== null) push(index.byEmployee, item.subject.employeeNumber, item);
    if (item.subject.userId !== null) push(index.byUser, item.subject.userId, item);
    const otherUser = typeof item.details.userId === 'number' ? item.details.userId : null;
    if (item.rule === 'R11' && item.code === 'email_in_use' && otherUser !== null) {
      push(index.byEmailHolder, otherUser, item);
      if (typeof item.details.email === 'string')
        index.holderOfEmail.set(emailKey(item.details.email), otherUser);
    }
    if (
      item.code === 'near_miss_reference' &&
      otherUser !== null &&
      typeof item.details.reference === 'string'
    ) {
      index.holderOfReference.set(matchKey(item.details.reference), otherUser);
    }
    if (item.kind === 'action' && item.actionKind === 'create' && item.subject.userId !== null) {
      const email = item.changes.find((change) => change.field === 'email')?.after;
      if (typeof email === 'string') {
        index.createdWithEmail.set(emailKey(email), {
          userId: item.subject.userId,
          employeeNumber: item.subject.employeeNumber,
        });
      }
    }
  }
  return index;
}

function resolve(
  key: UserKey,
  known: { linkByNumber: Map<string, Link>; linkByEmail: Map<string, Link>; index: ItemIndex },
): { userId: number | null; employeeNumber: string | null } {
  if ('reference' in key) {
    const reference = matchKey(key.reference);
    const link = known.linkByNumber.get(reference);
    if (link) return { userId: link.userId, employeeNumber: reference };
    const nearMiss = known.index.holderOfReference.get(reference);
    if (nearMiss !== undefined) return { userId: nearMiss, employeeNumber: null };
    // The user holding this reference is the employee's user (R5) even before a link is stored (a skipped employee).
    return { userId: null, employeeNumber: reference };
  }
  const email = emailKey(key.email);
  const link = known.linkByEmail.get(email);
  if (link) return { userId: link.userId, employeeNumber: link.employeeNumber };
  const holder = known.index.holderOfEmail.get(email);
  if (holder !== undefined) return { userId: holder, employeeNumber: null };
  return known.index.createdWithEmail.get(email) ?? { userId: null, employeeNumber: null };
}

function relatedItems(index: ItemIndex, userId: number | null, employeeNumber: string | null): RunItem[] {
  const seen = new Set<number>();
  const related: RunItem[] = [];
  const lists = [
    employeeNumber === null ? [] : (index.byEmployee.get(employeeNumber) ?? []),
    userId === null ? [] : (index.byUser.get(userId) ?? []),
    userId === null ? [] : (index.byEmailHolder.get(userId) ?? []),
  ];
  for (const item of lists.flat()) {
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    related.push(item);
  }
  return related;
}
