import PQueue from 'p-queue';
import type { HttpSettings } from './http-settings.ts';
import { createRateWindow } from './rate-window.ts';

/** Bounds the requests of one vendor: how many at once, and how many the vendor sees in any one second. */
export interface RequestLimiter {
  schedule<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Requests running now (or holding their turn until the rate allows them). */
  readonly pending: number;
  /** Requests waiting for a turn. */
  readonly waiting: number;
}

/**
 * One limiter per vendor account; pass the same one to several clients to share the budget. Each attempt of a
 * request takes one slot of the rate (a retry is a request to the vendor too); the backoff wait before a retry does
 * not. p-queue bounds how many run at once; the rate is counted as the vendor counts it (rate-window.ts).
 */
export function createRequestLimiter(
  settings: Pick<HttpSettings, 'concurrency' | 'ratePerSecond'>,
): RequestLimiter {
  const queue = new PQueue({ concurrency: settings.concurrency });
  const rate = settings.ratePerSecond === null ? null : createRateWindow(settings.ratePerSecond, 1000);
  return {
    schedule: (task, signal) =>
      queue.add(
        async () => {
          if (rate === null) return task();
          const giveBack = await rate.acquire(signal);
          try {
            return await task();
          } finally {
            giveBack();
          }
        },
        signal ? { signal } : {},
      ),
    get pending() {
      return queue.pending;
    },
    get waiting() {
      return queue.size;
    },
  };
}
