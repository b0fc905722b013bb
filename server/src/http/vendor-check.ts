import { isVendorError, vendorNames } from '../adapters/index.ts';
import { AccountChangedError } from '../run/compare-account.ts';
import type { VendorClients } from '../run/run-deps.ts';
import { RefusedUrlError } from '../security/allowed-hosts.ts';
import {
  type Connection,
  type ConnectionCredentials,
  StoreConflictError,
  StoreNotFoundError,
} from '../store/index.ts';
import { ApiException } from './api-exception.ts';
import type { AppDeps } from './app-deps.ts';

export const defaultVendorCheckMs = 15_000;

/**
 * Runs `work` with a signal that gives up after the API's vendor-check time: a health check or a connect answers an
 * administrator waiting in the popup, so it cannot sit through a run's full retry budget.
 */
export async function withVendorTimeout<T>(
  deps: AppDeps,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const stop = new AbortController();
  const timeoutMs = deps.healthTimeoutMs ?? defaultVendorCheckMs;
  const timer = setTimeout(
    () => stop.abort(new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`)),
    timeoutMs,
  );
  try {
    return await work(stop.signal);
  } finally {
    clearTimeout(timer);
    stop.abort();
  }
}

/** A connection's clients, within the API's vendor-check time (withVendorTimeout). */
export async function withVendorClients<T>(
  deps: AppDeps,
  connection: Connection,
  credentials: ConnectionCredentials,
  use: (clients: VendorClients, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  return withVendorTimeout(deps, (signal) =>
    use(deps.clientsFor(connection, credentials, { signal }), signal),
  );
}

/**
 * A vendor's refusal of a connect or reconnect check, as the request field to correct (400): a wrong key, an
 * employer the key does not see. Anything else (unreachable, 5xx) is a 502 that says only what failed: a vendor's
 * own error text is not echoed back to the caller.
 */
export function asCheckError(error: unknown, employerId: string): unknown {
  if (!isVendorError(error)) {
    const answered = [
      RefusedUrlError,
      AccountChangedError,
      StoreConflictError,
      StoreNotFoundError,
      ApiException,
    ];
    if (answered.some((kind) => error instanceof kind)) return error;
    return new ApiException('vendor_error', `Could not check the credentials: ${describe(error)}`);
  }
  const vendor = vendorNames[error.vendor];
  if (error.kind === 'auth' || error.kind === 'forbidden') {
    const refused = error.kind === 'auth' ? 'rejected the API key (401)' : 'refused the API key access (403)';
    return new ApiException('bad_request', `${vendor} ${refused}`, { field: `${error.vendor}.apiKey` });
  }
  if (error.vendor === 'staffology' && error.kind === 'not_found') {
    return new ApiException('bad_request', `Staffology has no employer "${employerId}" for this key`, {
      field: 'staffology.employerId',
    });
  }
  const status = error.status === null ? error.kind : `HTTP ${error.status} (${error.kind})`;
  return new ApiException('vendor_error', `Could not check the credentials: ${vendor} answered ${status}`);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
