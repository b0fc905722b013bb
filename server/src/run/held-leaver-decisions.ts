import type { HeldLeaver, Store } from '../store/index.ts';
import type { ApplyResult } from './apply-plan.ts';
import type { SyncScope } from './sync-scope.ts';

/**
 * R17 after a run wrote (PRODUCT.md 2, held leavers):
 * - A run of the whole employer plans from what HR says now, so it settles what earlier runs held: a leaver it held
 *   again was moved to it (held-leavers-repo.ts add); one it did not hold again (HR no longer says so, or the run
 *   applied it) is released, so it can never be approved later with a date HR has dropped.
 * - An approval read those employees again: each marked with the date HR holds now is approved; one no longer a
 *   leaver in HR (or gone from it) is released, not marked; one whose write failed stays pending, to approve again.
 * The runs that held them end once none of their leavers waits.
 */
export async function settleHeldLeavers(
  store: Store,
  run: {
    connectionId: number;
    runId: number;
    scope: SyncScope;
    heldBefore: HeldLeaver[];
    /** The held leavers the run read again (an approval's). */
    heldRead: HeldLeaver[];
    /** Employee numbers HR says are leavers, as the run read them. */
    hrLeavers: ReadonlySet<string>;
    applied: ApplyResult;
  },
): Promise<void> {
  const { connectionId, runId } = run;
  if (run.scope.kind === 'employer') {
    const superseded = (await store.held.list(connectionId, { status: 'pending' })).filter(
      (held) => held.runId !== runId,
    );
    await decide(store, connectionId, superseded, 'released', `superseded by run ${runId}`);
  }
  if (run.scope.kind === 'held-leavers') {
    const results = new Map<string, 'applied' | 'failed'>();
    for (const action of run.applied.actions) {
      const number = action.action.subject.employeeNumber;
      if (action.kind !== 'mark_leaver' || number === null) continue;
      if (action.result === 'applied' || action.result === 'failed') results.set(number, action.result);
    }
    const leaving = run.hrLeavers;
    const approved: HeldLeaver[] = [];
    const released: HeldLeaver[] = [];
    for (const held of run.heldRead) {
      const result = results.get(held.employeeNumber);
      if (result === 'failed') continue;
      if (result === 'applied' || leaving.has(held.employeeNumber)) approved.push(held);
      else released.push(held);
    }
    await decide(store, connectionId, approved, 'approved', `approval run ${runId}`);
    await decide(
      store,
      connectionId,
      released,
      'released',
      `no longer a leaver in Staffology (run ${runId})`,
    );
  }
  await resolveHeldRuns(
    store,
    connectionId,
    [...run.heldBefore, ...run.heldRead].map((held) => held.runId),
  );
}

/** R17: an administrator rejects held leavers: nothing is written, and those dates are not held or marked again. */
export async function rejectHeldLeavers(
  store: Store,
  connectionId: number,
  by: string,
  ids?: number[],
): Promise<HeldLeaver[]> {
  const pending = (await store.held.list(connectionId, { status: 'pending' })).filter(
    (held) => ids === undefined || ids.includes(held.id),
  );
  const decided = await decide(store, connectionId, pending, 'rejected', by);
  await resolveHeldRuns(
    store,
    connectionId,
    decided.map((held) => held.runId),
  );
  return decided;
}

async function decide(
  store: Store,
  connectionId: number,
  leavers: HeldLeaver[],
  decision: 'approved' | 'rejected' | 'released',
  by: string,
): Promise<HeldLeaver[]> {
  if (leavers.length === 0) return [];
  return store.held.decide({ connectionId, ids: leavers.map((held) => held.id), decision, decidedBy: by });
}

/**
 * A held run ends once none of its leavers waits: partial if it skipped, conflicted or failed anything,
 * else succeeded (PRODUCT.md 2).
 */
async function resolveHeldRuns(store: Store, connectionId: number, runIds: number[]): Promise<void> {
  for (const runId of new Set(runIds)) {
    const run = await store.runs.get(runId);
    if (run?.status !== 'held') continue;
    if ((await store.held.list(connectionId, { status: 'pending', runId })).length > 0) continue;
    const troubles = await store.runItems.list(runId, {
      kind: 'outcome',
      severity: ['skipped', 'conflict', 'failed'],
      limit: 1,
    });
    const failures = await store.runItems.list(runId, { kind: 'action', result: 'failed', limit: 1 });
    const incomplete = troubles.total > 0 || failures.total > 0;
    await store.runs.resolveHeld(runId, incomplete ? 'partial' : 'succeeded');
  }
}
