import { describe, expect, it } from 'vitest';
import { floorMs, minimumCalls } from './minimum-calls.ts';

describe('minimumCalls', () => {
  it.each([
    // listed, pageSize, staffology calls: pages (one more when the last is full) + one batch read per 100
    [1000, 100, 11 + 10],
    [1050, 100, 11 + 11],
    [10_000, 100, 101 + 100],
    [250, 100, 3 + 3],
    [101, 50, 3 + 2],
    [99, 100, 1 + 1],
    [1, 100, 1 + 1],
    [0, 100, 1],
  ])('%i employees in pages of %i take %i Staffology calls', (listed, pageSize, staffology) => {
    expect(minimumCalls({ listed, pageSize, expenseinReads: 3, writes: 0 }).staffology).toBe(staffology);
  });

  it('counts the ExpenseIn reads and one call per write', () => {
    expect(minimumCalls({ listed: 10, pageSize: 100, expenseinReads: 3, writes: 7 }).expensein).toBe(10);
  });
});

describe('floorMs', () => {
  it('adds the vendors up, as the read and write phases do not overlap', () => {
    expect(floorMs({ staffology: 1011, expensein: 989 }, 200)).toBe(10_000);
  });
});
