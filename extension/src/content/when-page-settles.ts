import type { PageWatcher } from './watch-page.ts';

/**
 * Calls `onSettled` once per burst of page changes rather than once per frame of it: when the page has been quiet
 * for `quietMs`, or `maxWaitMs` after the burst began if it never stops (a page with a ticking clock is still
 * looked at), until `signal` aborts. For work that reads the whole page and need not keep up frame by frame.
 */
export function whenPageSettles(
  page: PageWatcher,
  onSettled: () => void,
  options: { quietMs: number; maxWaitMs: number; signal: AbortSignal },
): void {
  const { quietMs, maxWaitMs, signal } = options;
  let quiet: ReturnType<typeof setTimeout> | null = null;
  let latest: ReturnType<typeof setTimeout> | null = null;
  const clear = () => {
    if (quiet !== null) clearTimeout(quiet);
    if (latest !== null) clearTimeout(latest);
    quiet = null;
    latest = null;
  };
  const settle = () => {
    clear();
    if (!signal.aborted) onSettled();
  };
  page.subscribe(() => {
    if (quiet !== null) clearTimeout(quiet);
    quiet = setTimeout(settle, quietMs);
    latest ??= setTimeout(settle, maxWaitMs);
  }, signal);
  signal.addEventListener('abort', clear, { once: true });
}
