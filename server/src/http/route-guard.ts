import type { TokenRole } from '@staffsync/shared';
import type { MiddlewareHandler } from 'hono';
import { requireRole } from './middleware/require-role/index.ts';
import { bearerSecurity } from './openapi-common.ts';

/** The per-token rate limits a route can spend (PRODUCT.md 4.3: every route that calls a vendor is limited). */
export interface RouteLimits {
  /** Routes that read a vendor for the answer: connect, reconnect, health, status, checks. */
  vendorReads: MiddlewareHandler;
  /** Routes that start a run: sync, dry run, resync, approving held leavers. */
  runs: MiddlewareHandler;
}

/**
 * What a route declares about who may call it: a bearer token of at least `role` (403 otherwise), then the rate
 * limits it spends, in that order, before its request is validated. Spread into `createRoute`.
 */
export function guard(role: TokenRole, ...limits: MiddlewareHandler[]) {
  return { security: bearerSecurity, middleware: [requireRole(role), ...limits] };
}
