import type { BankDetails, EiUser, UserKey, UserStatus } from '@staffsync/shared';
import { toApiRunSummary } from '../http/to-api.ts';
import type { RunDeps } from '../run/run-deps.ts';
import { todayUtc } from '../run/run-sync.ts';
import { hashBank, type Store, StoreConflictError } from '../store/index.ts';
import { driftOf } from '../sync/compute-drift.ts';
import { cleanText, matchKey } from '../sync/normalise.ts';
import { decideBadge } from './decide-badge.ts';
import { planOneEmployee } from './plan-one-employee.ts';
import {
  employeeNumberOf,
  findUsers,
  readEmployee,
  readExpenseIn,
  readOtherHolders,
} from './read-vendors.ts';
import { UserNotFoundError } from './user-not-found-error.ts';

const recentChangesShown = 10;

/**
 * One user's full status from fresh vendor reads (PRODUCT.md 4.3, for the Edit User panel): link, last and next
 * sync, the pending overwrites with why (drift), the changes sync made to the user recently with the values they
 * replaced, and the outcomes planning the user's employee gives now. Reads only: nothing is written anywhere.
 */
export async function getUserStatus(
  deps: RunDeps,
  input: { connectionId: number; key: UserKey; nextSyncAt: string | null },
): Promise<UserStatus> {
  const { store } = deps;
  const connection = store.connections.require(input.connectionId);
  if (connection.status !== 'connected') {
    throw new StoreConflictError(
      `connection ${connection.id} is disconnected: reconnect it to read user status`,
    );
  }
  const stop = new AbortController();
  try {
    const clients = deps.clientsFor(connection, store.connections.credentials(connection.id), {
      signal: stop.signal,
    });
    const expensein = await readExpenseIn(clients.expensein);
    const [user, ...others] = findUsers(expensein.users, input.key);
    if (!user) throw new UserNotFoundError(input.key);
    const now = deps.clock();
    const today = todayUtc(now);
    const userLink = store.links.get(connection.id, { userId: user.id });
    const employeeNumber = employeeNumberOf(user, userLink);
    const readOptions = { includeBankDetails: connection.settings.includeBankDetails };
    const found =
      employeeNumber === null ? null : await readEmployee(clients.staffology, employeeNumber, readOptions);
    // R3 as a full run sees it (plan-one-employee.ts), so the status never promises what the sync will skip.
    const hr =
      found && found.sourceIds.length > 0
        ? await readOtherHolders(clients.staffology, found, readOptions)
        : found;
    const link = employeeNumber === null ? null : store.links.get(connection.id, { employeeNumber });
    const settings = connection.settings;
    const bankHash = (bank: BankDetails) => hashBank(store.bankHashKey, bank);
    const plan = hr
      ? planOneEmployee({
          employeeNumber: hr.employeeNumber,
          employees: hr.employees,
          invalidRecords: [...hr.invalidRecords, ...expensein.invalidUsers],
          users: expensein.users,
          departments: expensein.departments,
          link,
          settings,
          today,
          hashBank: bankHash,
        })
      : null;
    const [employee] = hr?.employees ?? [];
    // Drift is what the sync would do to the user (sync/compute-drift.ts), so it comes from this same plan.
    const action = [...(plan?.actions ?? []), ...(plan?.held ?? [])].find(
      (candidate) => candidate.userId === user.id,
    );
    const pendingOverwrites = action ? driftOf(action, user, link, bankHash) : [];
    const linked = employee !== undefined && others.length === 0 && holdsReference(user, employeeNumber);
    const outcomes = plan?.outcomes ?? [];
    const badge = decideBadge({ outcomes, pendingOverwrites, user, linked, today });
    const history = store.runItems.forUser(connection.id, { userId: user.id }, { limit: 100 });
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
      lastSync: lastSyncOf(store, connection.id, history),
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
function lastSyncOf(
  store: Store,
  connectionId: number,
  history: ReturnType<Store['runItems']['forUser']>,
): UserStatus['lastSync'] {
  const full = store.runs.lastFull(connectionId);
  const resync = history.find((item) => item.run.trigger === 'single-user' && !item.run.dryRun);
  const single = resync ? store.runs.get(resync.runId) : null;
  const newest = single && (!full || single.id > full.id) ? single : full;
  return newest ? toApiRunSummary(newest) : null;
}
