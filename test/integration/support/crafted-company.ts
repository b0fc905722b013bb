import type { ExpenseInState, ExpenseInUserRecord } from '../../sandbox/expensein/types.ts';
import { EXPENSEIN_USER_SETTING_KEYS } from '../../sandbox/expensein/user-input-schemas.ts';
import type { Sandbox } from '../../sandbox/index.ts';
import type { StaffologyEmployee, StaffologyState } from '../../sandbox/staffology/types.ts';

/*
 * Small hand-made companies for the rule tests: a few HR employees and ExpenseIn users written out in the test, so
 * each test reads as "given HR holds this and ExpenseIn that". They are loaded into a running sandbox through
 * `control.backend.load`, keeping the sandbox's API keys and employer (test/sandbox/start-sandbox.ts).
 */

export interface HrBankSpec {
  accountName: string;
  sortCode: string;
  accountNumber: string;
}

/** One Staffology employee, with only what the sync reads (PRODUCT.md 3.1); the rest gets valid defaults. */
export interface EmployeeSpec {
  /** `employmentDetails.payrollCode`: the Employee Number. */
  number: string;
  firstName: string | null;
  lastName: string | null;
  /** Default: first.last@example-co.co.uk, lower case. */
  email?: string | null;
  /** `employmentDetails.department.title`; null or absent: no department. */
  department?: string | null;
  bank?: HrBankSpec | null;
  status?: 'Current' | 'Former';
  hasLeft?: boolean;
  leaveDate?: string | null;
  /** The Staffology employee id; default derived from the number (and `copy`, for R3's second holder). */
  id?: string;
}

/** One ExpenseIn user; everything not given is ExpenseIn's default for a user set up by hand. */
export interface UserSpec {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  reference: string | null;
  departmentId?: number | null;
  leaveDate?: string | null;
  bankDetails?: HrBankSpec | null;
  inviteStatus?: ExpenseInUserRecord['inviteStatus'];
}

export const emailDomain = 'example-co.co.uk';

/** ExpenseIn's departments in every crafted company (ids are what R9 writes). */
export const departments = {
  operations: { id: 1, name: 'Operations', reference: '5000' },
  sales: { id: 2, name: 'Sales', reference: '6100' },
  // Spelt differently from HR's "Customer Support" only in case and spacing: the same department (R9).
  customerSupport: { id: 3, name: 'Customer  support', reference: '6300' },
  contractors: { id: 4, name: 'Contractors', reference: '9900' },
} as const;

/** The account administrator: a user with no employee (R15), in every crafted company. */
export const adminUser: UserSpec = {
  id: 1,
  firstName: 'Expenses',
  lastName: 'Admin',
  email: `expenses.admin@${emailDomain}`,
  reference: 'ADMIN',
};

export function workEmail(firstName: string, lastName: string): string {
  return `${firstName}.${lastName}@${emailDomain}`.toLowerCase().replace(/[^a-z0-9.@-]/g, '');
}

/** A Staffology id (uuid-shaped) from an employee number, so a test can name the record it made. */
export function sourceIdFor(number: string, copy = 0): string {
  const digits = Buffer.from(`${number}#${copy}`).toString('hex').slice(0, 12).padStart(12, '0');
  return `00000000-0000-4000-8000-${digits}`;
}

export function hrEmployee(spec: EmployeeSpec): StaffologyEmployee {
  const email =
    spec.email !== undefined ? spec.email : workEmail(spec.firstName ?? 'x', spec.lastName ?? 'x');
  const leaveDate = spec.leaveDate ?? null;
  const employee: StaffologyEmployee = {
    id: spec.id ?? sourceIdFor(spec.number),
    status: spec.status ?? 'Current',
    personalDetails: {
      title: 'Mx',
      firstName: spec.firstName,
      middleName: null,
      lastName: spec.lastName,
      email,
      dateOfBirth: '1990-01-15',
      gender: 'Female',
      maritalStatus: 'Single',
    },
    employmentDetails: {
      payrollCode: spec.number,
      jobTitle: 'Analyst',
      starterDetails: { startDate: '2020-03-02', starterDeclaration: 'A' },
      leaverDetails: {
        hasLeft: spec.hasLeft ?? spec.status === 'Former',
        leaveDate,
        isDeceased: false,
        p45Sent: false,
        payAccruedBalance: false,
        paymentAfterLeaving: false,
      },
    },
    bankDetails: {
      bankName: spec.bank ? 'Example Bank' : null,
      bankBranch: null,
      bankReference: null,
      accountName: spec.bank?.accountName ?? null,
      accountNumber: spec.bank?.accountNumber ?? null,
      sortCode: spec.bank?.sortCode ?? null,
      buildingSocietyRollNumber: null,
      note: null,
    },
  };
  if (spec.department) {
    employee.employmentDetails.department = {
      code: spec.department
        .replace(/[^A-Za-z]/g, '')
        .slice(0, 3)
        .toUpperCase(),
      title: spec.department,
      color: '2f6f9f',
      accountingCode: null,
      employeeCount: 1,
    };
  }
  return employee;
}

