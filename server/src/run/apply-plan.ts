import type { ChangeAction, CreateAction, Link, Outcome, Plan, PlannedAction } from '@staffsync/shared';
import PQueue from 'p-queue';
import { type ListedUsers, VendorError, vendorNames } from '../adapters/index.ts';
import type { Logger } from '../logging/create-logger.ts';
import { type ActionResult, type CreateIntent, type Store, StoreConflictError } from '../store/index.ts';
import { changesOf } from '../sync/changes-of.ts';
import { indexBy, itemsAt } from '../sync/key-index.ts';
import { linkOf } from '../sync/link-of.ts';
import { makeOutcome } from '../sync/make-outcome.ts';
import { emailKey, matchKey } from '../sync/normalise.ts';
import { changedLinks } from './changed-links.ts';
import type { CountedAction } from './count-run.ts';
import { describeAction } from './describe-action.ts';
import type { ExpenseInWriter } from './expensein-writer.ts';
import { hashBank } from './hash-bank.ts';

export interface ApplyContext {
  store: Store;
  connectionId: number;
  runId: number;
  expensein: ExpenseInWriter;
  logger: Logger;
  /** The links the plan was made from: only those the plan changes are written again. */
  storedLinks: readonly Link[];
  /** Called before every write; throws to stop the run (e.g. it lost its lease to a newer process). */
  checkpoint?: () => void;
  onProgress?: (done: number, total: number) => void;
}

/**
 * What one action came to. A create's field changes are not kept here (`changesOf(action)` gives them): through the
 * writes of a first sync they were 18 MB of the run's peak memory, and a create is counted without them.
 */
export interface AppliedAction extends CountedAction {
  action: PlannedAction;
  /** The user written to; for a create, the new user's id (null if it failed). */
  userId: number | null;
  error: string | null;
}

export interface ApplyResult {
  actions: AppliedAction[];
  /**
   * The plan's outcomes that were recorded (a create's needs_setup only once the user exists: recorded with its id,
   * here as the plan has it), plus those the writes gave (action_failed, R7a at write time).
   */
  outcomes: Outcome[];
  /**
   * Why the run stopped before every action was tried: ExpenseIn refused the key (401/403) or asked to wait longer
   * than staffsync may (429). The writes made before it are recorded; the run ends failed if there were none.
   */
  stopped: string | null;
}

/** The write did not happen, nor will any other: the key is refused, or ExpenseIn wants a pause too long to wait. */
class RunStop extends Error {}

/** One employee's write could not be made or confirmed; the run goes on. */
class EmployeeFailure extends Error {}

/**
 * How many times the users are read again to settle creates whose answer was lost: a create made again may lose
 * its answer too, and each round settles what the one before it could not (PRODUCT.md 3: one pass converges).
 */
const settleRounds = 4;

/**
 * Carries out a plan against ExpenseIn (PRODUCT.md 3.2), recording each result as a run item the moment it is known,
 * so a crash loses nothing already done (PRODUCT.md 4.2). One employee's failure is that employee's `action_failed`
 * outcome and the run goes on (STYLE.md 5). It converges in one pass when faults are transient (PRODUCT.md 3):
 * - a PATCH sets absolute values, so the HTTP client retries it like a read;
 * - a POST whose answer is lost is settled before the run ends: the users are read again once, and each such create
 *   is found by Reference (or Email) and linked, or created again if absent (and a create lost again is settled
 *   by the next such round, up to four);
 * - R7a at write time: a 409 on the email alone is retried without the email, the other fields still update;
 * - R14: a leave date's ownership is recorded before the PATCH that sets it, so a crash between the two still
 *   leaves the date the sync's to clear, as long as the user holds exactly that date.
 * The first 401 or 403 (or a Retry-After past the ceiling) stops the run: nothing new starts, the writes under way
 * finish and are recorded.
 */
