import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnchorId } from '../page/anchors.ts';
import { createTestPage } from '../testing/create-test-page.ts';
import { watchMissing } from './watch-missing.ts';

/** A page whose missing anchors the test sets, counting the whole-page reads. */
function watched(initially: AnchorId[]) {
  const { page, burst } = createTestPage();
  let missing = initially;
  const read = vi.fn(() => missing);
  const told: AnchorId[][] = [];
  watchMissing({
    page,
    read,
    onTell: (now) => told.push(now),
    signal: new AbortController().signal,
    settleMs: 1500,
    quietMs: 250,
  });
  return {
    burst,
    read,
    told,
    set: (now: AnchorId[]) => {
      missing = now;
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('watchMissing', () => {
  it('reads the whole page once per burst of changes, not in every frame of it', async () => {
    const page = watched([]);
    expect(page.read).toHaveBeenCalledTimes(1);
    await page.burst(40);
    await vi.advanceTimersByTimeAsync(250);
    expect(page.read).toHaveBeenCalledTimes(2);
  });

  it('tells nothing of what a page still drawing lacks for a moment', async () => {
    const page = watched(['usersList']);
    await vi.advanceTimersByTimeAsync(600);
    page.set([]);
    await page.burst(10);
    await vi.advanceTimersByTimeAsync(3000);
    expect(page.told).toEqual([]);
  });

  it('tells what is still missing once the page has settled, and nothing once it is found', async () => {
    const page = watched(['usersList']);
    await vi.advanceTimersByTimeAsync(1499);
    expect(page.told).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(page.told).toEqual([['usersList']]);

    page.set(['rows']);
    await page.burst(5);
    await vi.advanceTimersByTimeAsync(250);
    expect(page.told).toEqual([['usersList'], ['rows']]);

    page.set([]);
    await page.burst(5);
    await vi.advanceTimersByTimeAsync(250);
    expect(page.told).toEqual([['usersList'], ['rows'], []]);
  });
});
