import type { FieldChange, Outcome, ResyncResponse, UserKey } from '@staffsync/shared';
import { applyContextOf, applyPlan } from '../run/apply-plan.ts';
import { beginRun, carryOutRun, type RunResult, type RunSession } from '../run/carry-out-run.ts';
import { runResultOf } from '../run/decide-run-status.ts';
import { describeAction } from '../run/describe-action.ts';
import { reconcileIntents } from '../run/reconcile-intents.ts';
import type { RunDeps } from '../run/run-deps.ts';
import { todayUtc } from '../run/run-sync.ts';
import { hashBank, StoreConflictError } from '../store/index.ts';
import { looseMatchKey } from '../sync/normalise.ts';
import { screenEmployees } from '../sync/screen-employees.ts';
import { countUnchanged } from '../sync/summarise-plan.ts';
import { planOneEmployee } from './plan-one-employee.ts';
import {
  employeeNumberOf,
  findUsers,
  readEmployee,
  readExpenseIn,
  readOtherHolders,
} from './read-vendors.ts';
import { createTraceRecorder, type TraceRecorder } from './trace-steps.ts';
import { describeUserKey, UserNotFoundError } from './user-not-found-error.ts';

export interface ResyncInput {
  connectionId: number;
  key: UserKey;
  /** The API token's name (PRODUCT.md 4.2: who triggered the run is kept). */
  requestedBy: string | null;
}

/** What the run's work hands back besides the run's own record. */
interface ResyncFindings {
  changes: FieldChange[];
  outcomes: Outcome[];
  notFound: UserNotFoundError | null;
}

/**
 * Single-user resync (PRODUCT.md 4.3): a run with trigger 'single-user' that fetches one user and its employee
 * fresh, checks and matches them by the sync rules, plans that employee alone with the same planner
 * (plan-one-employee.ts says how R3, R17 and R18 are kept from misfiring) and applies the plan through the same
 * applier as a full run, returning the step trace with timings and the field diff.
 *
 * The run begins before anything is read, so no full run can write between this read and this write (PRODUCT.md
 * 4.2: one run at a time per connection): a user created meanwhile would otherwise be created twice.
 * @throws StoreNotFoundError (connection), StoreConflictError (disconnected, or a run under way), UserNotFoundError.
 */
export async function resyncUser(deps: RunDeps, input: ResyncInput): Promise<ResyncResponse> {
  const begun = beginRun(deps, {
    connectionId: input.connectionId,
    trigger: 'single-user',
    dryRun: false,
    requestedBy: input.requestedBy,
  });
  if (!begun.started) {
    throw new StoreConflictError(
      `run ${begun.run.id} is under way on connection ${input.connectionId}: resync once it has ended`,
    );
  }
  const trace = createTraceRecorder();
  const findings: ResyncFindings = { changes: [], outcomes: [], notFound: null };
  const summary = await carryOutRun(deps, begun, (session) =>
    resyncInRun(deps, session, input.key, trace, findings),
  );
  if (findings.notFound) throw findings.notFound;
  return {
    runId: summary.runId,
    status: summary.status === 'running' ? 'failed' : summary.status,
    trace: trace.steps,
    changes: findings.changes,
    outcomes: findings.outcomes,
  };
}

function nothingDone(): RunResult {
  return runResultOf({ actions: [], outcomes: [], employees: 0, unchanged: 0 });
}

