import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { apiTokens } from './schema.ts';
import { StoreConflictError, type StoreContext, StoreNotFoundError } from './store-context.ts';

/** An HTTP API bearer token as listed: never the token itself, nor its hash. */
export interface ApiToken {
  id: number;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface TokensRepo {
  /** Returns the token once; only its sha256 is stored (PRODUCT.md 4.3). */
  create(name: string): { token: string; record: ApiToken };
  /** The active token's record, or null for an unknown or revoked token. */
  verify(token: string): ApiToken | null;
  /** By id, or by the name of an active token. */
  revoke(idOrName: number | string): ApiToken;
  list(): ApiToken[];
}

const tokenPrefix = 'sst_';
// Writing lastUsedAt on every request would make each API call a database write; a minute is precise enough.
const lastUsedResolutionMs = 60_000;

type Row = typeof apiTokens.$inferSelect;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function createTokensRepo(ctx: StoreContext): TokensRepo {
  const { db } = ctx;
  return {
    create(name) {
      const trimmed = name.trim();
      if (trimmed === '') throw new Error('a token needs a name');
      const token = `${tokenPrefix}${randomBytes(32).toString('base64url')}`;
      return ctx.transaction(() => {
        const clash = db
          .select({ id: apiTokens.id })
          .from(apiTokens)
          .where(and(eq(apiTokens.name, trimmed), isNull(apiTokens.revokedAt)))
          .get();
        if (clash) throw new StoreConflictError(`an active token named "${trimmed}" already exists`);
        const row = db
          .insert(apiTokens)
          .values({ name: trimmed, hash: hashToken(token), createdAt: ctx.now() })
          .returning()
          .get();
        return { token, record: toApiToken(row) };
      });
    },
    verify(token) {
      if (!token.startsWith(tokenPrefix)) return null;
      const row = db
        .select()
        .from(apiTokens)
        .where(and(eq(apiTokens.hash, hashToken(token)), isNull(apiTokens.revokedAt)))
        .get();
      if (!row) return null;
      const now = ctx.now();
      if (row.lastUsedAt === null || Date.parse(now) - Date.parse(row.lastUsedAt) >= lastUsedResolutionMs) {
        db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id)).run();
        return toApiToken({ ...row, lastUsedAt: now });
      }
      return toApiToken(row);
    },
    revoke(idOrName) {
      return ctx.transaction(() => {
        const row =
          typeof idOrName === 'number'
            ? db.select().from(apiTokens).where(eq(apiTokens.id, idOrName)).get()
            : db
                .select()
                .from(apiTokens)
                .where(and(eq(apiTokens.name, idOrName), isNull(apiTokens.revokedAt)))
                .get();
        if (!row) throw new StoreNotFoundError('token', idOrName);
        if (row.revokedAt !== null) return toApiToken(row);
        const revokedAt = ctx.now();
        db.update(apiTokens).set({ revokedAt }).where(eq(apiTokens.id, row.id)).run();
        return toApiToken({ ...row, revokedAt });
      });
    },
    list() {
      return db.select().from(apiTokens).orderBy(asc(apiTokens.id)).all().map(toApiToken);
    },
  };
}

function toApiToken(row: Row): ApiToken {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}
