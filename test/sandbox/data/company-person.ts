import type { ExpenseInUserRecord } from '../expensein/types.ts';
import type { CompanyRandom } from './company-random.ts';
import type { DepartmentSpec } from './departments.ts';
import type { EmailBook } from './work-email.ts';

/** What every step of the generator shares. */
export interface CompanyContext {
  random: CompanyRandom;
  today: string;
  /** The employer's e-mail domain, e.g. `northwind-logistics.co.uk`. */
  domain: string;
  emails: EmailBook;
  /** ExpenseIn department id by Staffology department code; absent where ExpenseIn has no such department. */
  expenseInDepartmentIds: Map<string, number>;
}

export type MaritalStatus = 'Single' | 'Married' | 'Divorced' | 'Widowed' | 'CivilPartnership' | 'Unknown';

/** Bank details as HR holds them: the sort code as typed into payroll (`123456`, `12-34-56` or `12 34 56`). */
export interface HrBank {
  bankName: string;
  accountName: string;
  sortCode: string;
  accountNumber: string;
}

/**
 * One employee before rendering: the HR side (Staffology fields) and, when the person has one, their ExpenseIn
 * user. Scenarios edit one side or the other; the renderers turn this into the vendors' wire shapes.
 */
export interface CompanyPerson {
  sourceId: string;
  payrollCode: string;
  title: string;
  firstName: string | null;
  middleName: string | null;
  lastName: string | null;
  email: string | null;
  gender: 'Male' | 'Female';
  maritalStatus: MaritalStatus;
  dateOfBirth: string;
  startDate: string;
  starterDeclaration: 'A' | 'B' | 'C' | 'Unknown';
  jobTitle: string;
  department: DepartmentSpec | null;
  status: 'Current' | 'Former';
  /** `hasLeft` false with a date: a scheduled leaver (PRODUCT.md 3.1: a future date makes a scheduled leaver). */
  hasLeft: boolean;
  leaveDate: string | null;
  bank: HrBank | null;
  /** The person's ExpenseIn user; null when ExpenseIn has none. Its `id` is assigned last. */
  user: ExpenseInUserRecord | null;
}
