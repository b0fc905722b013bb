import { roleAllows, type TokenRole } from '@staffsync/shared';
import type { Context, MiddlewareHandler } from 'hono';
import { ApiException } from '../../api-exception.ts';
import type { BearerAuthEnv } from '../bearer-auth/index.ts';

/**
 * Refuses, with 403 naming the role needed (PRODUCT.md 4.3), a token whose role is below `role`. Runs after
 * bearerAuth and before the request is validated, so a token that may not call a route learns nothing from it.
 */
export function requireRole(role: TokenRole): MiddlewareHandler<BearerAuthEnv> {
  return async function requireRole(c, next) {
    assertRole(c, role);
    await next();
  };
}

/** The same check inside a handler, for a route whose role depends on the request (a dry run needs less). */
export function assertRole(c: Context<BearerAuthEnv>, role: TokenRole, what = 'This request'): void {
  const token = c.var.token;
  if (roleAllows(token.role, role)) return;
  throw new ApiException(
    'forbidden',
    `${what} needs a token with the "${role}" role; the token "${token.name}" has the "${token.role}" role`,
    { requiredRole: role },
  );
}
