import type { Outcome, Plan, PlannedAction } from '@staffsync/shared';
import PQueue from 'p-queue';
import { VendorError } from '../adapters/http/vendor-error.ts';
import type { Logger } from '../logging/create-logger.ts';
import { type ActionResult, type Store, StoreConflictError } from '../store/index.ts';
import { makeOutcome } from '../sync/make-outcome.ts';
import type { RunSession } from './carry-out-run.ts';
import type { CountedAction } from './count-run.ts';
import { describeAction } from './describe-action.ts';
import type { ExpenseInWriter } from './expensein-writer.ts';

export interface ApplyContext {
  store: Store;
  connectionId: number;
  runId: number;
  expensein: ExpenseInWriter;
  logger: Logger;
  /** Called before every write; throws to stop the run (e.g. it lost its lease to a newer process). */
  checkpoint?: () => void;
  onProgress?: (done: number, total: number) => void;
}

/** The applier's context for the run `session` carries out: its connection, its ExpenseIn client, its lease. */
export function applyContextOf(
  deps: { store: Store; logger: Logger },
  session: RunSession,
  onProgress?: (done: number, total: number) => void,
): ApplyContext {
  return {
    store: deps.store,
    connectionId: session.connection.id,
    runId: session.run.id,
    expensein: session.clients.expensein,
    logger: deps.logger,
    checkpoint: session.checkpoint,
    ...(onProgress ? { onProgress } : {}),
  };
}

export interface AppliedAction extends CountedAction {
  action: PlannedAction;
  /** The user written to; for a create, the new user's id (null if it failed). */
  userId: number | null;
  error: string | null;
}

export interface ApplyResult {
  actions: AppliedAction[];
  /** The plan's outcomes as recorded, plus an `action_failed` outcome per failed write. */
  outcomes: Outcome[];
}

/**
 * Carries out a plan against ExpenseIn one action at a time, recording each result as a run item as soon as it is
 * known, so a crash loses nothing already done (PRODUCT.md 4.2). One employee's failure is that employee's
 * `action_failed` outcome and the run goes on (STYLE.md 5); an error of any other kind stops the run.
 */
export async function applyPlan(ctx: ApplyContext, plan: Plan): Promise<ApplyResult> {
  const { store, connectionId, runId } = ctx;
  // Links of linked employees are stored whatever the writes do: they record what users already hold in
  // agreement with HR, so later drift can be labelled (sync-model.ts Plan.links).
  if (plan.links.length > 0) store.links.upsertMany(connectionId, plan.links);

  // needs_setup is true only once the user exists: it is recorded with its create, below.
  const creating = new Set(
    plan.actions.filter((action) => action.kind === 'create').map((action) => action.subject.employeeNumber),
  );
  const deferred = (outcome: Outcome) =>
    outcome.code === 'needs_setup' && creating.has(outcome.subject.employeeNumber);
  const outcomes = plan.outcomes.filter((outcome) => !deferred(outcome));
  // Looked up per applied create: grouped once, not filtered from every outcome per action (50,000 x 50,000).
  const setupByEmployee = new Map<string | null, Outcome[]>();
  for (const outcome of plan.outcomes) {
    if (!deferred(outcome)) continue;
    const key = outcome.subject.employeeNumber;
    setupByEmployee.set(key, [...(setupByEmployee.get(key) ?? []), outcome]);
  }
  store.runItems.add(
    runId,
    outcomes.map((outcome) => ({ kind: 'outcome', outcome })),
  );

  const applied: AppliedAction[] = [];
  if (plan.held.length > 0) holdLeavers(ctx, plan.held, applied);

  let done = 0;
  ctx.onProgress?.(done, plan.actions.length);
  // The planner makes actions independent of each other (one per user; an email or reference it gives one action
  // is taken for every other), so they can be written side by side, as many at once as the client allows: one by
  // one, a first sync would take about five times its rate-limit floor (docs/benchmarks.md). Each result is still
  // recorded the moment it is known. The first error that is not one employee's failure stops the run: nothing
  // new starts, the writes under way finish and are recorded, then it is thrown.
  const queue = new PQueue({ concurrency: Math.max(1, ctx.expensein.concurrency ?? 1) });
  const stop: { error?: unknown; stopped: boolean } = { stopped: false };
  const record = (action: PlannedAction, result: AppliedAction) => {
    applied.push(result);
    if (result.result === 'applied') {
      const setup = setupByEmployee.get(action.subject.employeeNumber) ?? [];
      const recorded = setup.map((outcome) => ({
        ...outcome,
        subject: { ...outcome.subject, userId: result.userId },
      }));
      store.runItems.add(
        runId,
        recorded.map((outcome) => ({ kind: 'outcome', outcome })),
      );
      outcomes.push(...recorded);
    } else {
      outcomes.push(failedOutcome(result));
    }
    done += 1;
    ctx.onProgress?.(done, plan.actions.length);
  };
  for (const action of plan.actions) {
    // Queue a few ahead of the writes under way, not the whole plan at once (50,000 pending tasks on a first sync).
    await queue.onSizeLessThan(queue.concurrency * 2);
    if (stop.stopped) break;
    void queue.add(async () => {
      if (stop.stopped) return;
      try {
        ctx.checkpoint?.();
        record(action, await applyAction(ctx, action));
      } catch (error) {
        if (!stop.stopped) Object.assign(stop, { stopped: true, error });
        queue.clear();
      }
    });
  }
  await queue.onIdle();
  if (stop.stopped) throw stop.error;
  return { actions: applied, outcomes };
}

