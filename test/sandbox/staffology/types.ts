/**
 * The Staffology simulator's state: wire-shaped records exactly as the official OpenAPI document
 * (`test/sandbox/openapi/staffology-openapi.json`) describes them. Every schema there has
 * `additionalProperties: false`, so records carry only fields the schemas name (no `knownAs`).
 */

/** `Contract.EmployeeResponse` (only the parts staffsync reads are typed closely). */
export interface StaffologyEmployee {
  id: string; // uuid
  status: 'Current' | 'Former' | 'Upcoming';
  personalDetails: {
    title?: string | null;
    firstName: string | null;
    middleName?: string | null;
    lastName: string | null;
    email: string | null;
    /** `format: date` in the spec: "1985-04-12" (a date-time such as "1985-04-12" fails the schema). */
    dateOfBirth: string;
    gender: 'Male' | 'Female';
    maritalStatus: 'Single' | 'Married' | 'Divorced' | 'Widowed' | 'CivilPartnership' | 'Unknown';
    [key: string]: unknown;
  };
  employmentDetails: {
    payrollCode: string;
    jobTitle?: string | null;
    /**
     * The spec's `department`, `starterDetails`, `leaverDetails` and `bankDetails` are non-nullable `$ref`s: the
     * simulator omits one that is null here, so the wire stays valid.
     */
    department?: {
      code: string;
      title: string;
      color?: string | null;
      accountingCode?: string | null;
      employeeCount?: number;
    } | null;
    /** `startDate` is `format: date` ("2021-09-01"). */
    starterDetails?: { startDate: string; starterDeclaration: 'A' | 'B' | 'C' | 'Unknown' } | null;
    leaverDetails?: {
      hasLeft?: boolean;
      leaveDate?: string | null; // `format: date` ("2024-03-31")
      isDeceased?: boolean;
      p45Sent?: boolean;
      payAccruedBalance?: boolean;
      paymentAfterLeaving?: boolean;
    } | null;
    [key: string]: unknown;
  };
  bankDetails?: {
    bankName?: string | null;
    bankBranch?: string | null;
    bankReference?: string | null;
    accountName?: string | null;
    accountNumber?: string | null;
    sortCode?: string | null;
    buildingSocietyRollNumber?: string | null;
    note?: string | null;
  } | null;
  [key: string]: unknown;
}

/** `Contract.EmployerResponse` (subset). */
export interface StaffologyEmployer {
  id: string; // uuid
  name: string;
  [key: string]: unknown;
}

/** `User` (subset), served by `GET /account`. */
export interface StaffologyUser {
  id: string; // uuid
  emailAddress?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  [key: string]: unknown;
}

export interface StaffologyState {
  /** Accepted API keys (HTTP Basic password; any username). */
  apiKeys: string[];
  /**
   * The employer ids each API key sees, by key: `GET /employers` and `GET /account` list them, and the routes of
   * any other employer answer 403. A key with no entry sees every employer (a single-company sandbox).
   */
  employerAccess?: Record<string, string[]>;
  /** The account `GET /account` returns; without one, the simulator describes a sandbox API user. */
  account?: StaffologyUser;
  employers: StaffologyEmployer[];
  /** Employees by employer id. */
  employees: Record<string, StaffologyEmployee[]>;
  /**
   * Records served exactly as given, by employer id, listed after that employer's `employees`: edge cases that
   * may break the vendor's schema (data/generate-odd-employees.ts), for proving a client never crashes on them.
   * Not checked beyond being JSON objects; one is found by a string `id`, and by a string payroll code.
   */
  rawEmployees?: Record<string, Record<string, unknown>[]>;
}
