import { describe, expect, it } from 'vitest';
import {
  type BenchmarkResults,
  formatBenchmarks,
  judgeTargets,
  keptNotesOf,
  median,
  notesMarker,
  previousFiguresOf,
} from './format-benchmarks.ts';
import type { LargeResult } from './measure-large.ts';
import { medianRun, type RateLimitedResult } from './measure-rate-limited.ts';

const counts = {
  employees: 1000,
  created: 930,
  updated: 0,
  leavers: 0,
  reinstated: 0,
  unchanged: 0,
  held: 0,
  failed: 0,
};

function rateLimited(wallMs: number, staffologyCalls: number, secondWrites: number): RateLimitedResult {
  return {
    setup: { employees: 1000, latencyMs: 20, ratePerSecond: 200, pageSize: 100 },
    removedUsers: 1000,
    first: {
      wallMs,
      status: 'succeeded',
      counts,
      timings: { fetchMs: 5800, planMs: 19, applyMs: 4800 },
      calls: {
        staffology: staffologyCalls,
        expensein: 933,
        rateLimited: { staffology: 0, expensein: 0 },
        writes: 930,
      },
      byRoute: { staffology: {}, expensein: {} },
    },
    writesNeeded: 930,
    minimum: { staffology: 1011, expensein: 933 },
    floorMs: 9720,
    second: {
      wallMs: 5100,
      status: 'succeeded',
      timings: null,
      calls: {
        staffology: 1011,
        expensein: 3,
        rateLimited: { staffology: 0, expensein: 0 },
        writes: secondWrites,
      },
    },
    noChangeRuns: [],
  };
}

function large(runsMs: number[], maxRssBytes: number): LargeResult {
  const plan = {
    coldMs: 300,
    runsMs,
    employees: 50_000,
    users: 1501,
    links: 0,
    actions: 46_563,
    outcomes: 50_000,
  };
  return {
    employees: 50_000,
    firstPlan: plan,
    dailyPlan: { ...plan, runsMs: [100, 100, 100] },
    sync: { wallMs: 1, maxRssBytes, status: 'succeeded', created: 46_563, timings: null },
  };
}

function results(rate: RateLimitedResult, big: LargeResult): BenchmarkResults {
  const machine = {
    cpuModel: 'Test CPU',
    cores: 2,
    ramGiB: 8,
    node: 'v20.0.0',
    kernel: 'linux',
    loadAtStart: 0.1,
    freeRamGiB: 7,
  };
  return { startedAt: '2026-11-25T00:00:00Z', machine, loadAtEnd: 0.2, rateLimited: [rate], large: big };
}

describe('judgeTargets', () => {
  it('meets every target when the run is within them', () => {
    const verdicts = judgeTargets(
      results(rateLimited(11_000, 1011, 0), large([200, 240, 260], 250 * 2 ** 20)),
    );
    expect(verdicts.map((v) => v.met)).toEqual([true, true, true, true, true, true]);
  });

  it('misses each target that the run is outside of', () => {
    const verdicts = judgeTargets(
      results(rateLimited(11_500, 1040, 2), large([300, 260, 270], 300 * 2 ** 20)),
    );
    expect(verdicts.map((v) => [v.target, v.met])).toEqual([
      ['1,000: wall time within 1.15x of the floor', false],
      ['1,000: calls within 1% of the minimum', false],
      ['1,000: 429s under 1% of calls', true],
      ['1,000: no write on a second, no-change run', false],
      ['50,000: planner under 250 ms', false],
      ['50,000: peak memory of the whole sync under 300 MB', false],
    ]);
  });
});

describe('medianRun', () => {
  const run = (wallMs: number, status = 'succeeded') => ({
    wallMs,
    status,
    timings: null,
    calls: { staffology: 203, expensein: 3, rateLimited: { staffology: 0, expensein: 0 }, writes: 0 },
  });

  it('takes the run of median wall time, whatever the order they ran in', () => {
    expect(medianRun([run(3_300), run(2_000), run(3_000)]).wallMs).toBe(3_000);
    expect(medianRun([run(2_000), run(2_100), run(9_000)]).wallMs).toBe(2_100);
  });

  it('refuses a set with a failed run, and an empty one', () => {
    expect(() => medianRun([run(2_000), run(100, 'failed'), run(2_100)])).toThrow(/ended failed/);
    expect(() => medianRun([])).toThrow(/no no-change run/);
  });
});