export async function applyPlan(ctx: ApplyContext, plan: Plan): Promise<ApplyResult> {
  const { store, connectionId, runId } = ctx;
  // Links of linked employees are stored whatever the writes do: they record what users already hold in
  // agreement with HR, so later drift can be labelled (sync-model.ts Plan.links).
  const links = changedLinks(plan.links, ctx.storedLinks);
  if (links.length > 0) await store.links.upsertMany(connectionId, links);

  // needs_setup is true only once the user exists: it is recorded with its create, below.
  const creating = new Set(
    plan.actions.filter((action) => action.kind === 'create').map((action) => action.subject.employeeNumber),
  );
  const deferred = (outcome: Outcome) =>
    outcome.code === 'needs_setup' && creating.has(outcome.subject.employeeNumber);
  const outcomes = plan.outcomes.filter((outcome) => !deferred(outcome));
  // Looked up per applied create: indexed once, not filtered from every outcome per action (50,000 x 50,000).
  const setupByEmployee = indexBy(
    plan.outcomes.filter(deferred),
    (outcome) => outcome.subject.employeeNumber ?? '',
  );
  await store.runItems.add(
    runId,
    outcomes.map((outcome) => ({ kind: 'outcome', outcome })),
  );

  const applied: AppliedAction[] = [];
  if (plan.held.length > 0) await holdLeavers(ctx, plan.held, applied);

  let done = 0;
  const total = plan.actions.length;
  ctx.onProgress?.(done, total);
  const record = async (result: WriteResult) => {
    outcomes.push(...result.outcomes);
    const written = result.applied;
    if (written) applied.push(written);
    if (written?.result === 'applied') {
      const setup = itemsAt(setupByEmployee, written.action.subject.employeeNumber ?? '');
      // Recorded with the new user's id; the result keeps the plan's own objects, already in memory, rather than a
      // copy for each of 46,563 creates held through the apply phase (where a large sync's memory peaks).
      outcomes.push(...setup);
      await store.runItems.add(
        runId,
        setup.map((outcome) => ({
          kind: 'outcome',
          outcome: { ...outcome, subject: { ...outcome.subject, userId: written.userId } },
        })),
      );
    }
    done += 1;
    ctx.onProgress?.(done, total);
  };

  const lost: LostCreate[] = [];
  const stopped = await writeAll(ctx, plan.actions, async (action) => {
    const result = await applyAction(ctx, action);
    if ('lost' in result) lost.push(result.lost);
    else await record(result);
  });
  if (lost.length > 0) {
    // Settled even after a stop: these creates may have happened, and the next run must not guess.
    const settled = await settleLostCreates(ctx, lost);
    for (const result of settled.results) await record(result);
    return { actions: applied, outcomes, stopped: stopped ?? settled.stopped };
  }
  return { actions: applied, outcomes, stopped };
}

/**
 * Runs `write` for every action, side by side, as many at once as the client allows: the planner makes actions
 * independent (one per user; an email or reference it gives one action is taken for every other). The first
 * RunStop (or any other error, which is re-thrown) ends the loop: nothing new starts, the writes under way finish.
 */
async function writeAll<Action extends PlannedAction>(
  ctx: ApplyContext,
  actions: readonly Action[],
  write: (action: Action) => Promise<void>,
): Promise<string | null> {
  const queue = new PQueue({ concurrency: Math.max(1, ctx.expensein.concurrency ?? 1) });
  const stop: { error?: unknown; stopped: boolean } = { stopped: false };
  for (const action of actions) {
    // Queue a few ahead of the writes under way, not the whole plan at once (50,000 pending tasks on a first sync).
    await queue.onSizeLessThan(queue.concurrency * 2);
    if (stop.stopped) break;
    void queue.add(async () => {
      if (stop.stopped) return;
      try {
        ctx.checkpoint?.();
        await write(action);
      } catch (error) {
        if (!stop.stopped) Object.assign(stop, { stopped: true, error });
        queue.clear();
      }
    });
  }
  await queue.onIdle();
  if (!stop.stopped) return null;
  if (stop.error instanceof RunStop) return stop.error.message;
  throw stop.error;
}

