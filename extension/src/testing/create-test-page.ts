import { vi } from 'vitest';
import type { PageChanges, PageWatcher } from '../content/watch-page.ts';

/** A page watcher driven by a test (with fake timers): `change()` is one frame in which the page changed. */
export function createTestPage() {
  const subscribers = new Set<(changes: PageChanges) => void>();
  const page: PageWatcher = {
    subscribe(onChange, signal) {
      subscribers.add(onChange);
      signal.addEventListener('abort', () => subscribers.delete(onChange), { once: true });
    },
    poke: () => undefined,
  };
  const change = () => {
    for (const subscriber of subscribers) subscriber({ everything: false, within: () => true });
  };
  /** `frames` frames of changes, one every `everyMs` (16: a list drawn row by row). */
  const burst = async (frames: number, everyMs = 16) => {
    for (let frame = 0; frame < frames; frame += 1) {
      change();
      await vi.advanceTimersByTimeAsync(everyMs);
    }
  };
  return { page, change, burst };
}
