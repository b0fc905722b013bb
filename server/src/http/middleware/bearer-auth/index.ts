import type { MiddlewareHandler } from 'hono';
import type { ApiToken } from '../../../store/index.ts';
import { ApiException } from '../../api-exception.ts';

export interface BearerAuthOptions {
  /** The active token's record, or null for an unknown or revoked one (store.tokens.verify). */
  verify: (token: string) => ApiToken | null;
}

export type BearerAuthEnv = { Variables: { token: ApiToken } };

const bearerPattern = /^Bearer\s+(\S+)\s*$/i;

/**
 * PRODUCT.md 4.3: every route needs a bearer token created with `staffsync token create` (stored hashed, so the
 * check is by hash, in the store). The verified token is kept as `c.var.token`: it names who asked for a run.
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
    const token = options.verify(presented);
    if (token === null) {
      throw new ApiException('unauthorized', 'The API token is unknown or has been revoked', {
        headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
      });
    }
    c.set('token', token);
    await next();
  };
}