interface WriteResult {
  /** null when nothing was left to write (the only change was an email ExpenseIn refused). */
  applied: AppliedAction | null;
  /** Outcomes the write gave: action_failed, or R7a's email_in_use when ExpenseIn refused the email. */
  outcomes: Outcome[];
}

/** A create whose answer was lost: it may or may not have happened. */
interface LostCreate {
  action: CreateAction;
  intent: CreateIntent;
  error: VendorError;
}

async function applyAction(
  ctx: ApplyContext,
  action: PlannedAction,
): Promise<WriteResult | { lost: LostCreate }> {
  try {
    if (action.kind === 'create') return await createUser(ctx, action);
    return await updateUser(ctx, action);
  } catch (error) {
    return await failed(ctx, action, error);
  }
}

/** One employee's failure as its result, or the end of the run for a refused key or a pause too long to wait. */
async function failed(
  ctx: ApplyContext,
  action: PlannedAction,
  error: unknown,
  userId = action.userId,
): Promise<WriteResult> {
  if (error instanceof VendorError) {
    const vendor = vendorNames[error.vendor];
    if (error.kind === 'auth' || error.kind === 'forbidden') {
      throw new RunStop(
        `${vendor} refused the API key on a write (HTTP ${error.status}): ${error.kind === 'auth' ? 'reconnect with a valid key' : 'give the key permission to change users'}; the run stopped there`,
      );
    }
    if (error.kind === 'rate_limited' && error.retryAfterMs !== null) {
      throw new RunStop(
        `${vendor} asked to wait ${Math.round(error.retryAfterMs / 1000)} s (Retry-After), longer than staffsync may wait; the run stopped there and the next run finishes it`,
      );
    }
  } else if (!(error instanceof EmployeeFailure || error instanceof StoreConflictError)) {
    throw error;
  }
  const message = error instanceof Error ? error.message : String(error);
  ctx.logger.warn(
    { runId: ctx.runId, employeeNumber: action.subject.employeeNumber, kind: action.kind, error: message },
    'action failed',
  );
  const result: AppliedAction = {
    action,
    kind: action.kind,
    ...(action.kind === 'create' ? {} : { changes: action.changes }),
    result: 'failed',
    userId,
    error: message,
  };
  const outcome = failedOutcome(result);
  await ctx.store.runItems.add(ctx.runId, [
    actionItem(action, 'failed', userId, message),
    { kind: 'outcome', outcome },
  ]);
  return { applied: result, outcomes: [outcome] };
}

/**
 * R10 with a create intent (PRODUCT.md 4.2: never a second user for one employee): recorded before the POST, settled
 * after it. A lost answer leaves the intent pending for settleLostCreates.
 */
async function createUser(
  ctx: ApplyContext,
  action: CreateAction,
): Promise<WriteResult | { lost: LostCreate }> {
  const employeeNumber = action.subject.employeeNumber ?? action.write.reference;
  const intent = await ctx.store.intents.record({
    connectionId: ctx.connectionId,
    employeeNumber,
    runId: ctx.runId,
    email: action.write.email,
  });
  try {
    const user = await ctx.expensein.createUser(action.write);
    return await created(ctx, action, intent, user.id, null);
  } catch (error) {
    if (error instanceof VendorError && answerLost(error)) return { lost: { action, intent, error } };
    if (error instanceof VendorError) await ctx.store.intents.fail(intent.id, error.message);
    throw error;
  }
}

async function created(
  ctx: ApplyContext,
  action: CreateAction,
  intent: CreateIntent,
  userId: number,
  how: string | null,
): Promise<WriteResult> {
  const { store } = ctx;
  await store.transaction(
    async () => {
      await store.intents.complete(intent.id, userId);
      await store.links.upsertMany(ctx.connectionId, [linkAfterWrite(ctx, action, userId)]);
      const item = actionItem(action, 'applied', userId, null);
      await store.runItems.add(ctx.runId, [
        { ...item, message: how ? `${item.message} (${how})` : item.message },
      ]);
    },
    { connectionId: ctx.connectionId },
  );
  return {
    applied: {
      action,
      kind: action.kind,
      result: 'applied',
      userId,
      error: null,
    },
    outcomes: [],
  };
}

