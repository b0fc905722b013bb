import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestPage } from '../testing/create-test-page.ts';
import { whenPageSettles } from './when-page-settles.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('whenPageSettles', () => {
  it('looks once per burst of changes, once the page is quiet', async () => {
    const { page, burst } = createTestPage();
    const looks = vi.fn();
    whenPageSettles(page, looks, { quietMs: 250, maxWaitMs: 1500, signal: new AbortController().signal });
    await burst(30);
    expect(looks).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(250);
    expect(looks).toHaveBeenCalledTimes(1);
    await burst(5);
    await vi.advanceTimersByTimeAsync(1000);
    expect(looks).toHaveBeenCalledTimes(2);
  });

  it('still looks, at most every maxWaitMs, on a page that never stops changing', async () => {
    const { page, burst } = createTestPage();
    const looks = vi.fn();
    whenPageSettles(page, looks, { quietMs: 250, maxWaitMs: 1500, signal: new AbortController().signal });
    await burst(50, 100); // a change every 100 ms for 5 s: never quiet for 250 ms
    expect(looks).toHaveBeenCalledTimes(3);
  });

  it('stops looking when its signal aborts', async () => {
    const { page, burst, change } = createTestPage();
    const looks = vi.fn();
    const controller = new AbortController();
    whenPageSettles(page, looks, { quietMs: 250, maxWaitMs: 1500, signal: controller.signal });
    await burst(3);
    controller.abort();
    await vi.advanceTimersByTimeAsync(2000);
    change();
    await vi.advanceTimersByTimeAsync(2000);
    expect(looks).not.toHaveBeenCalled();
  });
});
