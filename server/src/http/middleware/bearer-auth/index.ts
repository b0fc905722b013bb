import type { MiddlewareHandler } from 'hono';
import type { ApiToken, TokenCheck } from '../../../store/index.ts';
import { ApiException } from '../../api-exception.ts';

export interface BearerAuthOptions {
  /** Whether the token is active, expired or unknown (store.tokens.verify). */
  verify: (token: string) => Promise<TokenCheck>;
}

export type BearerAuthEnv = { Variables: { token: ApiToken } };

const bearerPattern = /^Bearer\s+(\S+)\s*$/i;

/**
 * PRODUCT.md 4.3: every route needs a bearer token created with `staffsync token create` (stored hashed, so the
 * check is by hash, in the store), unrevoked and unexpired. The verified token is kept as `c.var.token`: its role
 * decides what the request may do (require-role), its name who asked for a run.
 */
export function bearerAuth(options: BearerAuthOptions): MiddlewareHandler<BearerAuthEnv> {
  return async function bearerAuth(c, next) {
    const match = bearerPattern.exec(c.req.header('Authorization') ?? '');
    const presented = match?.[1];
    if (presented === undefined) {
      throw new ApiException(
        'unauthorized',
        'An API token is required: send "Authorization: Bearer <token>"',
        {
          headers: { 'WWW-Authenticate': 'Bearer' },
        },
      );
    }
    const check = await options.verify(presented);
    if (check.state === 'unknown') {
      throw new ApiException('unauthorized', 'The API token is unknown or has been revoked', {
        headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
      });
    }
    if (check.state === 'expired') {
      throw new ApiException(
        'unauthorized',
        `The API token "${check.token.name}" expired at ${check.token.expiresAt}: create a new one (staffsync token create)`,
        { headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } },
      );
    }
    c.set('token', check.token);
    await next();
  };
}
