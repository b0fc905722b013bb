import type { StaffologyEmployee, StaffologyEmployer, StaffologyState } from './types.ts';

/**
 * An employee as the routes hold it: a typed record, cleaned to the schema on the wire, or a raw one
 * (`StaffologyState.rawEmployees`), served exactly as stored.
 */
export type ListedEmployee =
  | { raw: false; employee: StaffologyEmployee }
  | { raw: true; record: Record<string, unknown> };

/** One employer's employees, indexed for the routes; the list keeps the state's order (the stable list order). */
export interface EmployerDirectory {
  employer: StaffologyEmployer;
  /** `state.employees[employer.id]` then `state.rawEmployees[employer.id]`; ids compare case-insensitively. */
  employees: readonly ListedEmployee[];
  byId: ReadonlyMap<string, ListedEmployee>;
  /** The first employee holding each payroll code (the spec says codes are unique per employer; a scenario may not be). */
  byPayrollCode: ReadonlyMap<string, ListedEmployee>;
}

/**
 * The state with lookups built once per load, so a 50,000-employee benchmark reads employees by id in constant
 * time. The Staffology simulator never changes its state between loads (staffsync only reads, R15).
 */
export interface StaffologyDirectory {
  state: StaffologyState;
  employer(employerId: string): EmployerDirectory | undefined;
  /** Whether this API key may use this employer's routes (`StaffologyState.employerAccess`). */
  sees(apiKey: string, employerId: string): boolean;
  /** The employers this API key sees, in the state's order. */
  employersSeenBy(apiKey: string): StaffologyEmployer[];
}

export function buildStaffologyDirectory(state: StaffologyState): StaffologyDirectory {
  const listedByEmployer = new Map<string, ListedEmployee[]>();
  const listFor = (employerId: string) => {
    const key = employerId.toLowerCase();
    const listed = listedByEmployer.get(key) ?? [];
    listedByEmployer.set(key, listed);
    return listed;
  };
  for (const [employerId, employees] of Object.entries(state.employees)) {
    listFor(employerId).push(...employees.map((employee) => ({ raw: false as const, employee })));
  }
  for (const [employerId, records] of Object.entries(state.rawEmployees ?? {})) {
    listFor(employerId).push(...records.map((record) => ({ raw: true as const, record })));
  }

  const employers = new Map<string, EmployerDirectory>();
  for (const employer of state.employers) {
    const employees = listedByEmployer.get(employer.id.toLowerCase()) ?? [];
    const byId = new Map<string, ListedEmployee>();
    const byPayrollCode = new Map<string, ListedEmployee>();
    for (const listed of employees) {
      const { id, payrollCode } = keysOf(listed);
      if (id !== null && !byId.has(id)) byId.set(id, listed);
      if (payrollCode !== null && !byPayrollCode.has(payrollCode)) byPayrollCode.set(payrollCode, listed);
    }
    employers.set(employer.id.toLowerCase(), { employer, employees, byId, byPayrollCode });
  }

  const access = new Map<string, ReadonlySet<string>>();
  for (const [apiKey, employerIds] of Object.entries(state.employerAccess ?? {})) {
    access.set(apiKey, new Set(employerIds.map((id) => id.toLowerCase())));
  }
  const sees = (apiKey: string, employerId: string) =>
    access.get(apiKey)?.has(employerId.toLowerCase()) ?? true;

  return {
    state,
    employer: (employerId) => employers.get(employerId.toLowerCase()),
    sees,
    employersSeenBy: (apiKey) => state.employers.filter((employer) => sees(apiKey, employer.id)),
  };
}

/** The lower-cased id and the payroll code a record is found by; null where a raw record has no string there. */
function keysOf(listed: ListedEmployee): { id: string | null; payrollCode: string | null } {
  if (!listed.raw) {
    return {
      id: listed.employee.id.toLowerCase(),
      payrollCode: listed.employee.employmentDetails.payrollCode,
    };
  }
  const { id, employmentDetails } = listed.record;
  const payrollCode =
    typeof employmentDetails === 'object' && employmentDetails !== null && 'payrollCode' in employmentDetails
      ? employmentDetails.payrollCode
      : null;
  return {
    id: typeof id === 'string' ? id.toLowerCase() : null,
    payrollCode: typeof payrollCode === 'string' ? payrollCode : null,
  };
}
