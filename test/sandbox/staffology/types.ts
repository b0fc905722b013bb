/**
 * The Staffology simulator's state: wire-shaped records exactly as the official OpenAPI document
 * (`../shared/vendor/staffology-openapi.json`) describes them. Every schema there has
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
    dateOfBirth: string; // date-time per the spec, e.g. "1985-04-12T00:00:00"
    gender: 'Male' | 'Female';
    maritalStatus: 'Single' | 'Married' | 'Divorced' | 'Widowed' | 'CivilPartnership' | 'Unknown';
    [key: string]: unknown;
  };
  employmentDetails: {
    payrollCode: string;
    jobTitle?: string | null;
    department?: { code: string; title: string; color?: string | null; accountingCode?: string | null; employeeCount?: number } | null;
    starterDetails?: { startDate: string; starterDeclaration: 'A' | 'B' | 'C' | 'Unknown' } | null;
    leaverDetails?: {
      hasLeft?: boolean;
      leaveDate?: string | null;
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

export interface StaffologyState {
  /** Accepted API keys (HTTP Basic password; any username). */
  apiKeys: string[];
  employers: StaffologyEmployer[];
  /** Employees by employer id. */
  employees: Record<string, StaffologyEmployee[]>;
}
