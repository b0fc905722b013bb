import type { PageWatcher } from '../content/watch-page.ts';
import { whenPageSettles } from '../content/when-page-settles.ts';
import type { AnchorId } from '../page/anchors.ts';

/**
 * What the recognition notice tells, kept up to date without reading the whole page in every frame it changes:
 * `read` (missingOnPage) runs at once, then once per burst of changes. Something missing is told only if it is still
 * missing `settleMs` later, since a page still drawing itself (a list loading) is not an unrecognised page; `onTell([])`
 * once nothing is missing any more.
 */
export function watchMissing(options: {
  page: PageWatcher;
  read: () => AnchorId[];
  onTell: (missing: AnchorId[]) => void;
  signal: AbortSignal;
  settleMs?: number;
  quietMs?: number;
}): void {
  const { page, read, onTell, signal, settleMs = 1500, quietMs = 250 } = options;
  let told: AnchorId[] = [];
  let pending: ReturnType<typeof setTimeout> | null = null;
  const tell = (missing: AnchorId[]) => {
    if (missing.join() === told.join()) return;
    told = missing;
    onTell(missing);
  };
  const look = () => {
    const missing = read();
    if (missing.length === 0) {
      if (pending !== null) clearTimeout(pending);
      pending = null;
      tell([]);
    } else if (told.length > 0) {
      tell(missing);
    } else {
      // One look once the page has had time to settle: a single timer, not a poll.
      pending ??= setTimeout(() => {
        pending = null;
        if (!signal.aborted) tell(read());
      }, settleMs);
    }
  };
  whenPageSettles(page, look, { quietMs, maxWaitMs: settleMs, signal });
  signal.addEventListener(
    'abort',
    () => {
      if (pending !== null) clearTimeout(pending);
    },
    { once: true },
  );
  look();
}
