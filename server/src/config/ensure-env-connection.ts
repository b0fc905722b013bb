import type { Connection, Store } from '../store/index.ts';
import type { EnvConnection } from './parse-env.ts';

export interface EnsuredConnection {
  connection: Connection;
  /** 'created' the first time, 'reconnected' when the environment changed credentials or endpoints. */
  change: 'created' | 'reconnected' | 'updated' | 'unchanged';
}

/**
 * The connection the environment declares (PRODUCT.md 4.1), kept as the one connection with source 'env': created
 * on first use, brought in line with the environment afterwards. New keys, URLs or employer count as a reconnect
 * (the seed: "sync shortly after ... any reconnections"); new settings alone are an update.
 */
export function ensureEnvConnection(
  store: Store,
  env: EnvConnection,
  name = 'environment',
): EnsuredConnection {
  const settings = {
    includeBankDetails: env.includeBankDetails,
    ...(env.leaverGuardPercent === null ? {} : { leaverGuardPercent: env.leaverGuardPercent }),
    ...(env.leaverGuardMin === null ? {} : { leaverGuardMin: env.leaverGuardMin }),
  };
  const [existing] = store.connections.list({ source: 'env' });
  if (!existing) {
    const connection = store.connections.create({
      name,
      staffology: {
        baseUrl: env.staffologyBaseUrl,
        employerId: env.staffologyEmployerId,
        apiKey: env.staffologyApiKey,
      },
      expensein: { baseUrl: env.expenseinBaseUrl, apiKey: env.expenseinApiKey },
      settings,
      source: 'env',
    });
    return { connection, change: 'created' };
  }

  const credentials = store.connections.credentials(existing.id);
  const endpointsChanged =
    existing.staffology.baseUrl !== env.staffologyBaseUrl ||
    existing.staffology.employerId !== env.staffologyEmployerId ||
    existing.expensein.baseUrl !== env.expenseinBaseUrl ||
    credentials.staffologyApiKey !== env.staffologyApiKey ||
    credentials.expenseinApiKey !== env.expenseinApiKey;
  const patch = {
    staffology: {
      baseUrl: env.staffologyBaseUrl,
      employerId: env.staffologyEmployerId,
      apiKey: env.staffologyApiKey,
    },
    expensein: { baseUrl: env.expenseinBaseUrl, apiKey: env.expenseinApiKey },
    settings,
  };
  if (endpointsChanged || existing.status !== 'connected') {
    return { connection: store.connections.reconnect(existing.id, patch), change: 'reconnected' };
  }
  const settingsChanged =
    existing.settings.includeBankDetails !== env.includeBankDetails ||
    (env.leaverGuardPercent !== null && existing.settings.leaverGuardPercent !== env.leaverGuardPercent) ||
    (env.leaverGuardMin !== null && existing.settings.leaverGuardMin !== env.leaverGuardMin);
  if (!settingsChanged) return { connection: existing, change: 'unchanged' };
  return { connection: store.connections.update(existing.id, { settings }), change: 'updated' };
}
