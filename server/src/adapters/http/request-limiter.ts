import PQueue from 'p-queue';
import type { HttpSettings } from './http-settings.ts';

/** Bounds the requests of one vendor: how many at once, and how many start in any one-second window. */
export interface RequestLimiter {
  schedule<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Requests running now. */
  readonly pending: number;
  /** Requests waiting for a slot. */
  readonly waiting: number;
}

/**
 * One limiter per vendor account; pass the same one to several clients to share the budget. Each attempt of a
 * request takes one slot (a retry is a request to the vendor too); the backoff wait before a retry does not.
 */
export function createRequestLimiter(
  settings: Pick<HttpSettings, 'concurrency' | 'ratePerSecond' | 'rateWindowMarginMs'>,
): RequestLimiter {
  const rate = settings.ratePerSecond;
  // strict = a sliding window: a fixed window lets 2N through across a window boundary, and vendors (and the
  // sandbox, test/sandbox/core/serve-simulator.ts) count over a sliding second.
  const queue =
    rate === null
      ? new PQueue({ concurrency: settings.concurrency })
      : new PQueue({
          concurrency: settings.concurrency,
          intervalCap: rate,
          interval: 1000 + settings.rateWindowMarginMs,
          strict: true,
        });
  return {
    schedule: (task, signal) => queue.add(task, signal ? { signal } : {}),
    get pending() {
      return queue.pending;
    },
    get waiting() {
      return queue.size;
    },
  };
}
