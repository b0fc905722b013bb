import type { EiBank, ExpenseInUserRecord } from '../expensein/types.ts';
import { EXPENSEIN_USER_SETTING_KEYS } from '../expensein/user-input-schemas.ts';
import type { CompanyContext, CompanyPerson, HrBank } from './company-person.ts';
import { departments } from './departments.ts';
import { femaleFirstNames, maleFirstNames, surnames } from './uk-names.ts';

type RequiredUserFields = Pick<ExpenseInUserRecord, 'firstName' | 'lastName' | 'email' | 'reference'>;

/** An ExpenseIn user with ExpenseIn's defaults for everything not given; `id` is assigned when all users exist. */
export function newUser(fields: RequiredUserFields & Partial<ExpenseInUserRecord>): ExpenseInUserRecord {
  const { firstName, lastName, email, reference, ...rest } = fields;
  // The API's fields first, in PRODUCT.md 3.2 order, so a state dump reads like the API.
  return {
    id: 0,
    firstName,
    lastName,
    email,
    reference,
    departmentId: null,
    leaveDate: null,
    bankDetails: null,
    inviteStatus: 'Active',
    expensePolicyId: 1,
    approvalFlowId: 1,
    statementIdentifier: null,
    permissions: ['Add and Submit Expenses'],
    settings: Object.fromEntries(EXPENSEIN_USER_SETTING_KEYS.map((key) => [key, false])),
    outOfOffice: { enabled: false, onlyDuringPeriod: false, start: null, end: null },
    ...rest,
  };
}

/** ExpenseIn keeps the sort code as its 6 digits (expensein.md 1.6; the simulator stores it that way). */
export function expenseInBank(bank: HrBank): EiBank {
  return {
    accountName: bank.accountName,
    sortCode: bank.sortCode.replace(/\D/g, ''),
    accountNumber: bank.accountNumber,
  };
}

/**
 * The user a previous sync would have left for this employee: linked by Reference = payroll code (R5) and
 * holding exactly what HR holds (R7, R8, R9, R12), plus the set-up an administrator did by hand afterwards
 * (policy, approval flow, permissions, card statement identifier, invitation).
 */
export function mirrorUser(ctx: CompanyContext, person: CompanyPerson): ExpenseInUserRecord {
  const { random } = ctx;
  const { firstName, lastName, email, department } = person;
  if (firstName === null || lastName === null || email === null) {
    throw new Error(`employee ${person.payrollCode} lacks a name or email to mirror into ExpenseIn`);
  }
  const senior = /Manager|Head|Director/.test(person.jobTitle);
  const permissions = ['Add and Submit Expenses'];
  if (department?.code === 'FIN') permissions.push('Finance User');
  if (person.jobTitle === 'Finance Manager') permissions.push('Finance Administrator');
  const cardHolder = senior || random.chance(0.08);
  const settings = Object.fromEntries(EXPENSEIN_USER_SETTING_KEYS.map((key) => [key, false]));
  settings.createPersonalCarMileage = department?.code === 'SAL' || department?.code === 'OPS';
  settings.createCompanyCardExpenses = cardHolder;
  settings.importCardStatements = cardHolder;
  return newUser({
    firstName,
    lastName,
    email,
    reference: person.payrollCode,
    departmentId: department ? (ctx.expenseInDepartmentIds.get(department.code) ?? null) : null,
    leaveDate: person.leaveDate,
    bankDetails: person.bank ? expenseInBank(person.bank) : null,
    inviteStatus: person.status === 'Former' || random.chance(0.9) ? 'Active' : 'Invited',
    expensePolicyId: senior ? 2 : 1,
    approvalFlowId: department ? 1 + ((departments.indexOf(department) + 3) % 3) : 1,
    statementIdentifier: cardHolder ? random.digits(4) : null,
    permissions,
    settings,
  });
}

/** A contractor: an ExpenseIn user with no employee behind it, under a `CON-` reference (R15: never changed). */
export function contractorUser(
  ctx: CompanyContext,
  reference: string,
  departmentId: number | null,
  agencyDomain: string,
): ExpenseInUserRecord {
  const { random } = ctx;
  const female = random.chance(0.5);
  const firstName = random.pick(female ? femaleFirstNames : maleFirstNames);
  const lastName = random.pick(surnames);
  return newUser({
    firstName,
    lastName,
    email: ctx.emails.claim(firstName, lastName, agencyDomain),
    reference,
    departmentId,
    inviteStatus: random.chance(0.8) ? 'Active' : 'Invited',
  });
}
