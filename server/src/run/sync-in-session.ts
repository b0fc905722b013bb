import type { Outcome, Plan } from '@staffsync/shared';
import type { Logger } from '../logging/create-logger.ts';
import type { Store } from '../store/index.ts';
import { matchKey } from '../sync/normalise.ts';
import { countUnchanged } from '../sync/summarise-plan.ts';
import { type ApplyResult, applyPlan } from './apply-plan.ts';
import { bankFingerprints } from './bank-fingerprints.ts';
import type { RunResult, RunSession } from './carry-out-run.ts';
import { type CountedAction, countRun } from './count-run.ts';
import { decideRunStatus } from './decide-run-status.ts';
import { describeAction } from './describe-action.ts';
import { type FetchOptions, fetchScope, type ScopedInput } from './fetch-scope.ts';
import { bankHasher } from './hash-bank.ts';
import { settleHeldLeavers } from './held-leaver-decisions.ts';
import { type PlanBasis, planScope } from './plan-scope.ts';
import { reconcileIntents } from './reconcile-intents.ts';
import { recordDryRun } from './record-dry-run.ts';
import { coversEmployer, type SyncScope } from './sync-scope.ts';
import type { TraceRecorder } from './trace-steps.ts';

/** Today for the planner: the UTC date of the injected clock (the schedule is UTC too). */
export function todayUtc(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export interface EngineDeps {
  store: Store;
  logger: Logger;
  clock: () => Date;
}

export interface ScopeProgress {
  phase: 'fetch' | 'apply';
  done: number;
  total: number;
}

/**
 * The one run engine (STYLE.md: one engine owns fetch, plan, apply and record): whatever asked for the run (the
 * scheduler, sync now, a resync, an approval) and whatever its scope, it is read, planned, applied (or recorded, for a
 * dry run) and its status decided here, each step in the run's trace. Errors that end the run are left to
 * carryOutRun, the one place that records a failed run.
 */
export async function syncInSession(
  deps: EngineDeps,
  session: RunSession,
  scope: SyncScope,
  trace: TraceRecorder,
  onProgress?: (progress: ScopeProgress) => void,
): Promise<RunResult> {
  const { store, logger } = deps;
  const { connection, run, timings } = session;
  const planned = await readAndPlan(deps, session, scope, trace, onProgress);
  if ('aborted' in planned) return planned.aborted;
  const { plan, basis, employees, details, heldRead, hrLeavers } = planned;
  trace.note('planned', isClean(plan.outcomes), describePlan(plan));

  const started = performance.now();
  let actions: CountedAction[];
  let outcomes = plan.outcomes;
  let stopped: string | null = null;
  if (run.dryRun) {
    actions = await recordDryRun(store, run.id, plan);
    trace.note('applied', true, 'Nothing written: a dry run records its plan only');
  } else {
    const heldBefore = await store.held.list(connection.id, { status: 'pending' });
    const applied = await trace.run(
      'applied',
      () =>
        applyPlan(
          {
            store,
            connectionId: connection.id,
            runId: run.id,
            expensein: session.clients.expensein,
            logger,
            storedLinks: basis.links,
            checkpoint: session.checkpoint,
            onProgress: (done, total) => onProgress?.({ phase: 'apply', done, total }),
          },
          plan,
        ),
      (result) => ({
        ok: result.stopped === null && result.actions.every((a) => a.result !== 'failed'),
        detail: describeApplied(result),
      }),
    );
    actions = applied.actions;
    outcomes = applied.outcomes;
    stopped = applied.stopped;
    await settleHeldLeavers(store, {
      connectionId: connection.id,
      runId: run.id,
      scope,
      heldBefore,
      heldRead,
      hrLeavers,
      applied,
    });
  }
  timings.applyMs = Math.round(performance.now() - started);

  const written = actions.filter((action) => action.result === 'applied').length;
  const status = decideRunStatus({
    failed: stopped !== null && written === 0,
    stopped: stopped !== null,
    outcomes,
    failedActions: actions.filter((action) => action.result === 'failed').length,
    heldActions: actions.filter((action) => action.result === 'held').length,
  });
  return {
    status,
    tally: countRun({ actions, outcomes, employees, unchanged: countUnchanged(plan), details }),
    error: stopped,
  };
}

interface Planned {
  plan: Plan;
  basis: PlanBasis;
  employees: number;
  details: Record<string, number>;
  /** What settling held leavers needs of the read: the held leavers it was given, and HR's leavers. */
  heldRead: ScopedInput['held'];
  hrLeavers: Set<string>;
}

/**
 * Read, settle what an interrupted run left, and plan. Its own function so that the read (every employee and user,
 * most of a large run's memory) can be collected once planned, rather than held through the whole apply phase.
 */
async function readAndPlan(
  deps: EngineDeps,
  session: RunSession,
  scope: SyncScope,
  trace: TraceRecorder,
  onProgress?: (progress: ScopeProgress) => void,
): Promise<Planned | { aborted: RunResult }> {
  const { store, logger } = deps;
  const { connection, run, timings } = session;
  // The links before the fetch, so that HR's bank details are hashed against the recorded ones as they are read.
  // Reading them is the plan's time, as it was when they were read after the fetch.
  let started = performance.now();
  const links = await store.links.forConnection(connection.id);
  const linksMs = performance.now() - started;
  const fingerprints = bankFingerprints(bankHasher(store.bankHashKey), links);
  started = performance.now();
  const input = await trace.run(
    'fetched',
    () =>
      fetchScope(session.clients, connection, store, scope, {
        onProgress: (done, total) => onProgress?.({ phase: 'fetch', done, total }),
        onEmployee: fingerprints.add,
      }),
    (read) => ({ ok: true, detail: describeRead(scope, read) }),
  );
  timings.fetchMs = Math.round(performance.now() - started);
  const employees = input.employees.length;
  session.read.employees = employees;
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
    if (coversEmployer(scope)) {
      // Evidence of which ExpenseIn account this connection syncs, for checking new keys (PRODUCT.md 4.3).
      await store.connections.recordUserSample(
        connection.id,
        input.users.map((user) => user.id),
      );
    }
    // Creates an interrupted run left unsettled are settled on this fresh read before planning (PRODUCT.md 4.2).
    const settled = await reconcileIntents(store, connection.id, input.users, input.invalidRecords);
    if (settled.found.length + settled.lost.length + settled.unsure.length > 0) {
      logger.warn({ runId: run.id, ...settled }, 'settled the creates of an interrupted run');
    }
  }

  started = performance.now();
  // The rest of the basis now, not before the fetch: a leave date rejected while the run was reading is honoured.
  const basis = await planBasis(deps, connection.id, connection.settings, scope, links);
  const plan = planScope(scope, input, { ...basis, hashBank: fingerprints.hashBank });
  timings.planMs = Math.round(linksMs + performance.now() - started);
  noteChecks(trace, scope, input, plan);

  if (plan.abort) {
    // R18: no change at all; the outcome says why.
    await store.runItems.add(
      run.id,
      plan.outcomes.map((outcome) => ({ kind: 'outcome', outcome })),
    );
    trace.note('planned', false, plan.abort.message);
    return {
      aborted: {
        status: 'failed',
        tally: countRun({ actions: [], outcomes: plan.outcomes, employees, unchanged: 0, details }),
        error: plan.abort.message,
      },
    };
  }
  const hrLeavers = new Set(
    input.employees
      .filter((employee) => employee.isLeaver)
      .map((employee) => matchKey(employee.employeeNumber)),
  );
  return { plan, basis, employees, details, heldRead: input.held, hrLeavers };
}

