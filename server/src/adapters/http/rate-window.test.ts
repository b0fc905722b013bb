import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createRateWindow } from './rate-window.ts';

describe('createRateWindow', () => {
  it('frees a slot a window after its answer, not after its sending', async () => {
    const window = createRateWindow(1, 100);
    const started = performance.now();
    const giveBack = await window.acquire();
    await sleep(150); // a slow answer
    giveBack();
    await window.acquire();
    // 150 ms held, then the 100 ms window: not at 100 ms, when it was sent a window earlier.
    expect(performance.now() - started).toBeGreaterThanOrEqual(245);
  });

  it('lets up to the limit go at once, and the next when the oldest answered slot comes free', async () => {
    const window = createRateWindow(2, 100);
    const started = performance.now();
    const first = await window.acquire();
    const second = await window.acquire();
    expect(performance.now() - started).toBeLessThan(50);
    second();
    await sleep(150);
    first();
    await window.acquire();
    // The second's slot came free at about 100 ms; the first's comes free at about 250.
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(145);
    expect(waited).toBeLessThan(240);
  });

  it('gives a slot back once, however often asked', async () => {
    const window = createRateWindow(1, 50);
    const giveBack = await window.acquire();
    giveBack();
    giveBack();
    await window.acquire();
    // Given back twice, the one slot would count as two.
    await expect(
      Promise.race([window.acquire().then(() => 'taken'), sleep(20).then(() => 'waiting')]),
    ).resolves.toBe('waiting');
  });

  it('stops waiting when its signal is aborted', async () => {
    const window = createRateWindow(1, 10_000);
    await window.acquire();
    const controller = new AbortController();
    const waiting = window.acquire(controller.signal);
    setTimeout(() => controller.abort(new Error('run cancelled')), 20);
    await expect(waiting).rejects.toThrow('run cancelled');
  });
});
