import { createExpenseInClient, createStaffologyClient, type RequestEvent } from '../adapters/index.ts';
import type { Settings } from '../config/parse-env.ts';
import { type AllowedHosts, requireAllowedUrl } from '../security/allowed-hosts.ts';
import type { ClientsFor, VendorClients } from './run-deps.ts';

/** Where and as whom to reach both vendors (a connection's endpoints with its decrypted keys). */
export interface VendorEndpoints {
  staffology: { baseUrl: string; apiKey: string; employerId: string };
  expensein: { baseUrl: string; apiKey: string };
}

/**
 * Clients for endpoints that may not be stored yet (connect checks them first). Both base URLs must pass the
 * allowed-hosts rule (PRODUCT.md 4.3) before a client exists, so no request can reach another host: a connection
 * stored before the rule was narrowed is refused here too. @throws RefusedUrlError.
 */
export function clientsForEndpoints(
  endpoints: VendorEndpoints,
  http: Settings['http'],
  allowedHosts: AllowedHosts,
  options: {
    signal?: AbortSignal;
    onRequest?: (event: RequestEvent) => void;
    onStaffologyFallback?: (reason: string) => void;
  } = {},
): VendorClients {
  requireAllowedUrl(endpoints.staffology.baseUrl, allowedHosts, 'staffology.baseUrl');
  requireAllowedUrl(endpoints.expensein.baseUrl, allowedHosts, 'expensein.baseUrl');
  const shared = {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onRequest ? { onRequest: options.onRequest } : {}),
  };
  return {
    staffology: createStaffologyClient({
      ...endpoints.staffology,
      http: http.staffology,
      ...shared,
      ...(options.onStaffologyFallback ? { onFallback: options.onStaffologyFallback } : {}),
    }),
    expensein: createExpenseInClient({ ...endpoints.expensein, http: http.expensein, ...shared }),
  };
}

/** The production `clientsFor`: base URLs and decrypted keys from the connection, pacing from the environment. */
export function createVendorClients(http: Settings['http'], allowedHosts: AllowedHosts): ClientsFor {
  return (connection, credentials, options) =>
    clientsForEndpoints(
      {
        staffology: {
          baseUrl: connection.staffology.baseUrl,
          apiKey: credentials.staffologyApiKey,
          employerId: connection.staffology.employerId,
        },
        expensein: { baseUrl: connection.expensein.baseUrl, apiKey: credentials.expenseinApiKey },
      },
      http,
      allowedHosts,
      options,
    );
}
