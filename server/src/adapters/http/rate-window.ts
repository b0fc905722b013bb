/**
 * At most `limit` requests in any window of `windowMs`, as the vendor counts them: when each arrives, which is any
 * time between sending it and its answer (a busy server takes it in, and stamps it, late). So a request holds its
 * slot from when it is sent until a full window after its answer, and the next request in that slot arrives a
 * window after it however late the vendor stamped it. Counted from sending instead, with a margin, a burst of
 * reads answered by a busy server met 429s (a whole second each, by Retry-After) at the edge of the window.
 */
export interface RateWindow {
  /** Waits for a free slot and takes it; the function returned gives it back once the request's answer is in. */
  acquire(signal?: AbortSignal): Promise<() => void>;
}

export function createRateWindow(limit: number, windowMs: number): RateWindow {
  let inFlight = 0;
  // When the slots of answered requests come free, oldest first (answers come in time order).
  const freeAt: number[] = [];
  const waiting = new Set<() => void>();
  const wakeAll = () => {
    for (const wake of waiting) wake();
  };

  return {
    async acquire(signal) {
      for (;;) {
        signal?.throwIfAborted();
        const now = performance.now();
        while (freeAt.length > 0 && (freeAt[0] ?? 0) <= now) freeAt.shift();
        if (inFlight + freeAt.length < limit) {
          inFlight++;
          let given = false;
          return () => {
            if (given) return;
            given = true;
            inFlight--;
            freeAt.push(performance.now() + windowMs);
            // A waiter that saw every slot in flight has no time to wait for until now.
            wakeAll();
          };
        }
        // Every slot taken: wait for the oldest answered one to come free, or for an answer to give a time.
        const next = freeAt[0];
        await new Promise<void>((resolve) => {
          const timer = next === undefined ? undefined : setTimeout(wake, next - now);
          function wake() {
            clearTimeout(timer);
            waiting.delete(wake);
            signal?.removeEventListener('abort', wake);
            resolve();
          }
          waiting.add(wake);
          signal?.addEventListener('abort', wake, { once: true });
        });
      }
    },
  };
}