/**
 * The store's part of a plan's input: links, rejected leave dates, and for a scope smaller than the employer what the
 * last full read knew of R3 (a whole employer's read sees every holder of a number itself).
 */
export async function planBasis(
  deps: EngineDeps,
  connectionId: number,
  settings: PlanBasis['settings'],
  scope: SyncScope,
  /** The connection's links, when the caller has just read them. */
  links?: PlanBasis['links'],
): Promise<PlanBasis> {
  const { store } = deps;
  const lastFull = coversEmployer(scope) ? null : await store.runs.lastFull(connectionId);
  const duplicates = lastFull
    ? await store.runItems.all(lastFull.id, { code: 'duplicate_employee_number' })
    : [];
  const knownDuplicateNumbers = duplicates.flatMap((item) =>
    item.subject.employeeNumber === null ? [] : [item.subject.employeeNumber],
  );
  return {
    links: links ?? (await store.links.forConnection(connectionId)),
    settings,
    today: todayUtc(deps.clock()),
    hashBank: bankHasher(store.bankHashKey),
    rejectedLeavers: await store.held.rejectedLeaveDates(connectionId),
    knownDuplicateNumbers,
  };
}

/**
 * Reads and plans a scope without a run: what a run would do now, for the Edit User panel (PRODUCT.md 4.4). The
 * same read and the same planner as a run; nothing is written anywhere.
 */
