import type { ExpenseInDepartment, ExpenseInState, ExpenseInUserRecord } from '../expensein/types.ts';
import type { StaffologyState } from '../staffology/types.ts';
import {
  applyScenarios,
  emptyScenarioFacts,
  type ScenarioSetup,
  scenarioHeadcount,
} from './apply-scenarios.ts';
import { addDays, dayNumber } from './calendar-date.ts';
import type { CompanyFacts } from './company-facts.ts';
import type { CompanyContext, CompanyPerson } from './company-person.ts';
import { createCompanyRandom } from './company-random.ts';
import { createPerson, makeLongGoneLeaver, type NameStyle } from './create-person.ts';
import {
  caseSpacingDepartmentCode,
  caseSpacingExpenseInName,
  departments,
  expenseInOnlyDepartment,
} from './departments.ts';
import { contractorUser, mirrorUser, newUser } from './expensein-user.ts';
import { toStaffologyEmployee } from './to-staffology-employee.ts';
import { companyNames, contractorAgencyDomains } from './uk-names.ts';
import { createEmailBook } from './work-email.ts';

export interface GenerateCompanyOptions {
  seed: number;
  /** HR employees in the employer, scenario records included (default 60). */
  employees?: number;
  /** `YYYY-MM-DD`: leave dates and start dates are placed around it (default 2026-11-25). */
  today?: string;
  /** Whether the company holds the edge cases of the sync rules (default true); without, both vendors agree. */
  includeScenarios?: boolean;
  /**
   * The company's place among several generated for one sandbox (default 0). From 1 on, its name and email
   * domain carry its number ("Northwind Logistics 2 Ltd", `northwind-logistics-2.co.uk`) and its payroll codes
   * start at 1001 + 1,000,000 x index (1001001, 2001001, ...), so that no two companies share a staff email or an
   * employee number and a record that lands in the wrong account is plain to see.
   */
  companyIndex?: number;
  /**
   * The first ExpenseIn user id (default 1). Companies served by one simulator take consecutive ranges, as one
   * multi-tenant database's sequence would give them.
   */
  firstUserId?: number;
}

export interface GeneratedCompany {
  staffology: StaffologyState;
  expensein: ExpenseInState;
  employerId: string;
  keys: { staffology: string; expensein: string };
  facts: CompanyFacts;
}

/** Forced onto the first people made, so that even a small company shows each kind of name. */
const SHOWCASE_NAMES: readonly NameStyle[] = ['unicode', 'apostrophe', 'hyphenated'];

/**
 * A realistic UK company as both vendors hold it: one Staffology employer and the ExpenseIn account its staff
 * claim expenses in, already synced once (users linked by Reference = payroll code), plus the edge cases of
 * PRODUCT.md section 2 recorded in `facts`. Everything comes from one seeded generator: the same options give a
 * deep-equal company, uuids and API keys included.
 */
