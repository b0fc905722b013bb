import type { Outcome, ResyncResponse, UserKey } from '@staffsync/shared';
import type { RunDeps } from '../run/run-deps.ts';
import { startSync } from '../run/run-sync.ts';
import { UserNotFoundError } from '../run/user-not-found-error.ts';
import { StoreConflictError } from '../store/index.ts';

export interface ResyncInput {
  connectionId: number;
  key: UserKey;
  /** The API token's name (PRODUCT.md 4.2: who triggered the run is kept). */
  requestedBy: string | null;
}

/**
 * The Resync button (PRODUCT.md 4.4): a run of the one engine with scope `user` and trigger 'single-user', which
 * reads that user and its employee, plans them with the same rules as every run and applies the plan, answering
 * with its step trace and what it changed (the run's own items). An administrator waiting in the Edit User window is
 * not made to wait for a whole-company run under way: that is a 409.
 * @throws StoreNotFoundError, StoreConflictError (disconnected, or a run under way), UserNotFoundError.
 */
export async function resyncUser(deps: RunDeps, input: ResyncInput): Promise<ResyncResponse> {
  const running = await deps.store.runs.running(input.connectionId);
  if (running && !(await deps.store.runs.isAbandoned(running))) {
    throw new StoreConflictError(
      `run ${running.id} is under way on connection ${input.connectionId}: resync once it has ended`,
    );
  }
  let failure: unknown = null;
  const handle = await startSync(deps, {
    connectionId: input.connectionId,
    scope: { kind: 'user', key: input.key },
    trigger: 'single-user',
    requestedBy: input.requestedBy,
    onFailure: (error) => {
      failure = error;
    },
  });
  const report = await handle.done;
  if (failure instanceof UserNotFoundError) throw failure;
  const items = await deps.store.runItems.all(report.runId);
  const outcomes: Outcome[] = items.flatMap((item) =>
    item.kind === 'outcome' && item.code && item.severity
      ? [
          {
            rule: item.rule,
            code: item.code,
            severity: item.severity,
            subject: item.subject,
            message: item.message,
            details: item.details,
          },
        ]
      : [],
  );
  return {
    runId: report.runId,
    status: report.status === 'running' ? 'failed' : report.status,
    trace: report.trace ?? [],
    changes: items
      .filter((item) => item.kind === 'action' && item.result === 'applied')
      .flatMap((item) => item.changes),
    outcomes,
  };
}
