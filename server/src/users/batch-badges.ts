import {
  type BankDetails,
  type EiUser,
  type IsoDate,
  type Link,
  partialRunTriggers,
  type SyncedField,
  syncedFieldLabels,
  type UserBadge,
  type UserKey,
} from '@staffsync/shared';
import type { Connection, Run, RunItem, Store } from '../store/index.ts';
import { needsSetup } from '../sync/needs-setup.ts';
import { emailKey, matchKey, sameEmail, sameName } from '../sync/normalise.ts';
import type { ExpenseInSnapshot } from './expensein-snapshots.ts';

export interface BatchBadges {
  /** HR's side: when the newest run the badges read ended (what HR held then); null before any run. */
  asOf: string | null;
  /** ExpenseIn's side: when its users were read for these badges. */
  expenseInAsOf: string;
  statuses: UserBadge[];
}

const runsLookedAt = 200;
const pendingResults = new Set(['planned', 'failed', 'held']);

/**
 * Badges for a page of the Users list (PRODUCT.md 4.4 and 5): one request per render of up to 500 rows. ExpenseIn's
 * side is current: its users as read at most a few seconds ago (one read per connection, shared), so a field
 * edited in ExpenseIn shows as a pending overwrite at once. HR's side is what the last sync stored: the values it
 * last wrote or found in agreement (links.lastWritten), and the skips and conflicts of the newest full run (a dry
 * run counts: it is the freshest plan), overlaid with the resyncs and approvals that ended after it. A row is found
 * by its Reference or its email among the users read; only the items of those rows are read from the store.
 */
export async function batchBadges(
  store: Store,
  input: {
    connection: Connection;
    keys: UserKey[];
    today: IsoDate;
    snapshot: ExpenseInSnapshot;
    hashBank: (bank: BankDetails) => string;
  },
): Promise<BatchBadges> {
  const { connection } = input;
  const byReference = new Map<string, EiUser>();
  const byEmail = new Map<string, EiUser>();
  for (const user of [...input.snapshot.users].sort((a, b) => b.id - a.id)) {
    // The oldest user wins a shared Reference (R4's case) or email, as the sync's own lookups do.
    if (matchKey(user.reference)) byReference.set(matchKey(user.reference), user);
    byEmail.set(emailKey(user.email), user);
  }
  const links = await store.links.forConnection(connection.id);
  const linkByUser = new Map(links.map((link) => [link.userId, link]));
  const linkByNumber = new Map(links.map((link) => [link.employeeNumber, link]));
  const rows = input.keys.map((key) => {
    const user =
      'reference' in key ? byReference.get(matchKey(key.reference)) : byEmail.get(emailKey(key.email));
    const link =
      (user ? linkByUser.get(user.id) : undefined) ??
      ('reference' in key ? linkByNumber.get(matchKey(key.reference)) : undefined) ??
      null;
    const employeeNumber =
      link?.employeeNumber ??
      (matchKey(user?.reference ?? ('reference' in key ? key.reference : null)) || null);
    return { key, user: user ?? null, link, employeeNumber };
  });

  const runs = await runsToRead(store, connection.id);
  const items = overlay(
    runs,
    await store.runItems.forSubjects(
      runs.map((run) => run.id),
      {
        employeeNumbers: rows.flatMap((row) => (row.employeeNumber ? [row.employeeNumber] : [])),
        userIds: rows.flatMap((row) => (row.user ? [row.user.id] : [])),
        // R11 names the user holding an employee's Work Email in its details, not its subject.
        alsoCodes: ['email_in_use'],
      },
    ),
  );
  const byEmployee = groupBy(items, (item) => item.subject.employeeNumber);
  const byUser = groupBy(items, (item) => item.subject.userId);
  const byEmailHolder = groupBy(
    items.filter((item) => item.rule === 'R11'),
    (item) => (typeof item.details.userId === 'number' ? item.details.userId : null),
  );
  const pendingHeld = await store.held.list(connection.id, { status: 'pending' });
  const heldUsers = new Set(pendingHeld.map((held) => held.userId));

  const statuses = rows.map(({ key, user, link, employeeNumber }): UserBadge => {
    const userId = user?.id ?? link?.userId ?? null;
    const base = { key, userId, employeeNumber };
    const related = unique([
      ...(employeeNumber ? (byEmployee.get(employeeNumber) ?? []) : []),
      ...(userId !== null ? (byUser.get(userId) ?? []) : []),
      ...(userId !== null ? (byEmailHolder.get(userId) ?? []) : []),
    ]);
    for (const severity of ['conflict', 'skipped'] as const) {
      const blocking = related.find((item) => item.severity === severity);
      if (blocking) return { ...base, badge: severity, reason: blocking.message, rule: blocking.rule };
    }
    const edited = user && link ? editedFields(user, link, connection, input.hashBank) : [];
    if (edited.length > 0) {
      const fields = edited.map((field) => syncedFieldLabels[field]).join(', ');
      return {
        ...base,
        badge: 'pending_overwrite',
        reason: `${fields} edited in ExpenseIn since the last sync: the next sync puts Staffology's value back (R16)`,
        rule: 'R16',
      };
    }
    const pending = related.find(
      (item) => item.kind === 'action' && item.subject.userId !== null && pendingResults.has(item.result),
    );
    if (pending) return { ...base, badge: 'pending_overwrite', reason: pending.message, rule: pending.rule };
    if (userId !== null && heldUsers.has(userId)) {
      return { ...base, badge: 'pending_overwrite', reason: 'Leaver held for approval (R17)', rule: 'R17' };
    }
    const leaveDate = user ? user.leaveDate : (link?.lastWritten.leaveDate ?? null);
    if (leaveDate) {
      return {
        ...base,
        badge: leaveDate <= input.today ? 'leaver' : 'scheduled_leaver',
        reason: null,
        rule: link ? 'R12' : null,
      };
    }
    // Linked: a stored link, or a write the sync made to this user (a create whose link a crash lost is found anew).
    const linked =
      link !== null || related.some((item) => item.kind === 'action' && item.result === 'applied');
    if (linked && user && needsSetup(user)) {
      return {
        ...base,
        badge: 'needs_setup',
        reason: 'Not set up yet: assign an expense policy and an approval flow, then invite',
        rule: 'R10',
      };
    }
    if (linked) return { ...base, badge: 'linked', reason: null, rule: 'R5' };
    return { ...base, badge: 'not_in_staffology', reason: null, rule: null };
  });
  const newest = runs.reduce<Run | null>(
    (latest, run) => (latest === null || run.id > latest.id ? run : latest),
    null,
  );
  return { asOf: newest?.finishedAt ?? null, expenseInAsOf: input.snapshot.readAt, statuses };
}

