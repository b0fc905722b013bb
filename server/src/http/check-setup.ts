import type {
  EiDepartment,
  Outcome,
  SetupCheck,
  SetupCheckRequest,
  SetupEmployer,
  SetupProblem,
} from '@staffsync/shared';
import { withoutTrailingSlash } from '@staffsync/shared';
import { isVendorError, type StaffologyItem } from '../adapters/index.ts';
import { draftConnection } from '../run/change-connection.ts';
import { readReferencesUnique } from '../run/fetch-scope.ts';
import type { VendorClients } from '../run/run-deps.ts';
import { previewScope } from '../run/sync-in-session.ts';
import { requireAllowedUrl } from '../security/allowed-hosts.ts';
import { summarisePlan } from '../sync/summarise-plan.ts';
import { ApiException } from './api-exception.ts';
import type { AppDeps } from './app-deps.ts';
import { stateOf } from './check-connection-health.ts';
import { compareDepartments } from './check-departments.ts';
import { asCheckError, withVendorTimeout } from './vendor-check.ts';

/**
 * Employers whose record is read for Staffology's employee count: one request each, so a bureau's key that sees
 * hundreds of employers is not read hundreds of times; the others are counted from their employee list once chosen.
 */
const countedEmployers = 20;

type CredentialState = SetupCheck['credentials']['staffology'];

/**
 * The set-up check (the seed's steps 1 and 2, before connecting): with the keys an administrator typed, whether each
 * works, the employers the Staffology key sees, ExpenseIn's "User references must be unique", the department names
 * on each side and, for the chosen employer, the first sync as a dry run by the run engine's own read and plan
 * (previewScope on a draft connection). STORES NOTHING: no connection, no run, no run item (R15 holds too: reads only).
 * Both base URLs pass the allowed-hosts rule before any request (PRODUCT.md 4.3). A refused key is a state, not an
 * error, so both keys are judged at once; an employer the key does not see is a 400 naming `employerId`.
 */
export async function checkSetup(deps: AppDeps, request: SetupCheckRequest): Promise<SetupCheck> {
  // As connect stores them (connection-routes.ts), so the draft reads exactly what the connection would.
  const staffologyBaseUrl = withoutTrailingSlash(request.staffology.baseUrl);
  const expenseinBaseUrl = withoutTrailingSlash(request.expensein.baseUrl);
  requireAllowedUrl(staffologyBaseUrl, deps.allowedHosts, 'staffology.baseUrl');
  requireAllowedUrl(expenseinBaseUrl, deps.allowedHosts, 'expensein.baseUrl');
  const connect = {
    staffology: {
      baseUrl: staffologyBaseUrl,
      employerId: request.employerId ?? '',
      apiKey: request.staffology.apiKey,
    },
    expensein: { baseUrl: expenseinBaseUrl, apiKey: request.expensein.apiKey },
    settings: { includeBankDetails: request.includeBankDetails },
    source: 'api' as const,
  };
  const draft = draftConnection(connect, deps.clock().toISOString());
  const credentials = {
    staffologyApiKey: connect.staffology.apiKey,
    expenseinApiKey: connect.expensein.apiKey,
  };
  return withVendorTimeout(deps, async (signal) => {
    const clients = deps.clientsFor(draft, credentials, { signal });
    const [staffology, expensein] = await Promise.all([readEmployers(clients), readExpenseIn(clients)]);
    const employerId = request.employerId ?? null;
    const check: SetupCheck = {
      credentials: { staffology: staffology.state, expensein: expensein.state },
      employers: staffology.employers,
      employerId,
      userReferencesMustBeUnique: expensein.unique,
      departments: {
        expensein: expensein.departments?.map((department) => department.name) ?? null,
        staffology: null,
      },
      preview: null,
      advice: [],
    };
    if (employerId !== null && staffology.state === 'ok') {
      const chosen = staffology.employers.find((employer) => employer.id === employerId);
      if (!chosen) {
        throw new ApiException(
          'bad_request',
          `Staffology employer "${employerId}" is not one this key sees (it sees ${staffology.employers.length}): pick one from the list`,
          { field: 'employerId' },
        );
      }
      if (expensein.departments !== null) {
        // The settings and departments just read: the preview does not ask ExpenseIn for them again.
        const { input, plan } = await previewScope(
          deps,
          { clients, connection: draft },
          { kind: 'employer' },
          { expensein: { departments: expensein.departments, referencesUnique: expensein.unique } },
        ).catch((error: unknown) => {
          throw asCheckError(error, employerId);
        });
        check.departments.staffology = compareDepartments(input.employees, input.departments);
        // Employees as a run counts them (sync-in-session.ts): those read, so the counts equal the run's own.
        const { status, counts } = summarisePlan(plan, input.employees.length);
        check.preview = { status, counts, problems: plan.outcomes.flatMap(toProblem) };
        if (chosen.employeeCount === null) {
          const unreadable = input.invalidRecords.filter((record) => record.vendor === 'staffology').length;
          chosen.employeeCount = input.employees.length + unreadable;
          chosen.employeeCountFrom = 'employee_list';
        }
      }
    }
    check.advice = adviceOf(check);
    return check;
  });
}