async function resyncInRun(
  deps: RunDeps,
  session: RunSession,
  key: UserKey,
  trace: TraceRecorder,
  findings: ResyncFindings,
): Promise<RunResult> {
  const { store } = deps;
  const { connection, clients, run } = session;
  const readOptions = { includeBankDetails: connection.settings.includeBankDetails };

  const fetched = await trace.run(
    'fetched',
    async () => {
      const expensein = await readExpenseIn(clients.expensein);
      const [user] = findUsers(expensein.users, key);
      if (!user) return { expensein, user: null, employeeNumber: null, hr: null };
      const employeeNumber = employeeNumberOf(user, store.links.get(connection.id, { userId: user.id }));
      const hr =
        employeeNumber === null ? null : await readEmployee(clients.staffology, employeeNumber, readOptions);
      return { expensein, user, employeeNumber, hr };
    },
    ({ expensein, user, employeeNumber, hr }) => {
      const read = `Read ${expensein.users.length} ExpenseIn users and ${expensein.departments.length} departments`;
      if (!user) return { ok: false, detail: `${read}; none has ${describeUserKey(key)}` };
      if (employeeNumber === null) {
        return {
          ok: true,
          detail: `${read}; user ${user.id} has no Reference and no link, so no employee to read`,
        };
      }
      const found = hr?.sourceIds.length
        ? `Staffology employee ${hr.sourceIds.join(', ')} has payroll code "${employeeNumber}"`
        : `no Staffology employee has payroll code "${employeeNumber}"`;
      return { ok: true, detail: `${read}; user ${user.id}; ${found}` };
    },
  );
  const { expensein, user, employeeNumber } = fetched;
  if (!user) {
    findings.notFound = new UserNotFoundError(key, ` (run ${run.id})`);
    return { ...nothingDone(), status: 'failed', error: findings.notFound.message };
  }
  const found = fetched.hr;
  if (employeeNumber === null || found === null || found.sourceIds.length === 0) {
    // R15: a user with no employee is never changed; a single missing employee is not R18's empty source.
    const why =
      employeeNumber === null
        ? `user ${user.id} is not linked to any employee`
        : `no Staffology employee has payroll code "${employeeNumber}"`;
    trace.note('checked', true, 'Nothing to check: no employee');
    trace.note('matched', false, `Not in Staffology: ${why}`);
    trace.note('planned', true, 'No change: users with no employee are never changed (R15)');
    trace.note('applied', true, 'Nothing to write');
    return nothingDone();
  }

  const hr = await trace
    .run(
      'checked',
      async () => {
        const all = await readOtherHolders(clients.staffology, found, readOptions);
        return { all, screening: screenEmployees(all.employees, all.invalidRecords) };
      },
      ({ all, screening }) => {
        const problems = screening.outcomes.filter((outcome) => outcome.severity === 'skipped');
        if (problems.length > 0 || all.invalidRecords.length > 0) {
          const invalid = all.invalidRecords.map((record) => record.reason);
          return {
            ok: false,
            detail: [...problems.map((outcome) => outcome.message), ...invalid].join('; '),
          };
        }
        return {
          ok: true,
          detail: `Employee Number "${employeeNumber}" is held by ${all.holders ?? 1} Staffology employee (R3); required fields present (R1); Work Email valid (R2)`,
        };
      },
    )
    .then(({ all }) => all);

  const link = store.links.get(connection.id, { employeeNumber });
  await trace.run(
    'matched',
    () => {
      // Creates an interrupted run left unsettled are settled first, as a full run does (PRODUCT.md 4.2).
      reconcileIntents(store, connection.id, expensein.users, expensein.invalidUsers);
      return findUsers(expensein.users, { reference: employeeNumber });
    },
    (holders) => {
      if (holders.length > 1) {
        return {
          ok: false,
          detail: `${holders.length} ExpenseIn users (${holders.map((holder) => holder.id).join(', ')}) hold Reference "${employeeNumber}" (R4)`,
        };
      }
      const [holder] = holders;
      if (holder) {
        return {
          ok: true,
          detail: `Linked to user ${holder.id}: its Reference equals the Employee Number (R5)`,
        };
      }
      const near = expensein.users.find(
        (candidate) => looseMatchKey(candidate.reference) === looseMatchKey(employeeNumber),
      );
      return {
        ok: true,
        detail: near
          ? `No exact Reference "${employeeNumber}"; user ${near.id} differs only by case or spaces (R6): unlinked`
          : `No user holds Reference "${employeeNumber}": unlinked (R10, R11 or R13 decide)`,
      };
    },
  );

  const plan = await trace.run(
    'planned',
    () =>
      planOneEmployee({
        employeeNumber,
        employees: hr.employees,
        invalidRecords: [...hr.invalidRecords, ...expensein.invalidUsers],
        users: expensein.users,
        departments: expensein.departments,
        link,
        settings: connection.settings,
        today: todayUtc(deps.clock()),
        hashBank: (bank) => hashBank(store.bankHashKey, bank),
      }),
    (planned) => {
      const blocking = planned.outcomes.filter(
        (outcome) => outcome.severity === 'skipped' || outcome.severity === 'conflict',
      );
      const actions = planned.actions.map((action) => describeAction(action, 'planned', action.userId));
      const parts = [...actions, ...blocking.map((outcome) => outcome.message)];
      return {
        ok: blocking.length === 0,
        detail: parts.length > 0 ? parts.join('; ') : 'No change: already in sync',
      };
    },
  );

  const applied = await trace.run(
    'applied',
    () => applyPlan(applyContextOf(deps, session), plan),
    // With no action, the applier still records the outcomes and stores the links R5 found (Plan.links).
    (result) => ({
      ok: result.actions.every((action) => action.result === 'applied'),
      detail:
        result.actions
          .map(
            (action) =>
              `${describeAction(action.action, action.result, action.userId)}${action.error ? `: ${action.error}` : ''}`,
          )
          .join('; ') || 'Nothing to write',
    }),
  );
  findings.changes = applied.actions
    .filter((action) => action.result === 'applied')
    .flatMap((action) => action.changes);
  findings.outcomes = applied.outcomes;
  return runResultOf({
    actions: applied.actions,
    outcomes: applied.outcomes,
    employees: hr.employees.length,
    unchanged: countUnchanged(plan),
  });
}
