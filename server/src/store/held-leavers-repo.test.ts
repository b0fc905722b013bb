import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore, testConnection, testDialects } from './open-temp-store.ts';

// Part of the store's contract suite: the same tests on every dialect (open-temp-store.ts testDialects).
describe.each(testDialects())('held leavers on %s', (dialect) => {
  let temp: TempStore;
  let connectionId: number;
  beforeEach(async () => {
    temp = await openTempStore({ dialect });
    connectionId = (await temp.store.connections.create(testConnection())).id;
  });
  afterEach(() => temp.cleanup());

  async function heldRun(): Promise<number> {
    const { run } = await temp.store.runs.start({ connectionId, trigger: 'schedule', dryRun: false });
    await temp.store.runs.finish(run.id, { status: 'held' });
    return run.id;
  }

  describe('held leavers (R17)', () => {
    it('are pending until decided; a decision applies to pending ones only and records who made it', async () => {
      const runId = await heldRun();
      const { held } = temp.store;
      const [a, b, c] = await held.add(runId, [
        { employeeNumber: 'E1', userId: 1, leaveDate: '2026-11-30', subjectName: 'Ada' },
        { employeeNumber: 'E2', userId: 2, leaveDate: '2026-11-30' },
        { employeeNumber: 'E3', userId: 3, leaveDate: '2026-12-31' },
      ]);
      expect(a).toMatchObject({
        status: 'pending',
        connectionId,
        runId,
        subjectName: 'Ada',
        decidedAt: null,
      });

      const approved = await held.decide({
        connectionId,
        ids: [a?.id ?? 0],
        decision: 'approved',
        decidedBy: 'token:admin',
      });
      expect(approved).toMatchObject([{ id: a?.id, status: 'approved', decidedBy: 'token:admin' }]);

      const rejected = await held.decide({ connectionId, decision: 'rejected', decidedBy: 'cli' });
      expect(rejected.map((h) => h.id)).toEqual([b?.id, c?.id]);
      expect(await held.decide({ connectionId, decision: 'approved', decidedBy: 'cli' })).toEqual([]);
      expect(await held.list(connectionId, { status: 'pending' })).toEqual([]);
      expect((await held.list(connectionId)).map((h) => h.status)).toEqual([
        'approved',
        'rejected',
        'rejected',
      ]);
    });

    it('moves a leaver still pending from an earlier run to the newer run instead of holding it twice', async () => {
      const { held } = temp.store;
      const firstRun = await heldRun();
      const [first] = await held.add(firstRun, [
        { employeeNumber: 'E1', userId: 1, leaveDate: '2026-11-30' },
      ]);
      const secondRun = await heldRun();
      await held.add(secondRun, [{ employeeNumber: 'E1', userId: 1, leaveDate: '2026-12-05' }]);

      expect(await held.list(connectionId)).toMatchObject([
        { id: first?.id, runId: secondRun, leaveDate: '2026-12-05', status: 'pending' },
      ]);
      expect(await held.list(connectionId, { runId: firstRun })).toEqual([]);
    });

    it('does not decide another connection’s leavers', async () => {
      const other = (await temp.store.connections.create(testConnection({ name: 'Other' }))).id;
      const [mine] = await temp.store.held.add(await heldRun(), [
        { employeeNumber: 'E1', userId: 1, leaveDate: '2026-11-30' },
      ]);
      expect(
        await temp.store.held.decide({
          connectionId: other,
          ids: [mine?.id ?? 0],
          decision: 'approved',
          decidedBy: 'x',
        }),
      ).toEqual([]);
      expect((await temp.store.held.list(connectionId))[0]?.status).toBe('pending');
    });
  });
});
