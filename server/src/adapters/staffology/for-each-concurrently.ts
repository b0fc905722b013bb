import { setMaxListeners } from 'node:events';

/**
 * Calls `work` for each item, at most `workers` at once, taking the items in list order: as many requests in
 * flight as a client may have (its limiter paces them), without turning 50,000 employees into 50,000 queued
 * promises at once. The first failure cancels the rest (the signal given to `work` aborts) rather than spending
 * requests on a run that has failed, and is what this throws; the caller's `signal` cancels it too.
 */
export async function forEachConcurrently<T>(
  items: readonly T[],
  options: { workers: number; signal?: AbortSignal },
  work: (item: T, signal: AbortSignal) => Promise<void>,
): Promise<void> {
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([stop.signal, options.signal]) : stop.signal;
  const workers = Math.max(1, Math.min(options.workers, items.length));
  // Each request in flight listens on the signal.
  setMaxListeners(workers + 10, signal);
  // One iterator shared by every worker: each takes the next item when it is done with its last.
  const queue = items.values();
  const worker = async () => {
    for (const item of queue) {
      if (signal.aborted) break;
      try {
        await work(item, signal);
      } catch (error) {
        if (!stop.signal.aborted) stop.abort(error);
        throw error;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: workers }, worker));
  } catch (error) {
    // The first failure is the abort reason; the others are its echoes.
    throw stop.signal.aborted ? stop.signal.reason : error;
  }
  // Cancelled between two items: nothing threw, but the work is not done.
  options.signal?.throwIfAborted();
}
