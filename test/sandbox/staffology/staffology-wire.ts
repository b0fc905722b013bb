import type { ListedEmployee } from './staffology-directory.ts';
import type { StaffologyEmployee, StaffologyEmployer, StaffologyState } from './types.ts';

/**
 * How the simulator's state becomes the JSON Staffology serves. Every shape here must validate against the
 * official OpenAPI document (`Item`, `Contract.EmployeeResponse`, `Contract.EmployerResponse`, `User`); the
 * route tests prove it with the vendor schemas.
 */

/** `Item` (staffology-api.md section 2: "used by every list"). */
export interface StaffologyItem {
  id: string;
  name: string | null;
  metadata: unknown;
  url: string | null;
}

/*
 * Object-valued `$ref` properties that the spec declares without `nullable`: a null there fails the schema,
 * so a null in the state is left out of the wire record instead.
 */
const NON_NULLABLE_EMPLOYEE_REFS = [
  'autoEnrolment',
  'bankDetails',
  'leaveSettings',
  'payOptions',
  'rightToWork',
] as const;
const NON_NULLABLE_EMPLOYMENT_REFS = [
  'cis',
  'department',
  'directorshipDetails',
  'leaverDetails',
  'starterDetails',
  'veteranDetails',
] as const;
const NON_NULLABLE_PERSONAL_REFS = ['address', 'partnerDetails'] as const;

/**
 * The display name of an employee `Item` (staffology-api.md: "first + last name"); null when both are empty.
 * Takes the raw values, as a raw record's names may be anything; only strings count.
 */
export function employeeDisplayName(personalDetails: unknown): string | null {
  const { firstName, lastName } = asObject(personalDetails);
  const name = [firstName, lastName]
    .map((part) => (typeof part === 'string' ? part.trim() : ''))
    .filter(Boolean)
    .join(' ');
  return name === '' ? null : name;
}

export function employeeUrl(origin: string, employerId: string, employeeId: string): string {
  return `${origin}/employers/${employerId}/employees/${employeeId}`;
}

/**
 * An employee list or payroll-code search `Item`. Only `payrollCode` goes in `metadata`: it is the one key real
 * clients are known to read (staffology-api.md section 2, crewpay); any other key would be a guess.
 */
export function toEmployeeItem(
  employee: StaffologyEmployee,
  employerId: string,
  origin: string,
): StaffologyItem {
  return {
    id: employee.id,
    name: employeeDisplayName(employee.personalDetails),
    metadata: { payrollCode: employee.employmentDetails.payrollCode },
    url: employeeUrl(origin, employerId, employee.id),
  };
}

/** `Contract.EmployeeResponse`: a deep copy of the record, nulls the spec forbids left out. */
export function toEmployeeResponse(employee: StaffologyEmployee): Record<string, unknown> {
  const record = structuredClone(employee) as Record<string, unknown>;
  omitNulls(record, NON_NULLABLE_EMPLOYEE_REFS);
  omitNulls(record.employmentDetails, NON_NULLABLE_EMPLOYMENT_REFS);
  omitNulls(record.personalDetails, NON_NULLABLE_PERSONAL_REFS);
  return record;
}

/**
 * The `Item` of a listed employee. A raw record's Item carries its values as they are (a numeric payroll code
 * stays a number in the untyped `metadata`), and no url when it has no string id to be read by.
 */
export function toListedItem(
  listed: ListedEmployee,
  employerId: string,
  origin: string,
): Record<string, unknown> {
  if (!listed.raw) return { ...toEmployeeItem(listed.employee, employerId, origin) };
  const { id, personalDetails, employmentDetails } = listed.record;
  return {
    id: id ?? null,
    name: employeeDisplayName(personalDetails),
    metadata: { payrollCode: asObject(employmentDetails).payrollCode ?? null },
    url: typeof id === 'string' ? employeeUrl(origin, employerId, id) : null,
  };
}

/** The body of a listed employee's read: typed records cleaned to the schema, raw ones exactly as stored. */
export function toListedResponse(listed: ListedEmployee): Record<string, unknown> {
  return listed.raw ? structuredClone(listed.record) : toEmployeeResponse(listed.employee);
}

export function toEmployerItem(employer: StaffologyEmployer, origin: string): StaffologyItem {
  return { id: employer.id, name: employer.name, metadata: null, url: `${origin}/employers/${employer.id}` };
}

/** `Contract.EmployerResponse`; `employeeCount` is derived from the state unless the record sets it. */
export function toEmployerResponse(
  employer: StaffologyEmployer,
  employeeCount: number,
): Record<string, unknown> {
  return { employeeCount, ...structuredClone(employer) };
}

/**
 * `User` for `GET /account`: the state's account, or a sandbox API user. Either way its `authorization` lists
 * the employers the key can reach, as the spec's User does ("details of Employers that the user account can
 * access").
 */
export function toAccount(
  state: StaffologyState,
  employers: readonly StaffologyEmployer[],
  origin: string,
): Record<string, unknown> {
  const account = state.account ?? {
    id: '00000000-0000-4000-8000-000000000001',
    emailAddress: 'api-user@sandbox.staffology.invalid',
    firstName: 'Sandbox',
    lastName: 'API User',
    category: 'ActiveCustomer',
    isActivated: true,
    emailVerified: true,
  };
  return {
    authorization: {
      employers: employers.map((employer) => ({
        ...toEmployerItem(employer, origin),
        isOwner: true,
        role: 'Admin',
      })),
      tenants: [],
    },
    ...structuredClone(account),
  };
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function omitNulls(record: unknown, keys: readonly string[]): void {
  if (typeof record !== 'object' || record === null) return;
  const fields = record as Record<string, unknown>;
  for (const key of keys) {
    if (fields[key] === null) delete fields[key];
  }
}
