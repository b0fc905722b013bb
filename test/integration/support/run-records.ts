import type { RunItem } from '@staffsync/server';
import type { OutcomeCode } from '@staffsync/shared';
import type { SyncHarness } from './sync-harness.ts';

/** The outcomes of a run with this code, in the order recorded. */
export function outcomesOf(harness: SyncHarness, runId: number, code: OutcomeCode): Promise<RunItem[]> {
  return harness.items(runId, { kind: 'outcome', code });
}

/** The actions of a run (create, update, mark_leaver, reinstate) with their results. */
export function actionsOf(harness: SyncHarness, runId: number): Promise<RunItem[]> {
  return harness.items(runId, { kind: 'action' });
}

/** The one action a run recorded for an employee; fails the test if there is not exactly one. */
export async function actionFor(
  harness: SyncHarness,
  runId: number,
  employeeNumber: string,
): Promise<RunItem> {
  const found = (await actionsOf(harness, runId)).filter(
    (item) => item.subject.employeeNumber === employeeNumber,
  );
  if (found.length !== 1) {
    throw new Error(
      `expected one action for employee ${employeeNumber} in run ${runId}, found ${found.length}`,
    );
  }
  return found[0] as RunItem;
}

/** Outcome codes by employee number (`-` for none), for a compact assertion over a whole run. */
export async function outcomeCodes(harness: SyncHarness, runId: number): Promise<string[]> {
  return (await harness.items(runId, { kind: 'outcome' })).map(
    (item) => `${item.subject.employeeNumber ?? '-'}:${item.rule ?? '-'}:${item.code}`,
  );
}
