import type { IsoDate } from '@staffsync/shared';
import type { Logger } from '../logging/create-logger.ts';
import { hashBank, type Store } from '../store/index.ts';
import { planSync } from '../sync/plan-sync.ts';
import { countUnchanged } from '../sync/summarise-plan.ts';
import { applyContextOf, applyPlan } from './apply-plan.ts';
import type { RunResult, RunSession } from './carry-out-run.ts';
import { type CountedAction, countRun } from './count-run.ts';
import { settleEarlierHeldLeavers } from './decide-held-leavers.ts';
import { runResultOf } from './decide-run-status.ts';
import type { SyncInput } from './fetch-sync-input.ts';
import { reconcileIntents } from './reconcile-intents.ts';
import { recordDryRun } from './record-dry-run.ts';

/** Today for the planner: the UTC date of the injected clock (the schedule is UTC too). */
export function todayUtc(now: Date): IsoDate {
  return now.toISOString().slice(0, 10);
}

/**
 * A full run from what was read to its result: settle interrupted creates, plan (today from the injected clock),
 * then apply and settle what earlier runs held (R17), or only record the plan for a dry run, and count. A
 * single-user resync plans and applies one employee instead (users/resync-user.ts).
 */
export async function planAndApply(
  deps: { store: Store; logger: Logger; clock: () => Date },
  session: RunSession,
  input: SyncInput,
  onApplyProgress?: (done: number, total: number) => void,
): Promise<RunResult> {
  const { store, logger } = deps;
  const { connection, run, timings } = session;
  const employees = input.employees.length;
  const details: Record<string, number> = { users: input.users.length };
  if (input.referencesUnique === false) {
    // The seed recommends the setting; without it two users can share a reference and R4 blocks the employee.
    details.referencesNotUnique = 1;
    logger.warn(
      { runId: run.id },
      'ExpenseIn\'s "User references must be unique" setting is off (Account tab): turn it on so R4 cannot happen',
    );
  }

  if (!run.dryRun) {
    // Evidence of which ExpenseIn account this connection syncs, for checking new keys (PRODUCT.md 4.3).
    store.connections.recordUserSample(
      connection.id,
      input.users.map((user) => user.id),
    );
    const settled = reconcileIntents(store, connection.id, input.users, input.invalidRecords);
    if (settled.found.length + settled.lost.length + settled.unsure.length > 0) {
      logger.warn({ runId: run.id, ...settled }, 'settled the creates of an interrupted run');
    }
  }

  let started = performance.now();
  const plan = planSync({
    employees: input.employees,
    invalidRecords: input.invalidRecords,
    users: input.users,
    departments: input.departments,
    links: store.links.forConnection(connection.id),
    settings: connection.settings,
    today: todayUtc(deps.clock()),
    hashBank: (bank) => hashBank(store.bankHashKey, bank),
  });
  timings.planMs = Math.round(performance.now() - started);

  if (plan.abort) {
    // R18: no change at all; the outcome says why.
    store.runItems.add(
      run.id,
      plan.outcomes.map((outcome) => ({ kind: 'outcome', outcome })),
    );
    return {
      status: 'failed',
      tally: countRun({ actions: [], outcomes: plan.outcomes, employees, unchanged: 0, details }),
      error: plan.abort.message,
    };
  }

  started = performance.now();
  let actions: CountedAction[];
  let outcomes = plan.outcomes;
  if (run.dryRun) {
    actions = recordDryRun(store, run.id, plan);
  } else {
    const heldBefore = store.held.list(connection.id, { status: 'pending' });
    const applied = await applyPlan(applyContextOf(deps, session, onApplyProgress), plan);
    actions = applied.actions;
    outcomes = applied.outcomes;
    settleEarlierHeldLeavers(store, connection.id, run.id, heldBefore);
  }
  timings.applyMs = Math.round(performance.now() - started);

  return runResultOf({ actions, outcomes, employees, unchanged: countUnchanged(plan), details });
}