export async function previewScope(
  deps: EngineDeps,
  session: Pick<RunSession, 'clients' | 'connection'>,
  scope: SyncScope,
  options: Pick<FetchOptions, 'expensein'> = {},
): Promise<{ input: ScopedInput; plan: Plan }> {
  const input = await fetchScope(session.clients, session.connection, deps.store, scope, options);
  const plan = planScope(
    scope,
    input,
    await planBasis(deps, session.connection.id, session.connection.settings, scope),
  );
  return { input, plan };
}

function isClean(outcomes: readonly Outcome[]): boolean {
  return !outcomes.some((outcome) => ['skipped', 'conflict', 'failed'].includes(outcome.severity));
}

function describeRead(scope: SyncScope, read: ScopedInput): string {
  const base = `${read.employees.length} Staffology employee${read.employees.length === 1 ? '' : 's'}, ${read.users.length} ExpenseIn users and ${read.departments.length} departments`;
  if (scope.kind !== 'user' || !read.user) return `Read ${base}`;
  const { user, employeeNumber } = read.user;
  if (employeeNumber === null)
    return `Read ${base}; user ${user.id} has no Reference and no link, so no employee`;
  const found =
    read.employees.length > 0 || read.invalidRecords.some((record) => record.vendor === 'staffology');
  return `Read ${base}; user ${user.id}; ${found ? `Staffology has payroll code "${employeeNumber}"` : `no Staffology employee has payroll code "${employeeNumber}"`}`;
}

/** The checked (R1-R3) and matched (R4-R6) steps, told from the plan's own outcomes: no rule is derived twice. */
function noteChecks(trace: TraceRecorder, scope: SyncScope, input: ScopedInput, plan: Plan): void {
  const codes = (wanted: string[]) => plan.outcomes.filter((outcome) => wanted.includes(outcome.code));
  const checks = codes([
    'missing_required_fields',
    'invalid_email',
    'duplicate_employee_number',
    'invalid_record',
  ]);
  if (scope.kind === 'user' && input.user?.employeeNumber === null) {
    trace.note('checked', true, 'Nothing to check: the user has no employee');
    trace.note(
      'matched',
      false,
      `Not in Staffology: user ${input.user.user.id} is not linked to any employee (R15)`,
    );
    return;
  }
  if (scope.kind === 'user' && input.employees.length === 0 && checks.length === 0) {
    trace.note('checked', true, 'Nothing to check: no employee');
    trace.note(
      'matched',
      false,
      `Not in Staffology: no employee has payroll code "${input.user?.employeeNumber}" (R15: never changed)`,
    );
    return;
  }
  trace.note(
    'checked',
    checks.length === 0,
    checks.length === 0
      ? 'Required fields present (R1), Work Email valid (R2), Employee Number held once (R3)'
      : checks.map((outcome) => outcome.message).join('; '),
  );
  const matching = codes(['duplicate_user_reference', 'near_miss_reference']);
  // Plan.links holds every employee R5 linked this run, acted on or not.
  const linked = plan.links.length;
  const parts = [
    ...(linked > 0 ? [`${linked} linked by Reference = Employee Number (R5)`] : []),
    ...matching.map((outcome) => outcome.message),
  ];
  trace.note(
    'matched',
    !matching.some((outcome) => outcome.code === 'duplicate_user_reference'),
    parts.join('; ') || 'No user holds the Employee Number as Reference: unlinked (R10, R11 or R13 decide)',
  );
}

function describePlan(plan: Plan): string {
  const parts = [
    ...plan.actions.slice(0, 20).map((action) => describeAction(action, 'planned', action.userId)),
    ...(plan.actions.length > 20 ? [`and ${plan.actions.length - 20} more actions`] : []),
    ...plan.held.slice(0, 5).map((action) => describeAction(action, 'held', action.userId)),
    ...plan.outcomes
      .filter((outcome) => ['skipped', 'conflict'].includes(outcome.severity))
      .slice(0, 20)
      .map((outcome) => outcome.message),
  ];
  return parts.join('; ') || 'No change: already in sync';
}

function describeApplied(result: ApplyResult): string {
  const parts = result.actions
    .slice(0, 20)
    .map(
      (action) =>
        `${describeAction(action.action, action.result, action.userId)}${action.error ? `: ${action.error}` : ''}`,
    );
  if (result.actions.length > 20) parts.push(`and ${result.actions.length - 20} more`);
  if (result.stopped) parts.push(result.stopped);
  return parts.join('; ') || 'Nothing to write';
}
