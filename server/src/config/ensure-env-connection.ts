import type { Connection, Store } from '../store/index.ts';
import type { EnvConnection } from './parse-env.ts';

export interface EnsuredConnection {
  connection: Connection;
  /** 'created' the first time (or when the environment points elsewhere), 'reconnected' when its keys changed. */
  change: 'created' | 'reconnected' | 'updated' | 'unchanged';
}

/**
 * The connection the environment declares (PRODUCT.md 4.1): created on first use, brought in line with the
 * environment afterwards. Its identity is where it points (Staffology URL and employer, ExpenseIn URL): links
 * belong to one employer and one ExpenseIn account, so pointing elsewhere disconnects the old env connection and
 * starts a fresh one (no stale links, no false R18). New keys alone count as a reconnect (the seed: "sync shortly
 * after ... any reconnections"); new settings alone are an update.
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
  const endpoints = {
    staffology: {
      baseUrl: env.staffologyBaseUrl,
      employerId: env.staffologyEmployerId,
      apiKey: env.staffologyApiKey,
    },
    expensein: { baseUrl: env.expenseinBaseUrl, apiKey: env.expenseinApiKey },
  };
  const envConnections = store.connections.list({ source: 'env' });
  const existing = envConnections.find(
    (c) =>
      c.staffology.baseUrl === env.staffologyBaseUrl &&
      c.staffology.employerId === env.staffologyEmployerId &&
      c.expensein.baseUrl === env.expenseinBaseUrl,
  );
  for (const other of envConnections) {
    if (other !== existing && other.status === 'connected') store.connections.disconnect(other.id);
  }
  if (!existing) {
    const connection = store.connections.create({ name, ...endpoints, settings, source: 'env' });
    return { connection, change: 'created' };
  }

  const credentials = store.connections.credentials(existing.id);
  const keysChanged =
    credentials.staffologyApiKey !== env.staffologyApiKey ||
    credentials.expenseinApiKey !== env.expenseinApiKey;
  if (keysChanged || existing.status !== 'connected') {
    return {
      connection: store.connections.reconnect(existing.id, { ...endpoints, settings }),
      change: 'reconnected',
    };
  }
  const settingsChanged =
    existing.settings.includeBankDetails !== env.includeBankDetails ||
    (env.leaverGuardPercent !== null && existing.settings.leaverGuardPercent !== env.leaverGuardPercent) ||
    (env.leaverGuardMin !== null && existing.settings.leaverGuardMin !== env.leaverGuardMin);
  if (!settingsChanged) return { connection: existing, change: 'unchanged' };
  return { connection: store.connections.update(existing.id, { settings }), change: 'updated' };
}
