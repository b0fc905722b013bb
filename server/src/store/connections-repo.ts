import { defaultSyncSettings, type SyncSettings } from '@staffsync/shared';
import { and, asc, eq, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { type StoreContext, StoreNotFoundError, type StoreTables } from './store-context.ts';

export type ConnectionSource = 'env' | 'api';
export type ConnectionStatus = 'connected' | 'disconnected';

/** A connection without its secrets: safe to return from the API or log (PRODUCT.md 4.2). */
export interface Connection {
  id: number;
  name: string;
  staffology: { baseUrl: string; employerId: string };
  expensein: { baseUrl: string };
  settings: SyncSettings;
  alertWebhookUrl: string | null;
  /** Runs every this many minutes besides the daily one; null: the server's default (STAFFSYNC_SYNC_EVERY). */
  syncEveryMinutes: number | null;
  source: ConnectionSource;
  status: ConnectionStatus;
  createdAt: string;
  connectedAt: string;
  reconnectedAt: string | null;
  disconnectedAt: string | null;
  lastScheduledRunAt: string | null;
  /** Some ExpenseIn user ids the connection last read (the lowest): evidence of which account it syncs. */
  expenseinUserSample: number[];
}

/** The decrypted vendor keys, for the adapters only. */
export interface ConnectionCredentials {
  staffologyApiKey: string;
  expenseinApiKey: string;
}

export interface NewConnection {
  name: string;
  staffology: { baseUrl: string; employerId: string; apiKey: string };
  expensein: { baseUrl: string; apiKey: string };
  settings?: Partial<SyncSettings>;
  alertWebhookUrl?: string | null;
  syncEveryMinutes?: number | null;
  source: ConnectionSource;
}

export interface ConnectionPatch {
  name?: string;
  staffology?: { baseUrl?: string; employerId?: string; apiKey?: string };
  expensein?: { baseUrl?: string; apiKey?: string };
  settings?: Partial<SyncSettings>;
  alertWebhookUrl?: string | null;
  syncEveryMinutes?: number | null;
  lastScheduledRunAt?: string | null;
}

export interface ConnectionsRepo {
  create(input: NewConnection): Promise<Connection>;
  get(id: number): Promise<Connection | null>;
  /** Like `get`, for a connection the caller named: throws StoreNotFoundError (HTTP 404) for an unknown id. */
  require(id: number): Promise<Connection>;
  list(filter?: { status?: ConnectionStatus; source?: ConnectionSource }): Promise<Connection[]>;
  /** Throws StoreNotFoundError for an unknown id. */
  credentials(id: number): Promise<ConnectionCredentials>;
  update(id: number, patch: ConnectionPatch): Promise<Connection>;
  /** New credentials or settings, status back to connected, `reconnectedAt` now. */
  reconnect(id: number, patch?: ConnectionPatch): Promise<Connection>;
  disconnect(id: number): Promise<Connection>;
  /** Keeps the lowest `accountSampleSize` of the user ids read (from a connect check or a run's read). */
  recordUserSample(id: number, userIds: readonly number[]): Promise<void>;
}

/** How many user ids a connection keeps as evidence of its ExpenseIn account. */
export const accountSampleSize = 200;

// Bound as GCM additional data, so a ciphertext copied into the other column does not decrypt.
export const staffologyKeyContext = 'connections.staffology_key';
export const expenseinKeyContext = 'connections.expensein_key';

type Row = StoreTables['connections']['$inferSelect'];
type RowPatch = Partial<StoreTables['connections']['$inferInsert']>;

export function createConnectionsRepo(ctx: StoreContext): ConnectionsRepo {
  const { box } = ctx;
  const { connections } = ctx.tables;

  async function findRow(id: number): Promise<Row | undefined> {
    const [row] = await ctx.db.select().from(connections).where(eq(connections.id, id));
    return row;
  }

  async function getRow(id: number): Promise<Row> {
    const row = await findRow(id);
    if (!row) throw new StoreNotFoundError('connection', id);
    return row;
  }

  async function toRowPatch(patch: ConnectionPatch): Promise<RowPatch> {
    const set: RowPatch = {};
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.staffology?.baseUrl !== undefined) set.staffologyBaseUrl = patch.staffology.baseUrl;
    if (patch.staffology?.employerId !== undefined) set.staffologyEmployerId = patch.staffology.employerId;
    if (patch.staffology?.apiKey !== undefined) {
      set.staffologyKeyEnc = await box.encrypt(patch.staffology.apiKey, staffologyKeyContext);
    }
    if (patch.expensein?.baseUrl !== undefined) set.expenseinBaseUrl = patch.expensein.baseUrl;
    if (patch.expensein?.apiKey !== undefined) {
      set.expenseinKeyEnc = await box.encrypt(patch.expensein.apiKey, expenseinKeyContext);
    }
    if (patch.settings?.includeBankDetails !== undefined) {
      set.includeBankDetails = patch.settings.includeBankDetails;
    }
    if (patch.settings?.leaverGuardPercent !== undefined) {
      set.leaverGuardPercent = patch.settings.leaverGuardPercent;
    }
    if (patch.settings?.leaverGuardMin !== undefined) set.leaverGuardMin = patch.settings.leaverGuardMin;
    if (patch.alertWebhookUrl !== undefined) set.alertWebhookUrl = patch.alertWebhookUrl;
    if (patch.syncEveryMinutes !== undefined) set.syncEveryMinutes = patch.syncEveryMinutes;
    if (patch.lastScheduledRunAt !== undefined) set.lastScheduledRunAt = patch.lastScheduledRunAt;
    return set;
  }

  async function write(id: number, set: RowPatch): Promise<Connection> {
    if (Object.keys(set).length === 0) return toConnection(await getRow(id));
    const [row] = await ctx.db.update(connections).set(set).where(eq(connections.id, id)).returning();
    if (!row) throw new StoreNotFoundError('connection', id);
    return toConnection(row);
  }

  return {
    async create(input) {
      const now = ctx.now();
      const settings = { ...defaultSyncSettings, ...input.settings };
      const [row] = await ctx.db
        .insert(connections)
        .values({
          name: input.name,
          staffologyBaseUrl: input.staffology.baseUrl,
          staffologyEmployerId: input.staffology.employerId,
          staffologyKeyEnc: await box.encrypt(input.staffology.apiKey, staffologyKeyContext),
          expenseinBaseUrl: input.expensein.baseUrl,
          expenseinKeyEnc: await box.encrypt(input.expensein.apiKey, expenseinKeyContext),
          includeBankDetails: settings.includeBankDetails,
          leaverGuardPercent: settings.leaverGuardPercent,
          leaverGuardMin: settings.leaverGuardMin,
          alertWebhookUrl: input.alertWebhookUrl ?? null,
          syncEveryMinutes: input.syncEveryMinutes ?? null,
          source: input.source,
          status: 'connected',
          createdAt: now,
          connectedAt: now,
        })
        .returning();
      if (!row) throw new Error('inserting a connection returned no row');
      return toConnection(row);
    },
    async get(id) {
      const row = await findRow(id);
      return row ? toConnection(row) : null;
    },
    async require(id) {
      return toConnection(await getRow(id));
    },
    async list(filter = {}) {
      const where: SQL[] = [];
      if (filter.status) where.push(eq(connections.status, filter.status));
      if (filter.source) where.push(eq(connections.source, filter.source));
      const rows = await ctx.db
        .select()
        .from(connections)
        .where(and(...where))
        .orderBy(asc(connections.id));
      return rows.map(toConnection);
    },
    async credentials(id) {
      const row = await getRow(id);
      return {
        staffologyApiKey: await box.decrypt(row.staffologyKeyEnc, staffologyKeyContext),
        expenseinApiKey: await box.decrypt(row.expenseinKeyEnc, expenseinKeyContext),
      };
    },
    async update(id, patch) {
      return write(id, await toRowPatch(patch));
    },
    reconnect(id, patch = {}) {
      return ctx.transaction(async () =>
        write(id, {
          ...(await toRowPatch(patch)),
          status: 'connected',
          reconnectedAt: ctx.now(),
          disconnectedAt: null,
        }),
      );
    },
    disconnect(id) {
      return write(id, { status: 'disconnected', disconnectedAt: ctx.now() });
    },
    async recordUserSample(id, userIds) {
      const sample = [...new Set(userIds)].sort((a, b) => a - b).slice(0, accountSampleSize);
      await ctx.db
        .update(connections)
        .set({ expenseinUserSample: JSON.stringify(sample) })
        .where(eq(connections.id, id));
    },
  };
}

function toConnection(row: Row): Connection {
  return {
    id: row.id,
    name: row.name,
    staffology: { baseUrl: row.staffologyBaseUrl, employerId: row.staffologyEmployerId },
    expensein: { baseUrl: row.expenseinBaseUrl },
    settings: {
      includeBankDetails: row.includeBankDetails,
      leaverGuardPercent: row.leaverGuardPercent,
      leaverGuardMin: row.leaverGuardMin,
    },
    alertWebhookUrl: row.alertWebhookUrl,
    syncEveryMinutes: row.syncEveryMinutes,
    source: row.source,
    status: row.status,
    createdAt: row.createdAt,
    connectedAt: row.connectedAt,
    reconnectedAt: row.reconnectedAt,
    disconnectedAt: row.disconnectedAt,
    lastScheduledRunAt: row.lastScheduledRunAt,
    expenseinUserSample: userSampleSchema.parse(JSON.parse(row.expenseinUserSample)),
  };
}

const userSampleSchema = z.array(z.number().int());
