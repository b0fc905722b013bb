import type { PlannedAction } from '@staffsync/shared';
import { isVendorError } from '../adapters/index.ts';
import { type HeldLeaver, type Store, StoreConflictError } from '../store/index.ts';
import { applyContextOf, applyPlan } from './apply-plan.ts';
import { beginRun, carryOutRun, type RunResult, type RunSession } from './carry-out-run.ts';
import { runResultOf } from './decide-run-status.ts';
import type { RunDeps } from './run-deps.ts';
import type { RunReport } from './run-report.ts';

export interface HeldLeaverDecision {
  /** The held leavers decided. */
  decided: HeldLeaver[];
  /** The run that applied approved leavers (trigger 'approval'); null when nothing was approved. */
  run: RunReport | null;
}

/**
 * R17: an administrator approves held leavers. They are applied, one at a time like any action, in a run of
 * their own (trigger 'approval', requested by `by`); the runs that held them end with the status they would have
 * had without the guard.
 * @throws StoreConflictError while the connection has a run under way.
 */
export async function approveHeldLeavers(
  deps: RunDeps,
  connectionId: number,
  by: string,
  ids?: number[],
): Promise<HeldLeaverDecision> {
  const pending = pendingLeavers(deps.store, connectionId, ids);
  if (pending.length === 0) return { decided: [], run: null };
  const begun = beginRun(deps, { connectionId, trigger: 'approval', dryRun: false, requestedBy: by });
  if (!begun.started) {
    throw new StoreConflictError(
      `run ${begun.run.id} is under way on connection ${connectionId}; decide after it ends`,
    );
  }
  const run = await carryOutRun(deps, begun, (session) => applyApproved(deps, session, pending));
  // A run that failed (bad key, crash) leaves them pending, to approve again; applying twice is harmless, as a
  // leaver who already has the date is skipped.
  if (run.status === 'failed') return { decided: [], run };
  const decided = deps.store.held.decide({
    connectionId,
    ids: pending.map((held) => held.id),
    decision: 'approved',
    decidedBy: by,
  });
  resolveHeldRuns(
    deps.store,
    connectionId,
    decided.map((held) => held.runId),
  );
  return { decided, run };
}

/** R17: an administrator rejects held leavers: nothing is written; the next sync decides them afresh. */
export function rejectHeldLeavers(
  deps: RunDeps,
  connectionId: number,
  by: string,
  ids?: number[],
): HeldLeaverDecision {
  const pending = pendingLeavers(deps.store, connectionId, ids);
  if (pending.length === 0) return { decided: [], run: null };
  const decided = deps.store.held.decide({
    connectionId,
    ids: pending.map((held) => held.id),
    decision: 'rejected',
    decidedBy: by,
  });
  resolveHeldRuns(
    deps.store,
    connectionId,
    decided.map((held) => held.runId),
  );
  return { decided, run: null };
}

function pendingLeavers(store: Store, connectionId: number, ids: number[] | undefined): HeldLeaver[] {
  const pending = store.held.list(connectionId, { status: 'pending' });
  return ids === undefined ? pending : pending.filter((held) => ids.includes(held.id));
}

async function applyApproved(deps: RunDeps, session: RunSession, approved: HeldLeaver[]): Promise<RunResult> {
  const { store } = deps;
  const { connection, clients } = session;
  const actions: PlannedAction[] = [];
  for (const held of approved) {
    // The user as it is now, so the change records the leave date it replaces.
    let before: string | null = null;
    try {
      const read = await clients.expensein.getUser(held.userId);
      if (read.ok) before = read.user.leaveDate;
    } catch (error) {
      if (!isVendorError(error) || error.kind === 'auth') throw error;
      // The PATCH below meets the same problem and records it as this leaver's failure.
    }
    if (before === held.leaveDate) continue;
    const link = store.links.get(connection.id, { employeeNumber: held.employeeNumber });
    const lastWritten = link?.userId === held.userId ? link.lastWritten : {};
    actions.push({
      kind: 'mark_leaver',
      rule: 'R12',
      subject: {
        employeeNumber: held.employeeNumber,
        userId: held.userId,
        sourceId: null,
        name: held.subjectName,
      },
      userId: held.userId,
      write: { leaveDate: held.leaveDate },
      changes: [{ field: 'leaveDate', rule: 'R12', before, after: held.leaveDate, overwritten: false }],
      link: {
        employeeNumber: held.employeeNumber,
        lastWritten: { ...lastWritten, leaveDate: held.leaveDate },
        leaveDateSetBySync: held.leaveDate,
      },
    });
  }
  const applied = await applyPlan(applyContextOf(deps, session), {
    actions,
    held: [],
    outcomes: [],
    abort: null,
    links: [],
  });
  return runResultOf({ actions: applied.actions, outcomes: applied.outcomes, employees: 0, unchanged: 0 });
}

/**
 * R17 after a full run (`heldBefore`: the leavers pending when it began). Its plan is what HR says now, so it settles
 * what earlier runs held: a leaver it held again was moved to it (held-leavers-repo.ts add); one it did not hold
 * again (HR no longer says so, or the run applied it) is rejected as superseded, so it can never be approved later
 * with a date HR has dropped. The earlier runs then wait for nothing, and end as resolveHeldRuns says.
 */
export function settleEarlierHeldLeavers(
  store: Store,
  connectionId: number,
  runId: number,
  heldBefore: HeldLeaver[],
): void {
  const superseded = store.held
    .list(connectionId, { status: 'pending' })
    .filter((held) => held.runId !== runId);
  if (superseded.length > 0) {
    store.held.decide({
      connectionId,
      ids: superseded.map((held) => held.id),
      decision: 'rejected',
      decidedBy: `superseded by run ${runId}`,
    });
  }
  resolveHeldRuns(
    store,
    connectionId,
    heldBefore.map((held) => held.runId),
  );
}

/**
 * A held run ends once none of its leavers waits: partial if it skipped, conflicted or failed anything,
 * else succeeded (PRODUCT.md 2).
 */
function resolveHeldRuns(store: Store, connectionId: number, runIds: number[]): void {
  for (const runId of new Set(runIds)) {
    const run = store.runs.get(runId);
    if (run?.status !== 'held') continue;
    if (store.held.list(connectionId, { status: 'pending', runId }).length > 0) continue;
    const incomplete =
      store.runItems.list(runId, { kind: 'outcome', severity: ['skipped', 'conflict', 'failed'], limit: 1 })
        .total > 0 || store.runItems.list(runId, { kind: 'action', result: 'failed', limit: 1 }).total > 0;
    store.runs.resolveHeld(runId, incomplete ? 'partial' : 'succeeded');
  }
}
