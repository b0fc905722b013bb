import type { Logger } from '../logging/create-logger.ts';

/** The runs an API request started and did not wait for (connect, reconnect, sync now). */
export interface RunTracker {
  /** Keeps `done` until it settles; its failure is logged, never left unhandled. */
  track(done: Promise<unknown>, context: Record<string, unknown>): void;
  /** Resolves once every tracked run has ended. */
  settled(): Promise<void>;
}

export function createRunTracker(logger: Logger): RunTracker {
  const pending = new Set<Promise<unknown>>();
  return {
    track(done, context) {
      const settled = done
        .catch((error: unknown) => {
          logger.error(
            { ...context, err: error instanceof Error ? error.message : String(error) },
            'background run crashed',
          );
        })
        .finally(() => pending.delete(settled));
      pending.add(settled);
    },
    async settled() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