/** R17: held leaver actions wait in the store for an administrator; nothing is written to ExpenseIn. */
function holdLeavers(ctx: ApplyContext, held: PlannedAction[], applied: AppliedAction[]): void {
  const leavers = held.flatMap((action) => {
    const leaveDate = action.write.leaveDate;
    if (action.userId === null || action.subject.employeeNumber === null || !leaveDate) return [];
    return [
      {
        employeeNumber: action.subject.employeeNumber,
        userId: action.userId,
        leaveDate,
        subjectName: action.subject.name,
      },
    ];
  });
  ctx.store.transaction(() => {
    ctx.store.held.add(ctx.runId, leavers);
    ctx.store.runItems.add(
      ctx.runId,
      held.map((action) => actionItem(action, 'held', action.userId, null)),
    );
  });
  for (const action of held) {
    applied.push({
      action,
      kind: action.kind,
      changes: action.changes,
      result: 'held',
      userId: action.userId,
      error: null,
    });
  }
}

async function applyAction(ctx: ApplyContext, action: PlannedAction): Promise<AppliedAction> {
  try {
    const userId = action.kind === 'create' ? await createUser(ctx, action) : await updateUser(ctx, action);
    return { action, kind: action.kind, changes: action.changes, result: 'applied', userId, error: null };
  } catch (error) {
    if (!isActionFailure(error)) throw error;
    const message = error.message;
    ctx.logger.warn(
      { runId: ctx.runId, employeeNumber: action.subject.employeeNumber, kind: action.kind, error: message },
      'action failed',
    );
    const failed: AppliedAction = {
      action,
      kind: action.kind,
      changes: action.changes,
      result: 'failed',
      userId: action.userId,
      error: message,
    };
    ctx.store.runItems.add(ctx.runId, [
      actionItem(action, 'failed', action.userId, message),
      { kind: 'outcome', outcome: failedOutcome(failed) },
    ]);
    return failed;
  }
}

/**
 * R10 with a create intent (PRODUCT.md 4.2: never a second user for one employee): the intent is recorded before
 * the POST and settled after it. When the answer is lost (timeout, dropped connection, 5xx, an unreadable 201) the
 * user may exist, so the intent stays pending and the next run finds the user by Reference (reconcile-intents.ts).
 */
async function createUser(ctx: ApplyContext, action: PlannedAction): Promise<number> {
  const { store } = ctx;
  const employeeNumber = action.subject.employeeNumber ?? action.link.employeeNumber;
  const intent = store.intents.record({
    connectionId: ctx.connectionId,
    employeeNumber,
    runId: ctx.runId,
    email: action.write.email ?? '',
  });
  let userId: number;
  try {
    userId = (await ctx.expensein.createUser(action.write)).id;
  } catch (error) {
    if (error instanceof VendorError && isRefusal(error)) store.intents.fail(intent.id, error.message);
    throw error;
  }
  store.transaction(() => {
    store.intents.complete(intent.id, userId);
    store.links.upsertMany(ctx.connectionId, [{ ...action.link, userId }]);
    store.runItems.add(ctx.runId, [actionItem(action, 'applied', userId, null)]);
  });
  return userId;
}

async function updateUser(ctx: ApplyContext, action: PlannedAction): Promise<number> {
  const { store } = ctx;
  const userId = action.userId;
  if (userId === null)
    throw new Error(`a ${action.kind} action without a user id (employee ${action.subject.employeeNumber})`);
  await ctx.expensein.updateUser(userId, action.write);
  store.transaction(() => {
    store.links.upsertMany(ctx.connectionId, [{ ...action.link, userId }]);
    store.runItems.add(ctx.runId, [actionItem(action, 'applied', userId, null)]);
  });
  return userId;
}

/**
 * One employee's failure: ExpenseIn refused or failed this write, or an earlier create for the employee is still
 * unsettled. A 401 is not: the key is bad for every write, so the run fails as a credentials error (PRODUCT.md 2).
 */
function isActionFailure(error: unknown): error is VendorError | StoreConflictError {
  if (error instanceof StoreConflictError) return true;
  return error instanceof VendorError && error.kind !== 'auth';
}

/** ExpenseIn answered and did not create the user (4xx, including a 429 never let through). */
function isRefusal(error: VendorError): boolean {
  return error.status !== null && error.status >= 400 && error.status < 500;
}

function failedOutcome(result: AppliedAction): Outcome {
  const { action } = result;
  return makeOutcome(
    'action_failed',
    null,
    { ...action.subject, userId: result.userId },
    `${describeAction(action, 'failed', result.userId)}: ${result.error ?? 'unknown error'}`,
    { actionKind: action.kind, rule: action.rule },
  );
}

function actionItem(
  action: PlannedAction,
  result: ActionResult,
  userId: number | null,
  error: string | null,
) {
  return {
    kind: 'action' as const,
    actionKind: action.kind,
    rule: action.rule,
    subject: { ...action.subject, userId },
    changes: action.changes,
    message: describeAction(action, result, userId),
    result,
    error,
  };
}
