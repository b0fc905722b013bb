import { describe, expect, it } from 'vitest';
import { decideScheduledRun, latestSlot, nextSlot, type ScheduleInput } from './decide-scheduled-run.ts';

const base: Omit<ScheduleInput, 'now'> = {
  connectedAt: '2026-03-01T09:00:00.000Z',
  reconnectedAt: null,
  lastScheduledRunAt: '2026-03-28T04:00:00.000Z',
  lastFullRunStartedAt: '2026-03-28T04:00:02.000Z',
  everyMinutes: null,
  slotRuns: [],
};

describe('latestSlot and nextSlot', () => {
  it.each([
    ['2026-03-29T04:00:00.000Z', '2026-03-29T04:00:00.000Z', '2026-03-30T04:00:00.000Z'],
    ['2026-03-29T03:59:59.999Z', '2026-03-28T04:00:00.000Z', '2026-03-29T04:00:00.000Z'],
    ['2026-03-29T23:30:00.000Z', '2026-03-29T04:00:00.000Z', '2026-03-30T04:00:00.000Z'],
    // Summer time in London: the slot stays at 04:00 UTC (05:00 BST).
    ['2026-07-01T04:30:00.000Z', '2026-07-01T04:00:00.000Z', '2026-07-02T04:00:00.000Z'],
  ])('at %s the latest slot is %s and the next %s', (now, latest, next) => {
    expect(latestSlot(new Date(now)).toISOString()).toBe(latest);
    expect(nextSlot(new Date(now)).toISOString()).toBe(next);
  });
});

describe('decideScheduledRun', () => {
  it.each<
    [
      string,
      Partial<Omit<ScheduleInput, 'now'>> & { now: string },
      { trigger: string; slot: string | null } | null,
    ]
  >([
    ['nothing due between slots', { now: '2026-03-28T12:00:00.000Z' }, null],
    [
      'the 04:00 UTC slot is due once it arrives',
      { now: '2026-03-29T04:00:30.000Z' },
      { trigger: 'schedule', slot: '2026-03-29T04:00:00.000Z' },
    ],
    [
      'not due again once that slot ran',
      { now: '2026-03-29T04:05:00.000Z', lastScheduledRunAt: '2026-03-29T04:00:00.000Z' },
      null,
    ],
    [
      'a slot missed while the server was down runs once at start, however many were missed',
      { now: '2026-04-02T10:00:00.000Z' },
      { trigger: 'schedule', slot: '2026-04-02T04:00:00.000Z' },
    ],
    [
      'a new connection runs at once, with no slot to record',
      {
        now: '2026-03-28T12:00:10.000Z',
        connectedAt: '2026-03-28T12:00:00.000Z',
        lastScheduledRunAt: null,
        lastFullRunStartedAt: null,
      },
      { trigger: 'connect', slot: null },
    ],
    [
      'a connection made after the latest slot does not owe that slot',
      {
        now: '2026-03-28T12:00:10.000Z',
        connectedAt: '2026-03-28T12:00:00.000Z',
        lastScheduledRunAt: null,
        lastFullRunStartedAt: '2026-03-28T12:00:01.000Z',
      },
      null,
    ],
    [
      'a reconnection runs at once',
      {
        now: '2026-03-28T15:00:20.000Z',
        reconnectedAt: '2026-03-28T15:00:00.000Z',
        lastFullRunStartedAt: '2026-03-28T04:00:02.000Z',
      },
      { trigger: 'reconnect', slot: null },
    ],
    [
      'a connect run owed across a missed slot covers the slot too',
      {
        now: '2026-03-29T05:00:00.000Z',
        connectedAt: '2026-03-29T03:00:00.000Z',
        lastScheduledRunAt: null,
        lastFullRunStartedAt: null,
      },
      { trigger: 'connect', slot: '2026-03-29T04:00:00.000Z' },
    ],
  ])('%s', (_name, input, expected) => {
    const decision = decideScheduledRun({ ...base, ...input, now: new Date(input.now) });
    if (expected === null) {
      expect(decision.due).toBe(false);
    } else {
      expect(decision).toEqual({
        due: true,
        trigger: expected.trigger,
        slot: expected.slot === null ? null : new Date(expected.slot),
      });
    }
  });

  it('says when the next slot is when nothing is due', () => {
    const decision = decideScheduledRun({ ...base, now: new Date('2026-03-28T12:00:00.000Z') });
    expect(decision).toEqual({ due: false, nextAt: new Date('2026-03-29T04:00:00.000Z') });
  });
});