describe('judgeTargets at 10,000 employees', () => {
  it('judges writes and calls on the worst no-change run, and the wall time on the median one', () => {
    const ten = rateLimited(11_000, 1011, 0);
    ten.setup.employees = 10_000;
    const run = (wallMs: number, staffology: number, writes: number) => ({
      ...ten.second,
      wallMs,
      calls: { ...ten.second.calls, staffology, writes },
    });
    ten.noChangeRuns = [run(2_000, 203, 0), run(3_500, 212, 1), run(2_100, 203, 0)];
    ten.second = run(2_100, 203, 0);
    const verdicts = judgeTargets({ ...results(ten, large([1], 1)), large: null });
    expect(verdicts.slice(3).map((v) => [v.target, v.measured, v.met])).toEqual([
      ['10,000: no write on a second, no-change run', '1 writes', false],
      ['10,000: no-change run at most 210 Staffology calls', '212', false],
      ['10,000: no-change run within 3.0 s', '2.1 s', true],
    ]);
  });

  it('judges the no-change run by its Staffology calls and wall time, and the 429s by their share', () => {
    const ten = rateLimited(11_000, 1011, 0);
    ten.setup.employees = 10_000;
    ten.first.calls.rateLimited = { staffology: 5, expensein: 5 };
    ten.second.calls.staffology = 211;
    ten.second.wallMs = 2_900;
    const verdicts = judgeTargets({ ...results(ten, large([1], 1)), large: null });
    expect(verdicts.map((v) => [v.target, v.measured, v.met])).toEqual([
      ['10,000: wall time within 1.15x of the floor', '1.13x', true],
      ['10,000: calls within 1% of the minimum', '+0.00%', true],
      ['10,000: 429s under 1% of calls', '10 (0.51%)', true],
      ['10,000: no write on a second, no-change run', '0 writes', true],
      ['10,000: no-change run at most 210 Staffology calls', '211', false],
      ['10,000: no-change run within 3.0 s', '2.9 s', true],
    ]);
  });
});

describe('formatBenchmarks', () => {
  it('puts each target figure beside the one the previous document gave, in either table layout', () => {
    const old = [
      '## Targets',
      '',
      '| target | measured | met |',
      '|---|---:|:---:|',
      '| 1,000: wall time within 1.15x of the floor | 1.11x | yes |',
      '| 50,000: planner under 250 ms | 477 ms | **no** |',
      '',
      notesMarker,
      '| not a target | 1 | yes |',
    ].join('\n');
    const previous = previousFiguresOf(old);
    expect([...previous]).toEqual([
      ['1,000: wall time within 1.15x of the floor', '1.11x'],
      ['50,000: planner under 250 ms', '477 ms'],
    ]);
    const doc = formatBenchmarks(results(rateLimited(11_000, 1011, 0), large([1], 1)), '', previous);
    expect(doc).toContain('| 1,000: wall time within 1.15x of the floor | 1.13x | 1.11x | yes |');
    expect(doc).toContain('| 1,000: 429s under 1% of calls | 0 (0.00%) | - | yes |');
    // The new document's own table reads back the same way.
    expect(previousFiguresOf(doc).get('50,000: planner under 250 ms')).toBe('100 ms');
  });

  it('keeps the hand-written notes of the previous document', () => {
    const doc = formatBenchmarks(results(rateLimited(11_000, 1011, 0), large([1], 1)), '## Notes\nkept');
    expect(doc).toContain('Test CPU, 2 cores');
    expect(keptNotesOf(doc).trim()).toBe('## Notes\nkept');
    expect(keptNotesOf(`# old\n${notesMarker}\nmine`).trim()).toBe('mine');
    expect(keptNotesOf(null)).toBe('');
  });
});

describe('median', () => {
  it.each([
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
  ])('of %j is %d', (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});
