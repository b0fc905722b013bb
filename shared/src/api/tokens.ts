import { z } from 'zod';
import { timestampSchema } from './common.ts';

/**
 * What an API token may do (PRODUCT.md 4.3), each role including the ones before it: `viewer` reads (health,
 * status, badges, runs, preview), `operator` also runs (sync, resync, approve and reject held leavers), `owner` also
 * changes connections and tokens.
 */
export const tokenRoles = ['viewer', 'operator', 'owner'] as const;
export const tokenRoleSchema = z.enum(tokenRoles);
export type TokenRole = z.infer<typeof tokenRoleSchema>;

/** Whether a token of role `has` may do what needs role `needs`. */
export function roleAllows(has: TokenRole, needs: TokenRole): boolean {
  return tokenRoles.indexOf(has) >= tokenRoles.indexOf(needs);
}

/** PRODUCT.md 4.3: a token expires 90 days after it is created unless it is given another lifetime. */
export const defaultTokenLifetimeDays = 90;

/** A token as listed: never the token itself, nor its hash. */
export const apiTokenSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  role: tokenRoleSchema,
  createdAt: timestampSchema,
  expiresAt: timestampSchema.nullable(),
  lastUsedAt: timestampSchema.nullable(),
  revokedAt: timestampSchema.nullable(),
});
export type ApiTokenInfo = z.infer<typeof apiTokenSchema>;

export const tokenListResponseSchema = z.object({ tokens: z.array(apiTokenSchema) });

export const createTokenRequestSchema = z.object({
  name: z.string().trim().min(1).max(100),
  role: tokenRoleSchema.default('operator'),
  expiresInDays: z.number().int().min(1).max(3650).default(defaultTokenLifetimeDays),
});

/** The token itself is in this answer and nowhere else, ever: it is stored hashed. */
export const createTokenResponseSchema = z.object({ token: z.string(), record: apiTokenSchema });

export const revokeTokenResponseSchema = z.object({ record: apiTokenSchema });
