import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore, testConnection } from './open-temp-store.ts';

let temp: TempStore;
let connectionId: number;
beforeEach(() => {
  temp = openTempStore();
  connectionId = temp.store.connections.create(testConnection()).id;
});
afterEach(() => temp.cleanup());

function heldRun(): number {
  const { run } = temp.store.runs.start({ connectionId, trigger: 'schedule', dryRun: false });
  temp.store.runs.finish(run.id, { status: 'held' });
  return run.id;
}

describe('held leavers (R17)', () => {
  it('are pending until decided; a decision applies to pending ones only and records who made it', () => {
    const runId = heldRun();
    const { held } = temp.store;
    const [a, b, c] = held.add(runId, [
      { employeeNumber: 'E1', userId: 1, leaveDate: '2026-11-30', subjectName: 'Ada' },
      { employeeNumber: 'E2', userId: 2, leaveDate: '2026-11-30' },
      { employeeNumber: 'E3', userId: 3, leaveDate: '2026-12-31' },
    ]);
    expect(a).toMatchObject({ status: 'pending', connectionId, runId, subjectName: 'Ada', decidedAt: null });

    const approved = held.decide({
      connectionId,
      ids: [a?.id ?? 0],
      decision: 'approved',
      decidedBy: 'token:admin',
    });
    expect(approved).toMatchObject([{ id: a?.id, status: 'approved', decidedBy: 'token:admin' }]);

    const rejected = held.decide({ connectionId, decision: 'rejected', decidedBy: 'cli' });
    expect(rejected.map((h) => h.id)).toEqual([b?.id, c?.id]);
    expect(held.decide({ connectionId, decision: 'approved', decidedBy: 'cli' })).toEqual([]);
    expect(held.list(connectionId, { status: 'pending' })).toEqual([]);
    expect(held.list(connectionId).map((h) => h.status)).toEqual(['approved', 'rejected', 'rejected']);
  });

  it('moves a leaver still pending from an earlier run to the newer run instead of holding it twice', () => {
    const { held } = temp.store;
    const firstRun = heldRun();
    const [first] = held.add(firstRun, [{ employeeNumber: 'E1', userId: 1, leaveDate: '2026-11-30' }]);
    const secondRun = heldRun();
    held.add(secondRun, [{ employeeNumber: 'E1', userId: 1, leaveDate: '2026-12-05' }]);

    expect(held.list(connectionId)).toMatchObject([
      { id: first?.id, runId: secondRun, leaveDate: '2026-12-05', status: 'pending' },
    ]);
    expect(held.list(connectionId, { runId: firstRun })).toEqual([]);
  });

  it('does not decide another connection’s leavers', () => {
    const other = temp.store.connections.create(testConnection({ name: 'Other' })).id;
    const [mine] = temp.store.held.add(heldRun(), [
      { employeeNumber: 'E1', userId: 1, leaveDate: '2026-11-30' },
    ]);
    expect(
      temp.store.held.decide({
        connectionId: other,
        ids: [mine?.id ?? 0],
        decision: 'approved',
        decidedBy: 'x',
      }),
    ).toEqual([]);
    expect(temp.store.held.list(connectionId)[0]?.status).toBe('pending');
  });
});
