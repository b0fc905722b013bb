export interface BackoffSettings {
  baseMs: number;
  capMs: number;
}

/**
 * The wait before retry number `retry` (1-based): exponential from `baseMs`, capped at `capMs`, with "equal
 * jitter" (half fixed, half random), so that clients which failed together do not retry together, and no wait
 * is ever longer than the cap.
 */
export function backoffDelay(
  retry: number,
  settings: BackoffSettings,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(settings.capMs, settings.baseMs * 2 ** Math.max(0, retry - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * The wait before a retry: what the server asked for in `Retry-After` (PRODUCT.md 3: honoured), plus a little
 * jitter so a burst of 429s does not come back as one burst; else the capped backoff.
 */
export function retryDelay(
  retry: number,
  retryAfterMs: number | null,
  settings: BackoffSettings,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== null)
    return retryAfterMs + Math.round(random() * Math.min(settings.baseMs, settings.capMs));
  return backoffDelay(retry, settings, random);
}