/**
 * The link to store once `action` is written to user `userId`, with the hash of any bank details it wrote (keyed as
 * the planner's are: the store's bank hash key).
 */
function linkAfterWrite(ctx: ApplyContext, action: PlannedAction, userId: number): Link {
  const link = linkOf(action);
  const bank = action.write.bankDetails;
  if (bank === undefined) return { ...link, userId };
  return {
    ...link,
    userId,
    lastWritten: { ...link.lastWritten, bankHash: hashBank(ctx.store.bankHashKey, bank) },
  };
}

/** A POST whose answer never came: a timeout, a dropped connection or a 5xx. ExpenseIn may have created the user. */
function answerLost(error: VendorError): boolean {
  return error.status === null || error.status >= 500;
}

async function updateUser(ctx: ApplyContext, action: ChangeAction): Promise<WriteResult> {
  const { store } = ctx;
  const userId = action.userId;
  const setsLeaveDate = action.write.leaveDate !== undefined && action.write.leaveDate !== null;
  if (setsLeaveDate) {
    // R14: owned before the PATCH, so a PATCH that lands just before a crash (or whose answer is lost) is still the
    // sync's date. It counts only while the user holds exactly that date (planLinkedEmployee).
    await store.links.recordLeaveDateOwner(ctx.connectionId, {
      employeeNumber: action.link.employeeNumber,
      userId,
      leaveDate: action.link.leaveDateSetBySync,
    });
  }
  let written = action;
  const outcomes: Outcome[] = [];
  try {
    await ctx.expensein.updateUser(userId, action.write);
  } catch (error) {
    const refusedEmail = withoutRefusedEmail(action, error);
    if (!refusedEmail) throw error;
    // R7a at write time: the email was taken since the plan was made; the other fields still update.
    written = refusedEmail.action;
    outcomes.push(refusedEmail.outcome);
    if (written.changes.length > 0) {
      try {
        await ctx.expensein.updateUser(userId, written.write);
      } catch (retryError) {
        return await failed(ctx, written, retryError, userId);
      }
    }
  }
  await store.transaction(
    async () => {
      await store.links.upsertMany(ctx.connectionId, [linkAfterWrite(ctx, written, userId)]);
      await store.runItems.add(ctx.runId, [
        ...(written.changes.length > 0 ? [actionItem(written, 'applied', userId, null)] : []),
        ...outcomes.map((outcome) => ({ kind: 'outcome' as const, outcome })),
      ]);
    },
    { connectionId: ctx.connectionId },
  );
  const wrote = written.changes.length > 0;
  return {
    applied: wrote
      ? {
          action: written,
          kind: written.kind,
          changes: written.changes,
          result: 'applied',
          userId,
          error: null,
        }
      : null,
    outcomes,
  };
}

/**
 * When ExpenseIn refused a PATCH with a 409 on the email (PRODUCT.md 3.2), the same action without the email, and
 * R7a's outcome; null for any other failure.
 */
function withoutRefusedEmail(
  action: ChangeAction,
  error: unknown,
): { action: ChangeAction; outcome: Outcome } | null {
  if (!(error instanceof VendorError) || error.kind !== 'conflict' || action.write.email === undefined)
    return null;
  const fields = Object.keys(error.fieldErrors).map((field) => field.toLowerCase());
  if (fields.length > 0 && !fields.some((field) => field.includes('email'))) return null;
  const { email, ...write } = action.write;
  const { email: _lastEmail, ...lastWritten } = action.link.lastWritten;
  const outcome = makeOutcome(
    'email_in_use',
    'R7a',
    action.subject,
    `Email not changed to "${email}": ExpenseIn says another user has it (409); the other fields still update`,
    { email, atWrite: true },
  );
  return {
    action: {
      ...action,
      write,
      changes: action.changes.filter((change) => change.field !== 'email'),
      link: { ...action.link, lastWritten },
    },
    outcome,
  };
}

