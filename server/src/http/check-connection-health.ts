import type { ConnectionHealth } from '@staffsync/shared';
import { isVendorError, type VendorErrorKind } from '../adapters/index.ts';
import { toApiRunSummary } from '../run/run-summary.ts';
import { nextSyncAt } from '../run/schedule-input.ts';
import type { Connection } from '../store/index.ts';
import type { AppDeps } from './app-deps.ts';
import { toApiConnection } from './to-api.ts';
import { withVendorClients } from './vendor-check.ts';

type CredentialState = ConnectionHealth['credentials']['staffology'];

/**
 * A connection's health for the popup (PRODUCT.md 5): its last run, its next run, whether each key works (one cheap
 * call each: the employer, ExpenseIn's settings), ExpenseIn's "User references must be unique" setting, and what an
 * administrator should do about what is wrong. Never its credentials.
 */
export async function checkConnectionHealth(
  deps: AppDeps,
  connection: Connection,
): Promise<ConnectionHealth> {
  const { store } = deps;
  const credentials = await store.connections.credentials(connection.id);
  const checked = await withVendorClients(deps, connection, credentials, async (clients) => {
    const [staffology, expensein] = await Promise.all([
      clients.staffology.getEmployer().then(
        () => 'ok' as const,
        (error: unknown) => stateOf(error),
      ),
      clients.expensein.getSettings().then(
        (settings) => ({ state: 'ok' as const, unique: settings.userReferencesMustBeUnique }),
        async (error: unknown) => {
          // The settings route is this product's model of ExpenseIn (PRODUCT.md 3.2): without it, prove the key
          // with the departments instead.
          if (!isVendorError(error, 'not_found')) return { state: stateOf(error), unique: null };
          return clients.expensein.listDepartments().then(
            () => ({ state: 'ok' as const, unique: null }),
            (again: unknown) => ({ state: stateOf(again), unique: null }),
          );
        },
      ),
    ]);
    return { staffology, expensein };
  });

  const [lastRun = null] = (await store.runs.list({ connectionId: connection.id, dryRun: false, limit: 1 }))
    .items;
  const heldLeavers = (await store.held.list(connection.id, { status: 'pending' })).length;
  const advice: string[] = [];
  if (connection.status === 'disconnected')
    advice.push('The connection is disconnected: reconnect it to sync again');
  advice.push(...credentialAdvice('Staffology', checked.staffology));
  advice.push(...credentialAdvice('ExpenseIn', checked.expensein.state));
  if (checked.expensein.unique === false) {
    advice.push(
      'Turn on "User references must be unique" in ExpenseIn (Account tab), so two users can never hold the same Employee Number (R4)',
    );
  }
  if (heldLeavers > 0) {
    advice.push(
      `${heldLeavers} leaver${heldLeavers === 1 ? ' is' : 's are'} held for approval (R17): approve or reject them`,
    );
  }
  if (lastRun?.status === 'failed' && lastRun.error) advice.push(`The last run failed: ${lastRun.error}`);
  return {
    connection: toApiConnection(connection),
    lastRun: lastRun ? toApiRunSummary(lastRun) : null,
    nextRunAt: await nextSyncAt(store, connection, deps.clock(), deps.defaultSyncEveryMinutes ?? null),
    credentials: { staffology: checked.staffology, expensein: checked.expensein.state },
    userReferencesMustBeUnique: checked.expensein.unique,
    advice,
  };
}

const stateOfKind: Partial<Record<VendorErrorKind, CredentialState>> = {
  auth: 'invalid',
  // Staffology answers 404 for an employer the key cannot see: the stored employer and key do not go together.
  not_found: 'invalid',
  forbidden: 'forbidden',
};

/** A vendor refusal as a credential state: also the set-up check's (check-setup.ts). */
export function stateOf(error: unknown): CredentialState {
  return (isVendorError(error) ? stateOfKind[error.kind] : undefined) ?? 'unreachable';
}

function credentialAdvice(vendor: string, state: CredentialState): string[] {
  switch (state) {
    case 'ok':
      return [];
    case 'invalid':
      return [
        `${vendor} rejected the API key${vendor === 'Staffology' ? ' or the employer' : ''}: reconnect with a valid key`,
      ];
    case 'forbidden':
      return [
        `The ${vendor} API key lacks a permission it needs${vendor === 'ExpenseIn' ? ' (Account Administrator)' : ''}`,
      ];
    case 'unreachable':
      return [`${vendor} could not be reached: check its base URL and the network`];
  }
}
