import { defaultSyncSettings, type SyncSettings, withoutTrailingSlash } from '@staffsync/shared';
import { isVendorError } from '../adapters/index.ts';
import { type AllowedHosts, requireAllowedUrl } from '../security/allowed-hosts.ts';
import {
  type Connection,
  type ConnectionCredentials,
  type ConnectionSource,
  type Store,
  StoreConflictError,
} from '../store/index.ts';
import { AccountChangedError, compareAccount } from './compare-account.ts';
import type { ClientsFor } from './run-deps.ts';
import { type VerifiedConnection, verifyConnection } from './verify-connection.ts';

/** What connecting and reconnecting need: the store, how to reach vendors, where requests may go. */
export interface ConnectionDeps {
  store: Store;
  clientsFor: ClientsFor;
  allowedHosts: AllowedHosts;
  clock: () => Date;
}

export interface ConnectRequest {
  name?: string | undefined;
  staffology: { baseUrl: string; employerId: string; apiKey: string };
  expensein: { baseUrl: string; apiKey: string };
  settings?: Partial<SyncSettings>;
  alertWebhookUrl?: string | null;
  source: ConnectionSource;
}

export interface ReconnectRequest {
  staffologyApiKey?: string | undefined;
  expenseinApiKey?: string | undefined;
  staffologyBaseUrl?: string | undefined;
  expenseinBaseUrl?: string | undefined;
  employerId?: string | undefined;
  name?: string | undefined;
  settings?: Partial<SyncSettings>;
}

export interface ChangedConnection {
  connection: Connection;
  employerName: string | null;
}

/** `signal` bounds the vendor reads (an administrator is waiting). */
type Options = { signal?: AbortSignal };

/**
 * Connects a Staffology employer to an ExpenseIn account (the seed's set-up step 2): both URLs pass the allowed-hosts
 * rule before any request, both keys are proved by a read, and the pair must not be connected already
 * (PRODUCT.md 4.2: one connection per employer and ExpenseIn account). Nothing is stored unless all of that holds.
 * @throws RefusedUrlError, VendorError (a key refused), StoreConflictError (the pair is connected already).
 */
export async function connectPair(
  deps: ConnectionDeps,
  asked: ConnectRequest,
  options: Options = {},
): Promise<ChangedConnection> {
  const { store } = deps;
  // Base URLs kept and compared without trailing slashes, whoever asks (API, CLI, connections file, environment).
  const request: ConnectRequest = {
    ...asked,
    staffology: { ...asked.staffology, baseUrl: withoutTrailingSlash(asked.staffology.baseUrl) },
    expensein: { ...asked.expensein, baseUrl: withoutTrailingSlash(asked.expensein.baseUrl) },
  };
  requireAllowedUrl(request.staffology.baseUrl, deps.allowedHosts, 'staffology.baseUrl');
  requireAllowedUrl(request.expensein.baseUrl, deps.allowedHosts, 'expensein.baseUrl');
  if (request.alertWebhookUrl)
    requireAllowedUrl(request.alertWebhookUrl, deps.allowedHosts, 'alertWebhookUrl');
  const draft = draftConnection(request, deps.clock().toISOString());
  const verified = await verifyConnection(
    deps.clientsFor(
      draft,
      credentialsOf(request),
      options.signal ? { signal: options.signal } : { signal: never() },
    ),
  );
  const candidates = (await store.connections.list()).filter(
    (other) =>
      other.staffology.employerId === request.staffology.employerId &&
      other.staffology.baseUrl === request.staffology.baseUrl &&
      other.expensein.baseUrl === request.expensein.baseUrl,
  );
  let samePair: Connection | undefined;
  for (const other of candidates) {
    const account = {
      links: await store.links.forConnection(other.id),
      userSample: other.expenseinUserSample,
    };
    if (compareAccount(account, verified.users).same) {
      samePair = other;
      break;
    }
  }
  if (samePair) {
    throw new StoreConflictError(
      `this Staffology employer and ExpenseIn account are already connection ${samePair.id} ("${samePair.name}", ${samePair.status}): reconnect it instead of connecting them twice`,
    );
  }
  const connection = await store.connections.create({
    name: request.name ?? verified.employerName ?? `Staffology employer ${request.staffology.employerId}`,
    staffology: request.staffology,
    expensein: request.expensein,
    settings: request.settings ?? {},
    alertWebhookUrl: request.alertWebhookUrl ?? null,
    source: request.source,
  });
  await store.connections.recordUserSample(
    connection.id,
    verified.users.map((user) => user.id),
  );
  return { connection, employerName: verified.employerName };
}

/**
 * New keys (or settings) for a connection, connected again. New keys must open the same employer and the same
 * ExpenseIn account (PRODUCT.md 4.3: reconnect cannot move a connection): else AccountChangedError, nothing stored.
 * The stored URLs are checked against today's allowed hosts too.
 * @throws RefusedUrlError, VendorError, AccountChangedError, StoreNotFoundError.
 */
