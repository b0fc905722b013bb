import type { EnvConnection } from '../config/parse-env.ts';
import type { Connection, NewConnection, Store } from '../store/index.ts';
import { type ConnectionDeps, connectPair, reconnectConnection } from './change-connection.ts';
import { AccountChangedError } from './compare-account.ts';

export interface EnsuredConnection {
  connection: Connection;
  /** 'created' the first time (or when the environment points elsewhere), 'reconnected' when its keys changed. */
  change: 'created' | 'reconnected' | 'updated' | 'unchanged';
}

/**
 * The connection the environment declares (PRODUCT.md 4.1): created on first use, brought in line with the
 * environment afterwards, by the same checks as any connect or reconnect. Its identity is where it points
 * (Staffology URL and employer, ExpenseIn URL): links belong to one employer and one ExpenseIn account, so pointing
 * elsewhere disconnects the old env connection and starts a fresh one (no stale links, no false R18). New keys
 * alone count as a reconnect (the seed: "sync shortly after ... any reconnections") and must open the same account
 * (PRODUCT.md 4.3); new settings alone are an update. A disconnected env connection whose keys now open another
 * account is left as it is and a fresh connection started.
 * @throws RefusedUrlError, VendorError (a key refused), AccountChangedError, StoreConflictError (pair taken).
 */
export async function ensureEnvConnection(
  deps: ConnectionDeps,
  env: EnvConnection,
  name = 'environment',
): Promise<EnsuredConnection> {
  const { store } = deps;
  const settings = {
    includeBankDetails: env.includeBankDetails,
    ...(env.leaverGuardPercent === null ? {} : { leaverGuardPercent: env.leaverGuardPercent }),
    ...(env.leaverGuardMin === null ? {} : { leaverGuardMin: env.leaverGuardMin }),
  };
  const endpoints = {
    staffology: {
      baseUrl: env.staffologyBaseUrl,
      employerId: env.staffologyEmployerId,
      apiKey: env.staffologyApiKey,
    },
    expensein: { baseUrl: env.expenseinBaseUrl, apiKey: env.expenseinApiKey },
  };
  const envConnections = await store.connections.list({ source: 'env' });
  const existing = envConnections.find((c) => pointsWhereEnvDoes(c, env));
  const create = async (): Promise<EnsuredConnection> => {
    const request = { name, ...endpoints, settings, source: 'env' as const };
    // With no other connection to this employer and ExpenseIn URL there is no pair to tell apart, and the first
    // run proves the keys (a bad one ends that run failed, with its report); else the keys are read now.
    const others = (await store.connections.list()).filter((other) => pointsWhereEnvDoes(other, env));
    // Another process started with the same environment made its connection since the list above: that one is
    // this one (otherwise connectPair below would refuse it as a pair connected twice).
    if (others.some((other) => other.source === 'env' && !envConnections.some((c) => c.id === other.id))) {
      return ensureEnvConnection(deps, env, name);
    }
    const mayBeTaken = others.length > 0;
    const connection = mayBeTaken
      ? (await connectPair(deps, request)).connection
      : await createOnce(store, request, env);
    for (const other of envConnections) {
      if (other.status === 'connected') await store.connections.disconnect(other.id);
    }
    return { connection, change: 'created' };
  };
  if (!existing) return create();

  const credentials = await store.connections.credentials(existing.id);
  const keysChanged =
    credentials.staffologyApiKey !== env.staffologyApiKey ||
    credentials.expenseinApiKey !== env.expenseinApiKey;
  if (keysChanged || existing.status !== 'connected') {
    try {
      const { connection } = await reconnectConnection(deps, existing.id, {
        staffologyApiKey: env.staffologyApiKey,
        expenseinApiKey: env.expenseinApiKey,
        settings,
      });
      for (const other of envConnections) {
        if (other.id !== existing.id && other.status === 'connected') {
          await store.connections.disconnect(other.id);
        }
      }
      return { connection, change: 'reconnected' };
    } catch (error) {
      if (error instanceof AccountChangedError && existing.status === 'disconnected') return create();
      if (error instanceof AccountChangedError) {
        throw new AccountChangedError(
          existing.id,
          `${error.message}. STAFFOLOGY_API_KEY/EXPENSEIN_API_KEY must open the account connection ${existing.id} syncs; to sync another account, disconnect it first (staffsync disconnect --connection ${existing.id})`,
        );
      }
      throw error;
    }
  }
  const settingsChanged =
    existing.settings.includeBankDetails !== env.includeBankDetails ||
    (env.leaverGuardPercent !== null && existing.settings.leaverGuardPercent !== env.leaverGuardPercent) ||
    (env.leaverGuardMin !== null && existing.settings.leaverGuardMin !== env.leaverGuardMin);
  if (!settingsChanged) return { connection: existing, change: 'unchanged' };
  return { connection: await store.connections.update(existing.id, { settings }), change: 'updated' };
}

/**
 * Creates the environment's connection unless another process started at the same time has just done so: the check
 * and the insert are one write transaction, so processes started together share one connection (and so one run).
 */
function createOnce(store: Store, request: NewConnection, env: EnvConnection): Promise<Connection> {
  return store.transaction(async () => {
    const created = (await store.connections.list({ source: 'env' })).find((c) => pointsWhereEnvDoes(c, env));
    return created ?? store.connections.create(request);
  });
}

/** The connection points where the environment does: its identity (PRODUCT.md 4.1), whatever its keys. */
function pointsWhereEnvDoes(connection: Connection, env: EnvConnection): boolean {
  return (
    connection.staffology.baseUrl === env.staffologyBaseUrl &&
    connection.staffology.employerId === env.staffologyEmployerId &&
    connection.expensein.baseUrl === env.expenseinBaseUrl
  );
}
