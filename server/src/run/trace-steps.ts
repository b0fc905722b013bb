import type { TraceStep } from '@staffsync/shared';

export type StepName = TraceStep['step'];

/** The step trace of a run (PRODUCT.md 4.4: fetched, checked, matched, planned, applied), with timings. */
export interface TraceRecorder {
  readonly steps: TraceStep[];
  /**
   * Times `work`, records its step as ok with the detail it returns, or as failed with the error's message (and
   * rethrows: the run's one error handler records the run as failed).
   */
  run<T>(
    step: StepName,
    work: () => Promise<T> | T,
    describe: (result: T) => { ok: boolean; detail: string },
  ): Promise<T>;
  /** A step with nothing to time, e.g. nothing to check for a user with no employee. */
  note(step: StepName, ok: boolean, detail: string): void;
}

export function createTraceRecorder(): TraceRecorder {
  const steps: TraceStep[] = [];
  return {
    steps,
    async run(step, work, describe) {
      const started = performance.now();
      try {
        const result = await work();
        steps.push({ step, ms: elapsed(started), ...describe(result) });
        return result;
      } catch (error) {
        steps.push({
          step,
          ok: false,
          ms: elapsed(started),
          detail: error instanceof Error ? error.message : String(error),
        });
        throw error;
      }
    },
    note(step, ok, detail) {
      steps.push({ step, ok, ms: 0, detail });
    },
  };
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}
