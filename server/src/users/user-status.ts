import type { BankDetails, EiUser, UserKey, UserStatus } from '@staffsync/shared';
import { hashBank } from '../run/hash-bank.ts';
import type { RunDeps } from '../run/run-deps.ts';
import { toApiRunSummary } from '../run/run-summary.ts';
import { previewScope, todayUtc } from '../run/sync-in-session.ts';
import { type Store, StoreConflictError, type UserRunItem } from '../store/index.ts';
import { driftOf } from '../sync/drift-of.ts';
import { cleanText, matchKey } from '../sync/normalise.ts';
import { decideBadge } from './decide-badge.ts';

const recentChangesShown = 10;

/**
 * One user's full status from fresh vendor reads (PRODUCT.md 4.4, for the Edit User panel): link, last and next
 * sync, the pending overwrites with why (drift), the changes sync made to the user recently with the values they
 * replaced, and the outcomes planning the user's employee gives now. The run engine's own read and plan of that one
 * user (run/sync-in-session.ts previewScope): the users, the departments, a payroll-code search and one employee
 * read. Reads only: nothing is written anywhere.
 * @throws UserNotFoundError, StoreConflictError (disconnected).
 */
export async function getUserStatus(
  deps: RunDeps,
  input: { connectionId: number; key: UserKey; nextSyncAt: string | null },
): Promise<UserStatus> {
  const { store } = deps;
  const connection = await store.connections.require(input.connectionId);
  if (connection.status !== 'connected') {
    throw new StoreConflictError(
      `connection ${connection.id} is disconnected: reconnect it to read user status`,
    );
  }
  const stop = new AbortController();
  try {
    const clients = deps.clientsFor(connection, await store.connections.credentials(connection.id), {
      signal: stop.signal,
    });
    const { input: read, plan } = await previewScope(
      deps,
      { clients, connection },
      { kind: 'user', key: input.key },
    );
    const found = read.user;
    if (!found) throw new Error('a user scope read no user');
    const { user, employeeNumber } = found;
    const now = deps.clock();
    const today = todayUtc(now);
    const link = employeeNumber === null ? null : await store.links.get(connection.id, { employeeNumber });
    const bankHash = (bank: BankDetails) => hashBank(store.bankHashKey, bank);
    const [employee] = read.employees;
    // Drift is what the sync would do to the user (sync/drift-of.ts), so it comes from this same plan.
    const action = [...plan.actions, ...plan.held].find((candidate) => candidate.userId === user.id);
    const pendingOverwrites = action ? driftOf(action, user, link, bankHash) : [];
    const sharing = read.users.filter(
      (other) => other.id !== user.id && matchKey(other.reference) === employeeNumber,
    );
    const linked = employee !== undefined && sharing.length === 0 && holdsReference(user, employeeNumber);
    const outcomes = plan.outcomes;
    const badge = decideBadge({ outcomes, pendingOverwrites, user, linked, today });
    const history = await store.runItems.forUser(connection.id, { userId: user.id }, { limit: 100 });
    return {
      asOf: now.toISOString(),
      badge: badge.badge,
      user: {
        id: user.id,
        name: cleanText(`${user.firstName} ${user.lastName}`),
        email: user.email,
        reference: user.reference,
        leaveDate: user.leaveDate,
      },
      link: {
        linked,
        employeeNumber,
        employeeName: employee
          ? cleanText(`${employee.knownAs ?? ''} ${employee.surname ?? ''}`) || null
          : null,
      },
      lastSync: await lastSyncOf(store, connection.id, history),
      nextSyncAt: input.nextSyncAt,
      pendingOverwrites,
      recentChanges: history
        .filter((item) => item.kind === 'action' && item.result === 'applied' && item.changes.length > 0)
        .slice(0, recentChangesShown)
        .map((item) => ({ runId: item.runId, at: item.at, rule: item.rule, changes: item.changes })),
      outcomes,
    };
  } finally {
    stop.abort();
  }
}

function holdsReference(user: EiUser, employeeNumber: string | null): boolean {
  return employeeNumber !== null && matchKey(user.reference) === employeeNumber;
}

/** The newest run that synced this user: the last full run, or a later resync of the user. */
async function lastSyncOf(
  store: Store,
  connectionId: number,
  history: UserRunItem[],
): Promise<UserStatus['lastSync']> {
  const full = await store.runs.lastFull(connectionId);
  const resync = history.find((item) => item.run.trigger === 'single-user' && !item.run.dryRun);
  const single = resync ? await store.runs.get(resync.runId) : null;
  const newest = single && (!full || single.id > full.id) ? single : full;
  return newest ? toApiRunSummary(newest) : null;
}
