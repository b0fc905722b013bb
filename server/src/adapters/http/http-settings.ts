/**
 * How one vendor client paces itself (PRODUCT.md 3: a timeout on every request, retries with capped exponential
 * backoff, bounded concurrency). The first four match `VendorHttpSettings` in config/parse-env.ts.
 */
export interface HttpSettings {
  /** Per attempt, from sending the request to the end of the response body. */
  timeoutMs: number;
  /** Retries after the first attempt. */
  retries: number;
  /** Requests in flight at once. */
  concurrency: number;
  /** Most requests started in any sliding one-second window; null = no client-side limit (429s still honoured). */
  ratePerSecond: number | null;
  /** First backoff step. */
  backoffBaseMs: number;
  /** Longest backoff step. */
  backoffCapMs: number;
  /** A `Retry-After` longer than this is not waited for: the request fails as `rate_limited`. */
  maxRetryAfterMs: number;
}

export const defaultHttpSettings: HttpSettings = {
  timeoutMs: 30_000,
  retries: 5,
  concurrency: 8,
  ratePerSecond: null,
  backoffBaseMs: 250,
  backoffCapMs: 10_000,
  maxRetryAfterMs: 60_000,
};

export function resolveHttpSettings(settings: Partial<HttpSettings> | undefined): HttpSettings {
  const resolved = { ...defaultHttpSettings };
  for (const [key, value] of Object.entries(settings ?? {}) as [
    keyof HttpSettings,
    number | null | undefined,
  ][]) {
    if (value !== undefined) Object.assign(resolved, { [key]: value });
  }
  return resolved;
}