export function generateCompany(options: GenerateCompanyOptions): GeneratedCompany {
  const employeeTotal = options.employees ?? 60;
  const today = options.today ?? '2026-11-25';
  const includeScenarios = options.includeScenarios ?? true;
  dayNumber(today);
  if (!Number.isInteger(employeeTotal) || employeeTotal < 0) {
    throw new RangeError(`employees must be a whole number, got ${employeeTotal}`);
  }
  const needed = scenarioHeadcount(employeeTotal) + SHOWCASE_NAMES.length;
  if (includeScenarios && employeeTotal < needed) {
    throw new RangeError(
      `the scenarios need at least ${needed} employees, got ${employeeTotal}: ask for more, or set includeScenarios: false`,
    );
  }

  const companyIndex = options.companyIndex ?? 0;
  const random = createCompanyRandom(options.seed);
  // Drawn first, so that the seed alone fixes the company's name, ids and keys, whatever its size.
  const companyName = numberedName(random.pick(companyNames), companyIndex);
  // Numbers rather than a prefix, so that the scenarios built on a code's shape ("T" codes, R6) work unchanged.
  const firstPayrollNumber = 1001 + companyIndex * 1_000_000;
  const domain = emailDomainOf(companyName);
  const employerId = random.uuid();
  const companyNumber = random.digits(8);
  const keys = { staffology: random.hex(32), expensein: random.alphanumeric(40) };
  const expenseInKeyWithoutAdmin = random.alphanumeric(40);

  const expenseInDepartments: ExpenseInDepartment[] = departments.map((department, index) => ({
    id: index + 1,
    name:
      includeScenarios && department.code === caseSpacingDepartmentCode
        ? caseSpacingExpenseInName
        : department.title,
    reference: department.accountingCode,
  }));
  const contractorDepartmentId = expenseInDepartments.length + 1;
  expenseInDepartments.push({ id: contractorDepartmentId, ...expenseInOnlyDepartment });

  const ctx: CompanyContext = {
    random,
    today,
    domain,
    emails: createEmailBook(),
    expenseInDepartmentIds: new Map(departments.map((department, index) => [department.code, index + 1])),
  };

  const admin = newUser({
    firstName: 'Expenses',
    lastName: 'Admin',
    email: ctx.emails.reserve(`expenses.admin@${domain}`),
    reference: 'ADMIN',
    permissions: ['Add and Submit Expenses', 'Finance Administrator', 'Account Administrator'],
    expensePolicyId: null,
    approvalFlowId: null,
  });

  const people: CompanyPerson[] = Array.from({ length: employeeTotal }, (_, index) =>
    createPerson(ctx, { nameStyle: SHOWCASE_NAMES[index] }),
  );
  const showcase = new Set(people.slice(0, SHOWCASE_NAMES.length));
  // Payroll codes are handed out as people join; a few staff who came with an acquisition kept "T" codes.
  people.sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0));
  people.forEach((person, index) => {
    person.payrollCode = `${random.chance(0.03) ? 'T' : ''}${firstPayrollNumber + index}`;
    // Some left long ago; the last sync already gave their users the same leave date.
    if (random.chance(0.07)) makeLongGoneLeaver(ctx, person);
    person.user = mirrorUser(ctx, person);
  });

  let contractorCount = 0;
  const contractorReference = () => `CON-${String(++contractorCount).padStart(3, '0')}`;
  const contractors = Array.from(
    { length: employeeTotal === 0 ? 0 : Math.max(2, Math.round(employeeTotal * 0.03)) },
    () =>
      contractorUser(
        ctx,
        contractorReference(),
        contractorDepartmentId,
        random.pick(contractorAgencyDomains),
      ),
  );

  const scenarios: ScenarioSetup | null = includeScenarios
    ? applyScenarios(ctx, people, showcase, { contractorReference, contractorDepartmentId })
    : null;

  const { users, eventLog } = numberUsers(ctx, options.firstUserId ?? 1, admin, people, [
    ...contractors,
    ...(scenarios?.extraUsers ?? []),
  ]);

  const departmentSizes = new Map<string, number>();
  for (const { department } of people) {
    if (department) departmentSizes.set(department.code, (departmentSizes.get(department.code) ?? 0) + 1);
  }
  const staffology: StaffologyState = {
    apiKeys: [keys.staffology],
    employers: [
      {
        id: employerId,
        name: companyName,
        crn: companyNumber,
        employeeCount: people.filter((p) => p.status === 'Current').length,
        archived: false,
      },
    ],
    employees: { [employerId]: people.map((person) => toStaffologyEmployee(person, today, departmentSizes)) },
  };
  const expensein: ExpenseInState = {
    apiKeys: [
      { key: keys.expensein, permissions: ['Account Administrator'] },
      { key: expenseInKeyWithoutAdmin, permissions: ['Finance User'] },
    ],
    settings: { userReferencesMustBeUnique: true },
    departments: expenseInDepartments,
    users,
    eventLog,
    accountName: companyName,
  };

  return {
    staffology,
    expensein,
    employerId,
    keys,
    facts: {
      companyName,
      emailDomain: domain,
      today,
      employeeCount: people.length,
      expenseInUserCount: users.length,
      adminUserId: admin.id,
      contractorUserIds: contractors.map((user) => user.id),
      expenseInKeyWithoutAdmin,
      ...(scenarios ? scenarios.facts() : emptyScenarioFacts()),
    },
  };
}

/** The second company named from `Kestrel Freight Ltd` is `Kestrel Freight 2 Ltd`; the first keeps the name. */
function numberedName(name: string, companyIndex: number): string {
  if (companyIndex === 0) return name;
  const number = companyIndex + 1;
  return name.endsWith(' Ltd') ? `${name.slice(0, -' Ltd'.length)} ${number} Ltd` : `${name} ${number}`;
}

/** `Thistle & Rose Consulting Ltd` -> `thistle-and-rose-consulting.co.uk`. */
export function emailDomainOf(companyName: string): string {
  const words = companyName
    .replace(/\s+Ltd$/, '')
    .replace(/&/g, 'and')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return `${words.join('-')}.co.uk`;
}

/**
 * Gives every ExpenseIn user its id in the order the account grew: the administrator opened it, employees
 * followed as they joined, and users with no employee were added along the way. Also writes the Event Log entry
 * each user's bank details got when they were first entered (expensein.md 2.8).
 */
function numberUsers(
  ctx: CompanyContext,
  firstUserId: number,
  admin: ExpenseInUserRecord,
  people: readonly CompanyPerson[],
  extras: readonly ExpenseInUserRecord[],
): { users: ExpenseInUserRecord[]; eventLog: ExpenseInState['eventLog'] } {
  const extrasBefore = new Map<number, ExpenseInUserRecord[]>();
  for (const extra of extras) {
    const position = ctx.random.int(0, people.length);
    extrasBefore.set(position, [...(extrasBefore.get(position) ?? []), extra]);
  }
  const opened = people[0]?.startDate ?? addDays(ctx.today, -365);
  const ordered: { user: ExpenseInUserRecord; on: string }[] = [{ user: admin, on: opened }];
  for (let position = 0; position <= people.length; position++) {
    const person = people[position];
    const on = person?.startDate ?? ctx.today;
    for (const user of extrasBefore.get(position) ?? []) ordered.push({ user, on });
    if (person?.user) ordered.push({ user: person.user, on });
  }

  const users: ExpenseInUserRecord[] = [];
  const eventLog: ExpenseInState['eventLog'] = [];
  ordered.forEach(({ user, on }, index) => {
    user.id = firstUserId + index;
    users.push(user);
    if (user.bankDetails) {
      eventLog.push({
        at: `${on}T09:00:00.000Z`,
        userId: user.id,
        accountNumberEnding: user.bankDetails.accountNumber.slice(-4),
        changedBy: 'admin-ui',
      });
    }
  });
  eventLog.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return { users, eventLog };
}
