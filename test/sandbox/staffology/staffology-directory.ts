import type { StaffologyEmployee, StaffologyEmployer, StaffologyState } from './types.ts';

/** One employer's employees, indexed for the routes; the list keeps the state's order (the stable list order). */
export interface EmployerDirectory {
  employer: StaffologyEmployer;
  /** `state.employees[employer.id]`; ids compare case-insensitively, as GUIDs do. */
  employees: readonly StaffologyEmployee[];
  byId: ReadonlyMap<string, StaffologyEmployee>;
  /** The first employee holding each payroll code (the spec says codes are unique per employer; a scenario may not be). */
  byPayrollCode: ReadonlyMap<string, StaffologyEmployee>;
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
  const employeesByEmployer = new Map<string, StaffologyEmployee[]>();
  for (const [employerId, employees] of Object.entries(state.employees)) {
    employeesByEmployer.set(employerId.toLowerCase(), employees);
  }

  const employers = new Map<string, EmployerDirectory>();
  for (const employer of state.employers) {
    const employees = employeesByEmployer.get(employer.id.toLowerCase()) ?? [];
    const byId = new Map<string, StaffologyEmployee>();
    const byPayrollCode = new Map<string, StaffologyEmployee>();
    for (const employee of employees) {
      const id = employee.id.toLowerCase();
      if (!byId.has(id)) byId.set(id, employee);
      const code = employee.employmentDetails.payrollCode;
      if (!byPayrollCode.has(code)) byPayrollCode.set(code, employee);
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