export async function reconnectConnection(
  deps: ConnectionDeps,
  id: number,
  request: ReconnectRequest,
  options: Options = {},
): Promise<ChangedConnection> {
  const { store } = deps;
  const existing = await store.connections.require(id);
  const verified = await verifyAccount(deps, existing, request, options);
  const stored = await store.connections.credentials(id);
  const connection = await store.connections.reconnect(id, {
    ...(request.name === undefined ? {} : { name: request.name }),
    staffology: {
      ...(request.staffologyBaseUrl === undefined ? {} : { baseUrl: request.staffologyBaseUrl }),
      ...(request.staffologyApiKey && request.staffologyApiKey !== stored.staffologyApiKey
        ? { apiKey: request.staffologyApiKey }
        : {}),
    },
    expensein: {
      ...(request.expenseinBaseUrl === undefined ? {} : { baseUrl: request.expenseinBaseUrl }),
      ...(request.expenseinApiKey && request.expenseinApiKey !== stored.expenseinApiKey
        ? { apiKey: request.expenseinApiKey }
        : {}),
    },
    ...(request.settings ? { settings: request.settings } : {}),
  });
  await store.connections.recordUserSample(
    id,
    verified.users.map((user) => user.id),
  );
  return { connection, employerName: verified.employerName };
}

/**
 * Reads with the keys (and URLs) a reconnect would store, and refuses them when they open another employer or
 * another ExpenseIn account than the connection's. Reads only.
 */
export async function verifyAccount(
  deps: ConnectionDeps,
  existing: Connection,
  request: ReconnectRequest,
  options: Options = {},
): Promise<VerifiedConnection> {
  const { store } = deps;
  if (request.employerId !== undefined && request.employerId !== existing.staffology.employerId) {
    throw new AccountChangedError(
      existing.id,
      `connection ${existing.id} syncs Staffology employer ${existing.staffology.employerId}; another employer is another connection: connect it instead`,
    );
  }
  const staffologyBaseUrl = withoutTrailingSlash(request.staffologyBaseUrl ?? existing.staffology.baseUrl);
  const expenseinBaseUrl = withoutTrailingSlash(request.expenseinBaseUrl ?? existing.expensein.baseUrl);
  requireAllowedUrl(staffologyBaseUrl, deps.allowedHosts, 'staffology.baseUrl');
  requireAllowedUrl(expenseinBaseUrl, deps.allowedHosts, 'expensein.baseUrl');
  const stored = await store.connections.credentials(existing.id);
  const target: Connection = {
    ...existing,
    staffology: { ...existing.staffology, baseUrl: staffologyBaseUrl },
    expensein: { baseUrl: expenseinBaseUrl },
  };
  const credentials: ConnectionCredentials = {
    staffologyApiKey: request.staffologyApiKey || stored.staffologyApiKey,
    expenseinApiKey: request.expenseinApiKey || stored.expenseinApiKey,
  };
  let verified: VerifiedConnection;
  try {
    verified = await verifyConnection(
      deps.clientsFor(target, credentials, options.signal ? { signal: options.signal } : { signal: never() }),
    );
  } catch (error) {
    // A key that reads Staffology but not this employer belongs to another employer's account.
    if (
      isVendorError(error) &&
      error.vendor === 'staffology' &&
      ['not_found', 'forbidden'].includes(error.kind)
    ) {
      throw new AccountChangedError(
        existing.id,
        `the Staffology key does not open employer ${existing.staffology.employerId}, which connection ${existing.id} syncs: nothing was changed`,
      );
    }
    throw error;
  }
  const comparison = compareAccount(
    { links: await store.links.forConnection(existing.id), userSample: existing.expenseinUserSample },
    verified.users,
  );
  if (!comparison.same) {
    const evidence = comparison.basis === 'links' ? 'linked users' : 'users it last read';
    throw new AccountChangedError(
      existing.id,
      `the ExpenseIn key opens another account: ${comparison.matched} of ${comparison.compared} ${evidence} of connection ${existing.id} are there with the same ids${comparison.basis === 'links' ? ' and references' : ''}; nothing was changed (to sync another account, connect it as a new connection)`,
    );
  }
  return verified;
}

/** A connection not stored yet, to build clients for the endpoints a connect request names. */
export function draftConnection(request: ConnectRequest, now: string): Connection {
  return {
    id: 0,
    name: request.name ?? '',
    staffology: { baseUrl: request.staffology.baseUrl, employerId: request.staffology.employerId },
    expensein: { baseUrl: request.expensein.baseUrl },
    settings: { ...defaultSyncSettings, ...request.settings },
    alertWebhookUrl: null,
    syncEveryMinutes: null,
    source: request.source,
    status: 'connected',
    createdAt: now,
    connectedAt: now,
    reconnectedAt: null,
    disconnectedAt: null,
    lastScheduledRunAt: null,
    expenseinUserSample: [],
  };
}

function credentialsOf(request: ConnectRequest): ConnectionCredentials {
  return { staffologyApiKey: request.staffology.apiKey, expenseinApiKey: request.expensein.apiKey };
}

/** A signal that never aborts, for callers that bound nothing. */
function never(): AbortSignal {
  return new AbortController().signal;
}
