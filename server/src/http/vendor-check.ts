import type { ConnectRequest } from '@staffsync/shared';
import { defaultSyncSettings } from '@staffsync/shared';
import { isVendorError, vendorNames } from '../adapters/index.ts';
import type { VendorClients } from '../run/run-deps.ts';
import { type VerifiedConnection, verifyConnection } from '../run/verify-connection.ts';
import type { Connection, ConnectionCredentials } from '../store/index.ts';
import { ApiException } from './api-exception.ts';
import type { AppDeps } from './app-deps.ts';

export const defaultVendorCheckMs = 15_000;

/**
 * Clients for a connection's vendors whose every request gives up after `timeoutMs`: a health check or a connect
 * answers an administrator waiting in the popup, so it cannot sit through a run's full retry budget.
 */
export async function withVendorClients<T>(
  deps: AppDeps,
  connection: Connection,
  credentials: ConnectionCredentials,
  use: (clients: VendorClients, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const stop = new AbortController();
  const timeoutMs = deps.healthTimeoutMs ?? defaultVendorCheckMs;
  const timer = setTimeout(
    () => stop.abort(new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`)),
    timeoutMs,
  );
  try {
    return await use(deps.clientsFor(connection, credentials, { signal: stop.signal }), stop.signal);
  } finally {
    clearTimeout(timer);
    stop.abort();
  }
}

/** A connection not stored yet, to build clients for the endpoints a connect request names. */
export function draftConnection(request: ConnectRequest, now: string): Connection {
  return {
    id: 0,
    name: request.name ?? '',
    staffology: { baseUrl: request.staffology.baseUrl, employerId: request.staffology.employerId },
    expensein: { baseUrl: request.expensein.baseUrl },
    settings: { ...defaultSyncSettings, includeBankDetails: request.includeBankDetails },
    alertWebhookUrl: null,
    source: 'api',
    status: 'connected',
    createdAt: now,
    connectedAt: now,
    reconnectedAt: null,
    disconnectedAt: null,
    lastScheduledRunAt: null,
  };
}

/**
 * Proves both keys (and the employer) before a connection is stored or changed, as the CLI's connect does
 * (run/verify-connection.ts): a wrong key is a 400 naming the request field to correct, not a failed first run.
 */
export async function verifyCredentials(
  deps: AppDeps,
  connection: Connection,
  credentials: ConnectionCredentials,
): Promise<VerifiedConnection> {
  try {
    return await withVendorClients(deps, connection, credentials, (clients) => verifyConnection(clients));
  } catch (error) {
    if (isVendorError(error)) {
      const vendor = vendorNames[error.vendor];
      if (error.kind === 'auth' || error.kind === 'forbidden') {
        const refused =
          error.kind === 'auth' ? 'rejected the API key (401)' : 'refused the API key access (403)';
        throw new ApiException('bad_request', `${vendor} ${refused}`, { field: `${error.vendor}.apiKey` });
      }
      if (error.vendor === 'staffology' && error.kind === 'not_found') {
        throw new ApiException(
          'bad_request',
          `Staffology has no employer "${connection.staffology.employerId}" for this key`,
          {
            field: 'staffology.employerId',
          },
        );
      }
      throw error;
    }
    throw new ApiException('vendor_error', `Could not check the credentials: ${describe(error)}`);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
