import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore, testConnection } from './open-temp-store.ts';

const day = 86_400_000;
let temp: TempStore;
let connectionId: number;
beforeEach(() => {
  temp = openTempStore({ runLeaseMs: 1000 * day });
  connectionId = temp.store.connections.create(testConnection()).id;
});
afterEach(() => temp.cleanup());

function finishedRun(items: number, status: 'succeeded' | 'held' = 'succeeded'): number {
  const { runs, runItems } = temp.store;
  const { run } = runs.start({ connectionId, trigger: 'schedule', dryRun: false });
  runItems.add(
    run.id,
    Array.from({ length: items }, (_, i) => ({
      kind: 'outcome' as const,
      outcome: {
        rule: 'R13' as const,
        code: 'leaver_not_in_expensein' as const,
        severity: 'info' as const,
        subject: { employeeNumber: `E${i}`, userId: null, sourceId: null, name: null },
        message: 'not in ExpenseIn',
        details: {},
      },
    })),
  );
  runs.finish(run.id, { status });
  return run.id;
}

describe('prune', () => {
  it('deletes runs older than the retention with their items, and keeps newer, running and undecided ones', () => {
    const { runs, held, runItems } = temp.store;
    const old = finishedRun(3);
    const oldHeld = finishedRun(1, 'held');
    held.add(oldHeld, [{ employeeNumber: 'E9', userId: 9, leaveDate: '2026-11-30' }]);
    const other = temp.store.connections.create(testConnection({ name: 'Other' })).id;
    const oldRunning = runs.start({ connectionId: other, trigger: 'manual', dryRun: false }).run.id;
    temp.clock.advance(31 * day);
    const recent = finishedRun(2);

    expect(temp.store.prune({ olderThanDays: 30 })).toEqual({ runs: 1, items: 3 });
    expect(runs.get(old)).toBeNull();
    expect(runItems.list(old).total).toBe(0);
    expect(runs.get(oldHeld)).not.toBeNull();
    expect(runs.get(oldRunning)?.status).toBe('running');
    expect(runItems.list(recent).total).toBe(2);

    held.decide({ connectionId, decision: 'rejected', decidedBy: 'cli' });
    expect(temp.store.prune({ olderThanDays: 30 })).toEqual({ runs: 1, items: 1 });
    expect(held.list(connectionId)).toEqual([]);
  });

  it('refuses a negative retention', () => {
    expect(() => temp.store.prune({ olderThanDays: -1 })).toThrow(/olderThanDays/);
  });
});
