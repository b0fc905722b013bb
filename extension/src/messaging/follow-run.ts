import type { RunSummary } from '@staffsync/shared';
import type { ServerApi } from './protocol.ts';
import type { Problem } from './server-result.ts';

export type FollowedRun =
  | { state: 'ended'; run: RunSummary }
  | { state: 'problem'; problem: Problem }
  /** The signal aborted (the page closed): the run goes on in the server. */
  | { state: 'stopped' };

/**
 * Asks about a run every `pollMs` until it ends, as the popup's Sync now and the set-up page's step 3 follow one (the
 * server has no push channel); `onRunning` hears each answer while it runs.
 */
export async function followRun(
  api: Pick<ServerApi, 'getRun'>,
  runId: number,
  options: { pollMs: number; signal: AbortSignal; onRunning?: (run: RunSummary) => void },
): Promise<FollowedRun> {
  const { pollMs, signal, onRunning } = options;
  try {
    for (;;) {
      const run = await api.getRun({ runId });
      if (!run.ok) return { state: 'problem', problem: run.problem };
      if (run.data.status !== 'running') return { state: 'ended', run: run.data };
      onRunning?.(run.data);
      await wait(pollMs, signal);
    }
  } catch (error) {
    if (signal.aborted) return { state: 'stopped' };
    throw error;
  }
}

/** Resolves after `ms`, or rejects with the signal's reason once it aborts. */
function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
