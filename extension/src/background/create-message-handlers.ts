import {
  batchStatusRequestSchema,
  connectionSettingsRequestSchema,
  connectRequestSchema,
  setupCheckRequestSchema,
  userKeySchema,
} from '@staffsync/shared';
import { z } from 'zod';
import type { ServerApi } from '../messaging/protocol.ts';
import { failure, type ServerResult, success } from '../messaging/server-result.ts';
import type { Corrections } from '../page/anchors.ts';
import { type ConnectionSettings, serverUrlSchema } from '../settings/connection-settings.ts';
import { pickConnection, type ServerClient } from './create-server-client.ts';

export interface MessageHandlerDeps {
  /** The client on the saved settings. */
  client: ServerClient;
  /** A client on other settings: Options tests what was typed before saving it. */
  clientFor: (settings: ConnectionSettings) => ServerClient;
  openOptions: () => Promise<void>;
  /** The saved selector corrections. */
  readCorrections: () => Promise<Corrections>;
}

const runIdSchema = z.object({ runId: z.number().int().positive() });
const connectionIdSchema = z.object({ connectionId: z.number().int().positive() });
const reconnectSchema = connectionIdSchema.extend({
  staffologyApiKey: z.string().min(1).optional(),
  expenseinApiKey: z.string().min(1).optional(),
});
const saveSettingsSchema = connectionIdSchema.extend({ settings: connectionSettingsRequestSchema });

/**
 * The background worker's side of the message protocol. Messages come from our own pages, but are still parsed
 * (STYLE.md 3): a malformed one gets an `extension_error`, never a request to the server.
 */
export function createMessageHandlers(deps: MessageHandlerDeps): ServerApi {
  const { client } = deps;
  return {
    getOverview: () => client.connectionHealth(),
    startSync: () => client.startRun(),
    previewSync: () => client.dryRun(),
    getRun: (data) => withInput(runIdSchema, data, ({ runId }) => client.getRun(runId)),
    getLastRun: (data) =>
      withInput(connectionIdSchema, data, ({ connectionId }) => client.lastRun(connectionId)),
    getBadges: (data) => withInput(batchStatusRequestSchema, data, ({ users }) => client.batchStatus(users)),
    getUserStatus: (data) => withInput(userKeySchema, data, (key) => client.userStatus(key)),
    resyncUser: (data) => withInput(userKeySchema, data, (key) => client.resync(key)),
    async testConnection(data) {
      const serverUrl = serverUrlSchema.safeParse(data?.serverUrl);
      if (!serverUrl.success) {
        return failure({
          kind: 'not_configured',
          message: 'Enter the server address, e.g. http://127.0.0.1:8787',
        });
      }
      const tester = deps.clientFor({ serverUrl: serverUrl.data, token: String(data?.token ?? '') });
      const health = await tester.health();
      if (!health.ok) return health;
      const listed = await tester.listConnections();
      if (!listed.ok) return listed;
      return success({
        serverUrl: serverUrl.data,
        version: health.data.version,
        connections: listed.data.connections.length,
      });
    },
    async openOptions() {
      await deps.openOptions();
      return success(null);
    },
    getCorrections: async () => success(await deps.readCorrections()),
    async getSetup() {
      const access = await client.ownerAccess();
      if (!access.ok) return access;
      const listed = await client.listConnections();
      if (!listed.ok) return listed;
      return success({ connection: pickConnection(listed.data.connections) ?? null });
    },
    // Keys pass through here to the server once and are kept nowhere (PRODUCT.md 4.2).
    checkSetup: (data) => withInput(setupCheckRequestSchema, data, (body) => client.setupCheck(body)),
    checkDepartments: (data) =>
      withInput(connectionIdSchema, data, ({ connectionId }) => client.departmentsCheck(connectionId)),
    connect: (data) => withInput(connectRequestSchema, data, (body) => client.connect(body)),
    reconnect: (data) =>
      withInput(reconnectSchema, data, ({ connectionId, staffologyApiKey, expenseinApiKey }) =>
        client.reconnect(connectionId, {
          ...(staffologyApiKey ? { staffology: { apiKey: staffologyApiKey } } : {}),
          ...(expenseinApiKey ? { expensein: { apiKey: expenseinApiKey } } : {}),
        }),
      ),
    disconnect: (data) =>
      withInput(connectionIdSchema, data, ({ connectionId }) => client.disconnect(connectionId)),
    saveSettings: (data) =>
      withInput(saveSettingsSchema, data, ({ connectionId, settings }) =>
        client.saveSettings(connectionId, settings),
      ),
    getRunProblems: (data) => withInput(runIdSchema, data, ({ runId }) => client.runProblems(runId)),
  };
}

async function withInput<S extends z.ZodType, T>(
  schema: S,
  data: unknown,
  call: (input: z.output<S>) => Promise<ServerResult<T>>,
): Promise<ServerResult<T>> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    return failure({
      kind: 'extension_error',
      message: `The extension sent a malformed message: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    });
  }
  return call(parsed.data);
}
