import { createHash } from 'node:crypto';
import { withoutTrailingSlash } from '@staffsync/shared';
import {
  createExpenseInClient,
  createRequestLimiter,
  createStaffologyClient,
  type RequestEvent,
  type RequestLimiter,
  resolveHttpSettings,
} from '../adapters/index.ts';
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
    /** The limiters of each vendor account, shared by every client of the process (createVendorClients). */
    limiters?: VendorLimiters;
  } = {},
): VendorClients {
  requireAllowedUrl(endpoints.staffology.baseUrl, allowedHosts, 'staffology.baseUrl');
  requireAllowedUrl(endpoints.expensein.baseUrl, allowedHosts, 'expensein.baseUrl');
  const shared = {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onRequest ? { onRequest: options.onRequest } : {}),
  };
  const limiter = (vendor: 'staffology' | 'expensein', baseUrl: string, apiKey: string) =>
    options.limiters ? { limiter: options.limiters.for(vendor, baseUrl, apiKey, http[vendor]) } : {};
  return {
    staffology: createStaffologyClient({
      ...endpoints.staffology,
      http: http.staffology,
      ...shared,
      ...limiter('staffology', endpoints.staffology.baseUrl, endpoints.staffology.apiKey),
      ...(options.onStaffologyFallback ? { onFallback: options.onStaffologyFallback } : {}),
    }),
    expensein: createExpenseInClient({
      ...endpoints.expensein,
      http: http.expensein,
      ...shared,
      ...limiter('expensein', endpoints.expensein.baseUrl, endpoints.expensein.apiKey),
    }),
  };
}

/** One request limiter per vendor account (vendor, base URL, key), made on first use. */
export interface VendorLimiters {
  for(
    vendor: 'staffology' | 'expensein',
    baseUrl: string,
    apiKey: string,
    http: Settings['http']['staffology'],
  ): RequestLimiter;
}

/**
 * PRODUCT.md 3: one limiter per vendor account, shared by every request of the process: the scheduler's run, a
 * resync and a status read of the same account draw on one budget, so together they stay below the vendor's limit.
 * Keyed by a hash of the key, never the key itself.
 */
export function createVendorLimiters(): VendorLimiters {
  const limiters = new Map<string, RequestLimiter>();
  return {
    for(vendor, baseUrl, apiKey, http) {
      const account = `${vendor}|${withoutTrailingSlash(baseUrl)}|${createHash('sha256').update(apiKey).digest('hex')}`;
      const known = limiters.get(account);
      if (known) return known;
      const limiter = createRequestLimiter(resolveHttpSettings(http));
      limiters.set(account, limiter);
      return limiter;
    },
  };
}

/**
 * The production `clientsFor`: base URLs and decrypted keys from the connection, pacing from the environment, one
 * limiter per vendor account for every client it makes (call it once per process).
 */
export function createVendorClients(http: Settings['http'], allowedHosts: AllowedHosts): ClientsFor {
  const limiters = createVendorLimiters();
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
      { ...options, limiters },
    );
}