/** The employers the key sees, the first ones with Staffology's own employee count; a refused key is its state. */
async function readEmployers(
  clients: VendorClients,
): Promise<{ state: CredentialState; employers: SetupEmployer[] }> {
  let items: StaffologyItem[];
  try {
    items = await clients.staffology.listEmployers();
  } catch (error) {
    if (!isVendorError(error)) throw error;
    return { state: stateOf(error), employers: [] };
  }
  const counts = await Promise.all(
    items.slice(0, countedEmployers).map((item) =>
      clients.staffology.getEmployer(item.id).then(
        (employer) => employer.employeeCount,
        (error: unknown) => {
          // A record the key lists but may not read (a role without payroll access) has no count to show.
          if (isVendorError(error, 'forbidden') || isVendorError(error, 'not_found')) return null;
          throw error;
        },
      ),
    ),
  );
  return {
    state: 'ok',
    employers: items.map((item, index) => {
      const employeeCount = counts[index] ?? null;
      return {
        id: item.id,
        name: item.name,
        employeeCount,
        employeeCountFrom: employeeCount === null ? null : 'staffology',
      };
    }),
  };
}

/** ExpenseIn's settings and departments; a refused key is its state. */
async function readExpenseIn(clients: VendorClients): Promise<{
  state: CredentialState;
  unique: boolean | null;
  departments: EiDepartment[] | null;
}> {
  try {
    const [unique, departments] = await Promise.all([
      readReferencesUnique(clients.expensein),
      clients.expensein.listDepartments(),
    ]);
    return { state: 'ok', unique, departments };
  } catch (error) {
    if (!isVendorError(error)) throw error;
    return { state: stateOf(error), unique: null, departments: null };
  }
}

function toProblem(outcome: Outcome): SetupProblem[] {
  if (outcome.severity !== 'skipped' && outcome.severity !== 'conflict') return [];
  return [
    {
      severity: outcome.severity,
      rule: outcome.rule,
      code: outcome.code,
      employeeNumber: outcome.subject.employeeNumber,
      userId: outcome.subject.userId,
      name: outcome.subject.name,
      message: outcome.message,
    },
  ];
}

function adviceOf(check: SetupCheck): string[] {
  const advice: string[] = [];
  if (check.userReferencesMustBeUnique === false) {
    // The seed's own recommendation, in its words.
    advice.push(
      'Turn on "User references must be unique" in ExpenseIn (Additional Settings, Account tab), so users always hold a unique reference and no employee is blocked by two users sharing their Employee Number (R4)',
    );
  }
  const unmatched = check.departments.staffology?.unmatched.length ?? 0;
  if (unmatched > 0) {
    advice.push(
      `${unmatched} Staffology department name${unmatched === 1 ? ' has' : 's have'} no ExpenseIn department of the same name: create ${unmatched === 1 ? 'it' : 'them'} in ExpenseIn (or rename), or those employees keep their ExpenseIn department (R9)`,
    );
  }
  return advice;
}