describe('retries of a failed 04:00 run (PRODUCT.md 4.2) and interval runs', () => {
  const ranSlot = {
    ...base,
    lastScheduledRunAt: '2026-03-29T04:00:00.000Z',
    lastFullRunStartedAt: '2026-03-29T04:00:01.000Z',
  };
  const failedAt = (finishedAt: string) => ({ status: 'failed' as const, finishedAt });

  it.each<[string, Omit<Partial<ScheduleInput>, 'now'> & { now: string }, string | null, string | null]>([
    [
      'the first retry comes 15 minutes after the failure',
      { now: '2026-03-29T04:15:05.000Z', slotRuns: [failedAt('2026-03-29T04:00:05.000Z')] },
      'retry',
      null,
    ],
    [
      'not before',
      { now: '2026-03-29T04:15:04.000Z', slotRuns: [failedAt('2026-03-29T04:00:05.000Z')] },
      null,
      '2026-03-29T04:15:05.000Z',
    ],
    [
      'the second an hour after the first retry failed',
      {
        now: '2026-03-29T05:16:00.000Z',
        slotRuns: [failedAt('2026-03-29T04:00:05.000Z'), failedAt('2026-03-29T04:16:00.000Z')],
      },
      'retry',
      null,
    ],
    [
      'the third four hours after that',
      {
        now: '2026-03-29T09:16:00.000Z',
        slotRuns: [
          failedAt('2026-03-29T04:00:05.000Z'),
          failedAt('2026-03-29T04:16:00.000Z'),
          failedAt('2026-03-29T05:16:00.000Z'),
        ],
      },
      'retry',
      null,
    ],
    [
      'no fourth: the next daily run comes',
      {
        now: '2026-03-29T20:00:00.000Z',
        slotRuns: [
          failedAt('2026-03-29T04:00:05.000Z'),
          failedAt('2026-03-29T04:16:00.000Z'),
          failedAt('2026-03-29T05:16:00.000Z'),
          failedAt('2026-03-29T09:16:00.000Z'),
        ],
      },
      null,
      '2026-03-30T04:00:00.000Z',
    ],
    [
      'no retry once a run of the slot did not fail',
      {
        now: '2026-03-29T06:00:00.000Z',
        slotRuns: [
          failedAt('2026-03-29T04:00:05.000Z'),
          { status: 'partial', finishedAt: '2026-03-29T04:16:00.000Z' },
        ],
      },
      null,
      '2026-03-30T04:00:00.000Z',
    ],
    [
      'an interval run is due that long after the last full run started',
      { now: '2026-03-29T04:30:01.000Z', everyMinutes: 30 },
      'interval',
      null,
    ],
    [
      'and says when it will be',
      { now: '2026-03-29T04:20:00.000Z', everyMinutes: 30 },
      null,
      '2026-03-29T04:30:01.000Z',
    ],
  ])('%s', (_name, overrides, trigger, nextAt) => {
    const decision = decideScheduledRun({ ...ranSlot, ...overrides, now: new Date(overrides.now) });
    if (trigger === null) {
      expect(decision).toEqual({ due: false, nextAt: new Date(nextAt ?? '') });
    } else {
      expect(decision).toEqual({ due: true, trigger, slot: null });
    }
  });
});
