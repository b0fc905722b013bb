import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore, testConnection, testDialects } from './open-temp-store.ts';

// Part of the store's contract suite: the same tests on every dialect (open-temp-store.ts testDialects).
describe.each(testDialects())('prune runs on %s', (dialect) => {
  const day = 86_400_000;
  let temp: TempStore;
  let connectionId: number;
  beforeEach(async () => {
    temp = await openTempStore({ dialect, runLeaseMs: 1000 * day });
    connectionId = (await temp.store.connections.create(testConnection())).id;
  });
  afterEach(() => temp.cleanup());

  async function finishedRun(items: number, status: 'succeeded' | 'held' = 'succeeded'): Promise<number> {
    const { runs, runItems } = temp.store;
    const { run } = await runs.start({ connectionId, trigger: 'schedule', dryRun: false });
    await runItems.add(
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
    await runs.finish(run.id, { status });
    return run.id;
  }

  describe('prune', () => {
    it('deletes runs older than the retention with their items, and keeps newer, running and undecided ones', async () => {
      const { runs, held, runItems } = temp.store;
      const old = await finishedRun(3);
      const oldHeld = await finishedRun(1, 'held');
      await held.add(oldHeld, [{ employeeNumber: 'E9', userId: 9, leaveDate: '2026-11-30' }]);
      const other = (await temp.store.connections.create(testConnection({ name: 'Other' }))).id;
      const oldRunning = (await runs.start({ connectionId: other, trigger: 'manual', dryRun: false })).run.id;
      temp.clock.advance(31 * day);
      const recent = await finishedRun(2);

      expect(await temp.store.prune({ olderThanDays: 30 })).toEqual({ runs: 1, items: 3 });
      expect(await runs.get(old)).toBeNull();
      expect((await runItems.list(old)).total).toBe(0);
      expect(await runs.get(oldHeld)).not.toBeNull();
      expect((await runs.get(oldRunning))?.status).toBe('running');
      expect((await runItems.list(recent)).total).toBe(2);

      await held.decide({ connectionId, decision: 'rejected', decidedBy: 'cli' });
      expect(await temp.store.prune({ olderThanDays: 30 })).toEqual({ runs: 1, items: 1 });
      expect(await held.list(connectionId)).toEqual([]);
    });

    it('refuses a negative retention', async () => {
      await expect(temp.store.prune({ olderThanDays: -1 })).rejects.toThrow(/olderThanDays/);
    });
  });
});
