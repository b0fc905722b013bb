import { describe, expect, it } from 'vitest';
import { backoffDelay, retryDelay } from './backoff.ts';

const settings = { baseMs: 100, capMs: 1000 };

describe('backoffDelay', () => {
  it('doubles per retry between half and all of the step', () => {
    expect([1, 2, 3].map((retry) => backoffDelay(retry, settings, () => 0))).toEqual([50, 100, 200]);
    expect([1, 2, 3].map((retry) => backoffDelay(retry, settings, () => 1))).toEqual([100, 200, 400]);
  });

  it('never waits longer than the cap, however many retries', () => {
    for (const retry of [5, 10, 50, 2000]) {
      expect(backoffDelay(retry, settings, () => 0.999)).toBeLessThanOrEqual(1000);
      expect(backoffDelay(retry, settings, () => 0)).toBe(500);
    }
  });
});

describe('retryDelay', () => {
  it('waits at least what Retry-After asks, even past the backoff cap', () => {
    expect(retryDelay(1, 3000, settings, () => 0)).toBe(3000);
    expect(retryDelay(1, 3000, settings, () => 1)).toBe(3100);
  });

  it('falls back to the capped backoff without Retry-After', () => {
    expect(retryDelay(4, null, settings, () => 1)).toBe(800);
    expect(retryDelay(9, null, settings, () => 1)).toBe(1000);
  });
});
