import type { Context, MiddlewareHandler } from 'hono';
import { rateLimiter } from 'hono-rate-limiter';
import { ApiException } from '../../api-exception.ts';

export interface RateLimitOptions {
  /** Requests allowed per key within each window of `windowMs`. */
  max: number;
  windowMs: number;
  /** Whose budget a request spends, e.g. the API token's id. */
  key: (c: Context) => string;
  /** Names what is limited in the 429 message, e.g. "requests that call a vendor". */
  what?: string;
}

/**
 * A per-key limit (hono-rate-limiter's in-memory window): past `max` requests of one key in a window, 429 with
 * `Retry-After` and the API's usual error body. Each call makes its own store, so a limit lives in its app: no
 * module-level state (STYLE.md).
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  const window = `${Math.round(options.windowMs / 1000)} s`;
  return rateLimiter({
    windowMs: options.windowMs,
    limit: options.max,
    keyGenerator: options.key,
    standardHeaders: 'draft-6',
    handler: (c) => {
      const resetTime = (c.get('rateLimit') as { resetTime?: Date } | undefined)?.resetTime;
      const retryAfter = Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now()) - Date.now()) / 1000));
      throw new ApiException(
        'rate_limited',
        `Too many ${options.what ?? 'requests'}: at most ${options.max} ${options.what ?? 'requests'} per ${window}; retry in ${retryAfter} s`,
        { headers: { 'Retry-After': String(retryAfter) } },
      );
    },
  });
}