/**
 * PRODUCT.md 3: before the run ends, the users are read again once and each create whose answer was lost is settled:
 * found by Reference (or by Email) and linked, or created again if absent. A create lost twice stays pending, for
 * the next run to settle the same way; this run records it as not confirmed.
 */
async function settleLostCreates(
  ctx: ApplyContext,
  lost: LostCreate[],
): Promise<{ results: WriteResult[]; stopped: string | null }> {
  const results: WriteResult[] = [];
  let pending = lost;
  for (let round = 1; pending.length > 0; round++) {
    let listed: ListedUsers;
    try {
      listed = await ctx.expensein.listUsers();
    } catch (error) {
      for (const entry of pending) results.push(await failed(ctx, entry.action, unconfirmed(entry, error)));
      break;
    }
    // As reconcileIntents does: the oldest holder of a key is the one a create made first, and while a user cannot
    // be read it may be the one created, so nothing is created again (the intent stays pending).
    const users = [...listed.users].sort((a, b) => a.id - b.id);
    const unreadable = listed.invalidRecords.some((record) => record.vendor === 'expensein');
    const byReference = indexBy(users, (user) => matchKey(user.reference)).first;
    const byEmail = indexBy(users, (user) => emailKey(user.email)).first;
    const entries = new Map(pending.map((entry) => [entry.action, entry]));
    const lostAgain: LostCreate[] = [];
    const stopped = await writeAll(
      ctx,
      pending.map((entry) => entry.action),
      async (action) => {
        const entry = entries.get(action);
        if (!entry) return;
        const found =
          byReference.get(matchKey(action.write.reference)) ??
          (action.write.email ? byEmail.get(emailKey(action.write.email)) : undefined);
        if (found) {
          results.push(
            await created(ctx, action, entry.intent, found.id, 'its answer was lost; found by Reference'),
          );
          return;
        }
        // Still unknown after the last round, or an unreadable user may be it: the intent stays pending, and the
        // next run settles it the same way.
        if (round === settleRounds || unreadable) {
          results.push(await failed(ctx, action, unconfirmed(entry, null)));
          return;
        }
        await ctx.store.intents.fail(
          entry.intent.id,
          `not found after the answer was lost: ${entry.error.message}`,
        );
        const again = await createUser(ctx, action).catch((error: unknown) => failed(ctx, action, error));
        if ('lost' in again) lostAgain.push(again.lost);
        else results.push(again);
      },
    );
    if (stopped !== null) return { results, stopped };
    pending = lostAgain;
  }
  return { results, stopped: null };
}

function unconfirmed(entry: LostCreate, cause: unknown): EmployeeFailure {
  const why = cause instanceof Error ? `; the users could not be read again: ${cause.message}` : '';
  return new EmployeeFailure(
    `the answer to the create was lost (${entry.error.message})${why}; the next run settles it`,
  );
}

/** R17: held leaver actions wait in the store for an administrator; nothing is written to ExpenseIn. */
async function holdLeavers(ctx: ApplyContext, held: ChangeAction[], applied: AppliedAction[]): Promise<void> {
  const leavers = held.flatMap((action) => {
    const leaveDate = action.write.leaveDate;
    if (action.subject.employeeNumber === null || !leaveDate) return [];
    return [
      {
        employeeNumber: action.subject.employeeNumber,
        userId: action.userId,
        leaveDate,
        hrLeaveDate: action.hrLeaveDate ?? null,
        subjectName: action.subject.name,
      },
    ];
  });
  await ctx.store.transaction(
    async () => {
      await ctx.store.held.add(ctx.runId, leavers);
      await ctx.store.runItems.add(
        ctx.runId,
        held.map((action) => actionItem(action, 'held', action.userId, null)),
      );
    },
    { connectionId: ctx.connectionId },
  );
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
  const changes = changesOf(action);
  return {
    kind: 'action' as const,
    actionKind: action.kind,
    rule: action.rule,
    subject: { ...action.subject, userId },
    changes,
    message: describeAction(action, result, userId, changes),
    result,
    error,
  };
}
