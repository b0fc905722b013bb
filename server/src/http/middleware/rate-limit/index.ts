import type { Context, MiddlewareHandler } from 'hono';
import { ApiException } from '../../api-exception.ts';

export interface RateLimitOptions {
  /** Requests allowed per key within any window of `windowMs`. */
  max: number;
  windowMs: number;
  /** Whose budget a request spends, e.g. the API token's id. */
  key: (c: Context) => string;
  /** Milliseconds since the epoch; injected so tests move time instead of waiting. */
  now?: () => number;
  /** Names what is limited in the 429 message, e.g. "sync requests". */
  what?: string;
}

/**
 * A sliding-window limit per key: a request is refused while `max` requests of the same key fall within the last
 * `windowMs`, with 429 and `Retry-After` (seconds until the oldest of them leaves the window). State lives in the
 * returned middleware, one per app: no module-level store (STYLE.md).
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  const hits = new Map<string, number[]>();
  const now = options.now ?? Date.now;
  return async function rateLimit(c, next) {
    const at = now();
    const key = options.key(c);
    const recent = (hits.get(key) ?? []).filter((time) => time > at - options.windowMs);
    const oldest = recent[0];
    if (oldest !== undefined && recent.length >= options.max) {
      hits.set(key, recent);
      const retryAfter = Math.max(1, Math.ceil((oldest + options.windowMs - at) / 1000));
      throw new ApiException(
        'rate_limited',
        `Too many ${options.what ?? 'requests'}: at most ${options.max} per ${Math.round(options.windowMs / 1000)} s; retry in ${retryAfter} s`,
        { headers: { 'Retry-After': String(retryAfter) } },
      );
    }
    recent.push(at);
    hits.set(key, recent);
    await next();
  };
}