export function eiUser(spec: UserSpec): ExpenseInUserRecord {
  return {
    id: spec.id,
    firstName: spec.firstName,
    lastName: spec.lastName,
    email: spec.email,
    reference: spec.reference,
    departmentId: spec.departmentId ?? null,
    leaveDate: spec.leaveDate ?? null,
    bankDetails: spec.bankDetails
      ? { ...spec.bankDetails, sortCode: spec.bankDetails.sortCode.replace(/\D/g, '') }
      : null,
    inviteStatus: spec.inviteStatus ?? 'Active',
    expensePolicyId: 1,
    approvalFlowId: 1,
    statementIdentifier: null,
    permissions: ['Add and Submit Expenses'],
    settings: Object.fromEntries(EXPENSEIN_USER_SETTING_KEYS.map((key) => [key, false])),
    outOfOffice: { enabled: false, onlyDuringPeriod: false, start: null, end: null },
  };
}

/**
 * The user an earlier sync (or an administrator) made for this employee: the same names, email, department and
 * bank, Reference = Employee Number (R5). `overrides` make it differ where a test needs it to.
 */
export function userFor(id: number, employee: EmployeeSpec, overrides: Partial<UserSpec> = {}): UserSpec {
  const department = Object.values(departments).find(
    (d) => d.name.toLowerCase().replace(/\s+/g, ' ') === employee.department?.toLowerCase(),
  );
  return {
    id,
    firstName: employee.firstName ?? '',
    lastName: employee.lastName ?? '',
    email: employee.email ?? workEmail(employee.firstName ?? 'x', employee.lastName ?? 'x'),
    reference: employee.number,
    departmentId: department?.id ?? null,
    leaveDate: employee.status === 'Former' ? (employee.leaveDate ?? null) : null,
    bankDetails: employee.bank ?? null,
    ...overrides,
  };
}

export interface CraftedCompany {
  employees: EmployeeSpec[];
  /** Besides the administrator (always user 1). */
  users: UserSpec[];
  /** ExpenseIn's "User references must be unique" (default on, as the seed recommends). */
  referencesUnique?: boolean;
}

/** The two vendor states of a crafted company, keeping the sandbox's keys and employer. */
export function craftStates(
  sandbox: Sandbox,
  company: CraftedCompany,
): { staffology: StaffologyState; expensein: ExpenseInState } {
  const hr = sandbox.company.staffology;
  const ei = sandbox.company.expensein;
  return {
    staffology: {
      apiKeys: [...hr.apiKeys],
      employers: hr.employers.map((employer) => ({ ...employer })),
      employees: { [sandbox.staffology.employerId]: company.employees.map(hrEmployee) },
    },
    expensein: {
      apiKeys: ei.apiKeys.map((key) => ({ ...key, permissions: [...key.permissions] })),
      settings: { userReferencesMustBeUnique: company.referencesUnique ?? true },
      departments: Object.values(departments).map((d) => ({ ...d })),
      users: [adminUser, ...company.users].map(eiUser),
      eventLog: [],
      accountName: ei.accountName,
    },
  };
}

/** Loads a crafted company into the running sandbox, with no faults and an empty request log. */
export function loadCompany(sandbox: Sandbox, company: CraftedCompany): void {
  const states = craftStates(sandbox, company);
  for (const vendor of [sandbox.staffology, sandbox.expensein]) {
    vendor.control.setFaults({});
    vendor.control.clearRequests();
  }
  sandbox.staffology.control.backend.load(states.staffology);
  sandbox.expensein.control.backend.load(states.expensein);
}

/** Replaces HR's employees, keeping everything else (a change in HR between two syncs). */
export function setHrEmployees(sandbox: Sandbox, employees: EmployeeSpec[]): void {
  const state = sandbox.staffology.control.backend.snapshot();
  state.employees[sandbox.staffology.employerId] = employees.map(hrEmployee);
  sandbox.staffology.control.backend.load(state);
}

/** The ExpenseIn user with this id, as the simulator holds it now. */
export function userById(sandbox: Sandbox, id: number): ExpenseInUserRecord {
  const user = sandbox.expensein.control.backend.snapshot().users.find((u) => u.id === id);
  if (!user) throw new Error(`ExpenseIn has no user ${id}`);
  return user;
}

/** The ExpenseIn users holding this Reference now. */
export function usersByReference(sandbox: Sandbox, reference: string): ExpenseInUserRecord[] {
  return sandbox.expensein.control.backend.snapshot().users.filter((u) => u.reference === reference);
}
