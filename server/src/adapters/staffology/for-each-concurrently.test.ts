import { describe, expect, it } from 'vitest';
import { forEachConcurrently } from './for-each-concurrently.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('forEachConcurrently', () => {
  it('does every item, never more than the workers at once, starting them in list order', async () => {
    const started: number[] = [];
    let running = 0;
    let most = 0;
    await forEachConcurrently([1, 2, 3, 4, 5, 6, 7], { workers: 3 }, async (item) => {
      started.push(item);
      most = Math.max(most, ++running);
      await tick();
      running--;
    });
    expect(started).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
  });

  it('throws the first failure, cancelling the work in flight and starting no more', async () => {
    const started: number[] = [];
    const cancelled: number[] = [];
    const failure = new Error('item 2 failed');
    const done = forEachConcurrently([1, 2, 3, 4, 5], { workers: 2 }, async (item, signal) => {
      started.push(item);
      if (item === 2) throw failure;
      await new Promise<void>((_resolve, reject) =>
        signal.addEventListener('abort', () => {
          cancelled.push(item);
          reject(new Error(`item ${item} cancelled`));
        }),
      );
    });
    await expect(done).rejects.toBe(failure);
    expect(started).toEqual([1, 2]);
    expect(cancelled).toEqual([1]);
  });

  it("stops when the caller's signal aborts between two items", async () => {
    const stop = new AbortController();
    const started: number[] = [];
    const done = forEachConcurrently([1, 2, 3], { workers: 1, signal: stop.signal }, async (item) => {
      started.push(item);
      if (item === 1) stop.abort(new Error('run stopped'));
    });
    await expect(done).rejects.toThrow('run stopped');
    expect(started).toEqual([1]);
  });
});
