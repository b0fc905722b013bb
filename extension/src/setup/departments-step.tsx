import { LoadingMessage, ProblemMessage } from '../components/problem-message.tsx';
import type { DepartmentsCheck } from '../messaging/protocol.ts';
import type { Problem } from '../messaging/server-result.ts';
import type { SetupState } from './create-setup-store.ts';
import { useSetup } from './setup-store-context.tsx';

/**
 * The seed's set-up step 1: "ensure your Department Names in ExpenseIn match those in Staffology HR so Employee
 * Departments can sync correctly". staffsync compares them as R9 does (case and spacing aside) and lists the
 * Staffology names with no ExpenseIn department; "Check again" after creating or renaming them.
 */
export function DepartmentsStep() {
  const connection = useSetup((state) => state.connection);
  const check = useSetup((state) => state.check);
  const departments = useSetup((state) => state.departments);
  const checkAgain = useSetup((state) => state.checkAgain);
  // Before connecting, step 2's keys read both sides; a stored connection reads them with its own keys.
  const shown: Shown = connection
    ? departments.state === 'idle'
      ? { state: 'checking' }
      : departments
    : departments.state === 'done'
      ? departments
      : fromCheck(check);
  return (
    <section className="ss-card ss-step" aria-labelledby="ss-step-1" data-step="1">
      <h2 id="ss-step-1">Step 1: Check department names in ExpenseIn</h2>
      <p>
        Before connecting Staffology HR with ExpenseIn, make sure your department names in ExpenseIn match
        those in Staffology HR, so employees' departments can sync (R9: names compare without regard to case
        or spacing).
      </p>
      <DepartmentsResult shown={shown} />
      {shown.state === 'done' && shown.expensein ? (
        <AllNames check={shown.result} expensein={shown.expensein} />
      ) : null}
      <div className="ss-row">
        <button
          type="button"
          className="ss-button"
          disabled={shown.state === 'checking'}
          onClick={() => void checkAgain()}
        >
          {shown.state === 'checking' ? 'Checking…' : 'Check again'}
        </button>
      </div>
    </section>
  );
}

/** What step 1 shows: a comparison, or why there is none yet (`waiting`: no keys and employer in step 2). */
type Shown =
  | { state: 'checking' }
  | { state: 'done'; result: DepartmentsCheck; expensein?: string[] | null }
  | { state: 'problem'; problem: Problem }
  | { state: 'waiting' };

function fromCheck(check: SetupState['check']): Shown {
  if (check.state === 'checking') return { state: 'checking' };
  if (check.state === 'problem') return { state: 'problem', problem: check.problem };
  if (check.state === 'done' && check.result.departments.staffology) {
    return {
      state: 'done',
      result: check.result.departments.staffology,
      expensein: check.result.departments.expensein,
    };
  }
  return { state: 'waiting' };
}

function DepartmentsResult({ shown }: { shown: Shown }) {
  if (shown.state === 'waiting') {
    return (
      <p className="ss-muted" role="status">
        staffsync compares the names for you once it can read both sides: enter the keys and choose the
        employer in step 2.
      </p>
    );
  }
  if (shown.state === 'checking') return <LoadingMessage text="Comparing department names…" />;
  if (shown.state === 'problem')
    return <ProblemMessage problem={shown.problem} what="The department names were not compared" />;
  const { unmatched, matched } = shown.result;
  if (unmatched.length === 0) {
    return (
      <p className="ss-message ss-message--ok" role="status">
        All {matched.length} Staffology department names have an ExpenseIn department of the same name.
      </p>
    );
  }
  return (
    <div role="status">
      <p className="ss-message ss-message--notice">
        {unmatched.length} Staffology department {unmatched.length === 1 ? 'name has' : 'names have'} no
        ExpenseIn department of the same name. Create {unmatched.length === 1 ? 'it' : 'them'} in ExpenseIn
        (or rename), then check again: until then the sync leaves those employees' ExpenseIn department as it
        is.
      </p>
      <ul className="ss-list" aria-label="Staffology departments with no ExpenseIn department">
        {unmatched.map((department) => (
          <li key={department.name}>
            <span data-department>{department.name}</span>{' '}
            <span className="ss-muted">
              ({department.employees} employee{department.employees === 1 ? '' : 's'})
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The names on each side, for an administrator who wants to see them all. */
function AllNames({ check, expensein }: { check: DepartmentsCheck; expensein: string[] }) {
  const staffology = [
    ...check.matched.map((department) => department.name),
    ...check.unmatched.map((d) => d.name),
  ].sort((a, b) => a.localeCompare(b));
  return (
    <details>
      <summary>
        All department names: {staffology.length} in Staffology, {expensein.length} in ExpenseIn
      </summary>
      <div className="ss-columns">
        <ul className="ss-list" aria-label="Staffology department names">
          {staffology.map((name) => (
            <li key={name}>{name}</li>
          ))}
        </ul>
        <ul className="ss-list" aria-label="ExpenseIn department names">
          {expensein.map((name) => (
            <li key={name}>{name}</li>
          ))}
        </ul>
      </div>
    </details>
  );
}