/**
 * The synced fields whose current ExpenseIn value differs from what the last sync wrote or found in agreement with
 * HR: an edit made in ExpenseIn since, which the next sync overwrites (R16). Fields the sync holds no record of are
 * left out: neither side can be said to have changed.
 */
function editedFields(
  user: EiUser,
  link: Link,
  connection: Connection,
  hashBank: (bank: BankDetails) => string,
): SyncedField[] {
  if (link.userId !== user.id) return [];
  const recorded = link.lastWritten;
  const edited: SyncedField[] = [];
  if (recorded.firstName !== undefined && !sameName(user.firstName, recorded.firstName))
    edited.push('firstName');
  if (recorded.lastName !== undefined && !sameName(user.lastName, recorded.lastName)) edited.push('lastName');
  if (recorded.email !== undefined && !sameEmail(user.email, recorded.email)) edited.push('email');
  if (recorded.departmentId !== undefined && user.departmentId !== recorded.departmentId) {
    edited.push('departmentId');
  }
  if (
    connection.settings.includeBankDetails &&
    recorded.bankHash !== undefined &&
    user.bankDetails !== null &&
    hashBank(user.bankDetails) !== recorded.bankHash
  ) {
    edited.push('bankDetails');
  }
  if (recorded.leaveDate !== undefined && user.leaveDate !== recorded.leaveDate) edited.push('leaveDate');
  return edited;
}

/** The newest finished full run (dry or not) and the resyncs and approvals that ended after it, oldest first. */
async function runsToRead(store: Store, connectionId: number): Promise<Run[]> {
  const recent = await store.runs.list({ connectionId, limit: runsLookedAt });
  const finished = recent.items.filter((run) => run.status !== 'running');
  const base = finished.find((run) => !partialRunTriggers.includes(run.trigger));
  const later = finished.filter(
    (run) =>
      partialRunTriggers.includes(run.trigger) && !run.dryRun && (base === undefined || run.id > base.id),
  );
  return [...(base ? [base] : []), ...later].sort((a, b) => a.id - b.id);
}

/** Each run's items replace, subject by subject, what the runs before it said about that subject. */
function overlay(runs: Run[], items: RunItem[]): RunItem[] {
  const bySubject = new Map<string, RunItem[]>();
  for (const run of runs) {
    const groups = groupBy(
      items.filter((item) => item.runId === run.id),
      subjectKey,
    );
    for (const [subject, group] of groups) bySubject.set(subject, group);
  }
  return [...bySubject.values()].flat();
}

function subjectKey(item: RunItem): string {
  if (item.subject.employeeNumber !== null) return `employee:${item.subject.employeeNumber}`;
  if (item.subject.userId !== null) return `user:${item.subject.userId}`;
  return `item:${item.runId}:${item.seq}`;
}

function groupBy<K>(items: RunItem[], keyOf: (item: RunItem) => K | null): Map<K, RunItem[]> {
  const groups = new Map<K, RunItem[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === null) continue;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function unique(items: RunItem[]): RunItem[] {
  return [...new Map(items.map((item) => [item.id, item])).values()];
}
