import { createHash } from 'node:crypto';
import {
  type BankDetails,
  defaultSyncSettings,
  type EiDepartment,
  type EiUser,
  type HrEmployee,
  type Link,
  type Plan,
  type PlanInput,
  type PlannedAction,
} from '@staffsync/shared';
import { normaliseBank } from './normalise.ts';

/** Builders for planner tests: a valid, in-sync employee and user, overridden per case. */
export const today = '2026-03-02';

/**
 * A keyed-looking hash, as the server's HMAC would be: tests only need it stable and bank-free, and, as
 * PlanInput.hashBank promises, the same for the same details written two ways.
 */
export function hashBank(bank: BankDetails): string {
  const { accountName, sortCode, accountNumber } = normaliseBank(bank);
  return createHash('sha256')
    .update(`test-key|${accountName}|${sortCode}|${accountNumber}`)
    .digest('hex')
    .slice(0, 16);
}

export function employee(overrides: Partial<HrEmployee> = {}): HrEmployee {
  return {
    sourceId: `hr-${overrides.employeeNumber ?? 'E001'}`,
    employeeNumber: 'E001',
    knownAs: 'Ann',
    surname: 'Lee',
    workEmail: 'ann.lee@acme.test',
    department: null,
    bank: null,
    isLeaver: false,
    leaveDate: null,
    ...overrides,
  };
}

export function user(overrides: Partial<EiUser> = {}): EiUser {
  return {
    id: 1,
    firstName: 'Ann',
    lastName: 'Lee',
    email: 'ann.lee@acme.test',
    reference: 'E001',
    departmentId: null,
    leaveDate: null,
    bankDetails: null,
    inviteStatus: 'Active',
    expensePolicyId: 3,
    approvalFlowId: 4,
    ...overrides,
  };
}

export function link(overrides: Partial<Link> = {}): Link {
  return { employeeNumber: 'E001', userId: 1, lastWritten: {}, leaveDateSetBySync: null, ...overrides };
}

export const departments: EiDepartment[] = [
  { id: 10, name: 'Sales', reference: null },
  { id: 11, name: 'Research and Development', reference: 'RND' },
  { id: 12, name: 'Finance', reference: null },
];

export function planInput(overrides: Partial<PlanInput> = {}): PlanInput {
  return {
    employees: [],
    invalidRecords: [],
    users: [],
    departments,
    links: [],
    settings: defaultSyncSettings,
    today,
    hashBank,
    ...overrides,
  };
}

/** The one action (applied or held) for an employee number; fails the test when there is none. */
export function actionFor(plan: Plan, employeeNumber: string): PlannedAction {
  const action = [...plan.actions, ...plan.held].find((a) => a.subject.employeeNumber === employeeNumber);
  if (!action) throw new Error(`no action for ${employeeNumber}: ${JSON.stringify(plan.outcomes)}`);
  return action;
}

export function codesOf(plan: Plan): string[] {
  return plan.outcomes.map((outcome) => `${outcome.rule ?? '-'}:${outcome.code}`);
}
