import { createHash, randomBytes } from 'node:crypto';
import { defaultTokenLifetimeDays, type TokenRole } from '@staffsync/shared';
import { and, asc, eq, isNull } from 'drizzle-orm';
import {
  StoreConflictError,
  type StoreContext,
  StoreNotFoundError,
  type StoreTables,
} from './store-context.ts';

/** An HTTP API bearer token as listed: never the token itself, nor its hash. */
export interface ApiToken {
  id: number;
  name: string;
  role: TokenRole;
  createdAt: string;
  /** null only for a token made to never expire (not offered by the CLI or the API). */
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface NewToken {
  role?: TokenRole;
  /** How long until it expires; default 90 days (PRODUCT.md 4.3). */
  lifetimeMs?: number;
}

/** What a presented token turned out to be. */
export type TokenCheck =
  | { state: 'active'; token: ApiToken }
  | { state: 'expired'; token: ApiToken }
  | { state: 'unknown' };

export interface TokensRepo {
  /** Returns the token once; only its sha256 is stored (PRODUCT.md 4.3). */
  create(name: string, options?: NewToken): Promise<{ token: string; record: ApiToken }>;
  /** Whether a presented token is active, expired, or unknown (never issued, or revoked). */
  verify(token: string): Promise<TokenCheck>;
  /** By id, or by the name of an active token. */
  revoke(idOrName: number | string): Promise<ApiToken>;
  list(): Promise<ApiToken[]>;
}

const tokenPrefix = 'sst_';
const dayMs = 24 * 60 * 60 * 1000;
// Writing lastUsedAt on every request would make each API call a database write; a minute is precise enough.
const lastUsedResolutionMs = 60_000;

type Row = StoreTables['apiTokens']['$inferSelect'];

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function createTokensRepo(ctx: StoreContext): TokensRepo {
  const { apiTokens } = ctx.tables;
  return {
    async create(name, options = {}) {
      const trimmed = name.trim();
      if (trimmed === '') throw new Error('a token needs a name');
      const token = `${tokenPrefix}${randomBytes(32).toString('base64url')}`;
      const createdAt = ctx.now();
      const lifetimeMs = options.lifetimeMs ?? defaultTokenLifetimeDays * dayMs;
      if (!(lifetimeMs > 0)) throw new Error('a token needs a lifetime longer than zero');
      return ctx.transaction(async () => {
        const [clash] = await ctx.db
          .select({ id: apiTokens.id })
          .from(apiTokens)
          .where(and(eq(apiTokens.name, trimmed), isNull(apiTokens.revokedAt)));
        if (clash) throw new StoreConflictError(`an active token named "${trimmed}" already exists`);
        const [row] = await ctx.db
          .insert(apiTokens)
          .values({
            name: trimmed,
            hash: hashToken(token),
            role: options.role ?? 'operator',
            createdAt,
            expiresAt: new Date(Date.parse(createdAt) + lifetimeMs).toISOString(),
          })
          .returning();
        if (!row) throw new Error('inserting a token returned no row');
        return { token, record: toApiToken(row) };
      });
    },
    async verify(token) {
      if (!token.startsWith(tokenPrefix)) return { state: 'unknown' };
      const [row] = await ctx.db
        .select()
        .from(apiTokens)
        .where(and(eq(apiTokens.hash, hashToken(token)), isNull(apiTokens.revokedAt)));
      if (!row) return { state: 'unknown' };
      const now = ctx.now();
      if (row.expiresAt !== null && row.expiresAt <= now) return { state: 'expired', token: toApiToken(row) };
      if (row.lastUsedAt === null || Date.parse(now) - Date.parse(row.lastUsedAt) >= lastUsedResolutionMs) {
        await ctx.db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
        return { state: 'active', token: toApiToken({ ...row, lastUsedAt: now }) };
      }
      return { state: 'active', token: toApiToken(row) };
    },
    revoke(idOrName) {
      return ctx.transaction(async () => {
        const [row] = await ctx.db
          .select()
          .from(apiTokens)
          .where(
            typeof idOrName === 'number'
              ? eq(apiTokens.id, idOrName)
              : and(eq(apiTokens.name, idOrName), isNull(apiTokens.revokedAt)),
          );
        if (!row) throw new StoreNotFoundError('token', idOrName);
        if (row.revokedAt !== null) return toApiToken(row);
        const revokedAt = ctx.now();
        await ctx.db.update(apiTokens).set({ revokedAt }).where(eq(apiTokens.id, row.id));
        return toApiToken({ ...row, revokedAt });
      });
    },
    async list() {
      const rows = await ctx.db.select().from(apiTokens).orderBy(asc(apiTokens.id));
      return rows.map(toApiToken);
    },
  };
}

function toApiToken(row: Row): ApiToken {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}
