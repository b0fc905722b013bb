import type { ExpenseInUserRecord } from '../expensein/types.ts';
import type { CompanyFacts } from './company-facts.ts';
import type { CompanyContext, CompanyPerson, HrBank } from './company-person.ts';
import { createBank, dayAround, jobTitleIn } from './create-person.ts';
import {
  caseSpacingDepartmentCode,
  caseSpacingExpenseInName,
  departments,
  staffologyOnlyDepartment,
} from './departments.ts';
import { expenseInBank, mirrorUser, newUser } from './expensein-user.ts';
import { shortForms, surnames } from './uk-names.ts';

export type ScenarioFacts = Omit<
  CompanyFacts,
  | 'companyName'
  | 'emailDomain'
  | 'today'
  | 'employeeCount'
  | 'expenseInUserCount'
  | 'adminUserId'
  | 'contractorUserIds'
  | 'expenseInKeyWithoutAdmin'
>;

export interface ScenarioSetup {
  /** Users the scenarios add that belong to no employee: a legacy duplicate, contractors with clashing emails. */
  extraUsers: ExpenseInUserRecord[];
  /** The facts, read once every user has its id. */
  facts(): ScenarioFacts;
}

export interface ScenarioDeps {
  /** The next free `CON-` reference. */
  contractorReference(): string;
  contractorDepartmentId: number;
}

/** Scenarios that grow with the company, so a 50,000-employee run has realistic numbers of each. */
function scaledCounts(employees: number) {
  return {
    newStarters: Math.max(2, Math.round(employees * 0.03)),
    leaversPast: Math.max(2, Math.round(employees * 0.015)),
    leaversFuture: Math.max(1, Math.round(employees * 0.008)),
    departmentOnlyInStaffology: Math.max(2, Math.round(employees * 0.01)),
  };
}

/** People every other scenario takes, one each (the duplicate employee number takes two). */
const FIXED_HEADCOUNT = 23;

/** How many employees the scenarios turn into edge cases: a company needs at least this many. */
export function scenarioHeadcount(employees: number): number {
  const scaled = scaledCounts(employees);
  return FIXED_HEADCOUNT + Object.values(scaled).reduce((sum, n) => sum + n, 0);
}

export function emptyScenarioFacts(): ScenarioFacts {
  return {
    newStarters: [],
    leaversPast: [],
    leaversFuture: [],
    formerWithoutLeaveDate: [],
    leaversNotInExpenseIn: [],
    missingKnownAs: [],
    missingSurname: [],
    missingWorkEmail: [],
    blankEmployeeNumber: [],
    invalidEmail: [],
    duplicateEmployeeNumber: [],
    duplicateReference: [],
    nearMissReference: [],
    emailHeldByOtherUser: [],
    emailTakenOnUpdate: [],
    departmentOnlyInStaffology: [],
    departmentCaseSpacing: [],
    editedInExpenseIn: [],
    manualLeaveDate: [],
    bankDiffers: [],
    bankOnlyInExpenseIn: [],
    normalisedEqual: [],
  };
}

/**
 * Turns some of an in-sync company's people into the edge cases of PRODUCT.md section 2 (the rule each one
 * exercises is on its `CompanyFacts` field). `people` are in start-date order, numbered and mirrored in
 * ExpenseIn; `keep` are people whose names must survive (the unicode, apostrophe and hyphen showcases).
 */
export function applyScenarios(
  ctx: CompanyContext,
  people: CompanyPerson[],
  keep: ReadonlySet<CompanyPerson>,
  deps: ScenarioDeps,
): ScenarioSetup {
  const { random, emails, domain } = ctx;
  const counts = scaledCounts(people.length);
  const extraUsers: ExpenseInUserRecord[] = [];
  const facts = emptyScenarioFacts();
  // User ids do not exist yet: facts that name users are written by these, once they do.
  const finishers: ((facts: ScenarioFacts) => void)[] = [];
  const later = (finish: (facts: ScenarioFacts) => void) => finishers.push(finish);

  // The newest hires are the new starters: joined in the last three weeks, not yet in ExpenseIn.
  const starters = people.slice(people.length - counts.newStarters);
  const starterDays = starters.map(() => dayAround(ctx, -21, 0)).sort();
  starters.forEach((person, index) => {
    makeCurrent(person);
    person.startDate = starterDays[index] ?? ctx.today;
    person.user = null;
    facts.newStarters.push(person.payrollCode);
  });
  const firstStarter = starters[0];
  if (firstStarter) moveTo(ctx, firstStarter, caseSpacingDepartmentCode);

  const pool = random.shuffle(
    people.slice(0, people.length - counts.newStarters).filter((p) => !keep.has(p)),
  );
  let cursor = 0;
  /** A linked, current employee no other scenario has touched, and their user. */
  const take = (): { person: CompanyPerson; user: ExpenseInUserRecord } => {
    const person = pool[cursor++];
    if (!person?.user) throw new RangeError('not enough employees for the scenarios');
    makeCurrent(person);
    return { person, user: person.user };
  };

  for (let i = 0; i < counts.leaversPast; i++) {
    const { person } = take();
    person.status = 'Former';
    person.hasLeft = true;
    person.leaveDate = dayAround(ctx, -40, -1);
    facts.leaversPast.push(person.payrollCode);
  }
  for (let i = 0; i < counts.leaversFuture; i++) {
    const { person } = take();
    person.leaveDate = dayAround(ctx, 1, 40);
    facts.leaversFuture.push(person.payrollCode);
  }
  {
    const { person } = take();
    person.status = 'Former';
    facts.formerWithoutLeaveDate.push(person.payrollCode);
  }
  {
    const { person } = take();
    person.status = 'Former';
    person.hasLeft = true;
    person.leaveDate = dayAround(ctx, -30, -2);
    person.user = null;
    facts.leaversNotInExpenseIn.push(person.payrollCode);
  }

  // R1: a linked employee whose first name HR lost, one whose surname is blank, a new starter with no email yet,
  // and one whose payroll code is only spaces.
  {
    const { person } = take();
    person.firstName = null;
    facts.missingKnownAs.push(person.payrollCode);
  }
  {
    const { person } = take();
    person.lastName = '  ';
    facts.missingSurname.push(person.payrollCode);
  }
  {
    const { person } = take();
    person.email = null;
    person.user = null;
    person.startDate = dayAround(ctx, -10, 0);
    facts.missingWorkEmail.push(person.payrollCode);
  }
  {
    const { person } = take();
    person.payrollCode = '  ';
    person.user = null;
    facts.blankEmployeeNumber.push(person.sourceId);
  }
  {
    const { person } = take();
    // The "@" lost in typing: not a plausible address (R2).
    person.email = (person.email ?? '').replace('@', '.');
    person.user = null;
    person.startDate = dayAround(ctx, -10, 0);
    facts.invalidEmail.push(person.payrollCode);
  }
  {
    const first = take();
    const { person: second } = take();
    second.payrollCode = first.person.payrollCode;
    second.user = null;
    later((f) =>
      f.duplicateEmployeeNumber.push({
        employeeNumber: first.person.payrollCode,
        sourceIds: [first.person.sourceId, second.sourceId],
        linkedUserId: first.user.id,
      }),
    );
  }
  {
    // A second account from before "User references must be unique" was switched on, under the old
    // initial.surname address format.
    const { person, user } = take();
    const legacy = newUser({
      firstName: user.firstName,
      lastName: user.lastName,
      email: emails.claim(user.firstName.slice(0, 1), user.lastName, domain),
      reference: person.payrollCode,
      departmentId: user.departmentId,
      inviteStatus: 'Invited',
    });
    extraUsers.push(legacy);
    later((f) =>
      f.duplicateReference.push({ employeeNumber: person.payrollCode, userIds: [user.id, legacy.id] }),
    );
  }
  // R6: staff who came over with an acquisition keep "T" codes; ExpenseIn has them typed in lower case or with a
  // space. White space at the ends would be trimmed away (an exact match), so the space is inside.
  for (const variant of ['case', 'space'] as const) {
    const { person, user } = take();
    if (!person.payrollCode.startsWith('T')) person.payrollCode = `T${person.payrollCode}`;
    const reference =
      variant === 'case' ? person.payrollCode.toLowerCase() : `T ${person.payrollCode.slice(1)}`;
    user.reference = reference;
    later((f) =>
      f.nearMissReference.push({ employeeNumber: person.payrollCode, userId: user.id, reference }),
    );
  }
  {
    // A contractor who became an employee: the old contractor account holds the same email.
    const { person, user } = take();
    const reference = deps.contractorReference();
    const contractor = newUser({
      firstName: user.firstName,
      lastName: user.lastName,
      email: user.email,
      reference,
      departmentId: deps.contractorDepartmentId,
    });
    person.user = null;
    extraUsers.push(contractor);
    later((f) =>
      f.emailHeldByOtherUser.push({ employeeNumber: person.payrollCode, userId: contractor.id, reference }),
    );
  }
  {
    // Took a spouse's surname; HR set the email to first.newsurname@, which a contractor of the same name
    // already uses in ExpenseIn.
    const { person, user } = take();
    let surname = random.pick(surnames);
    while (surname === person.lastName) surname = random.pick(surnames);
    const email = emails.claim(user.firstName, surname, domain);
    const other = newUser({
      firstName: user.firstName,
      lastName: surname,
      email,
      reference: deps.contractorReference(),
      departmentId: deps.contractorDepartmentId,
    });
    person.lastName = surname;
    person.email = email;
    extraUsers.push(other);
    later((f) =>
      f.emailTakenOnUpdate.push({
        employeeNumber: person.payrollCode,
        userId: user.id,
        otherUserId: other.id,
        email,
      }),
    );
  }
  {
    // Moved into a department HR created and nobody added to ExpenseIn: the user keeps the old department.
    const movers = Array.from({ length: counts.departmentOnlyInStaffology }, () => take().person);
    for (const person of movers) {
      person.department = staffologyOnlyDepartment;
      person.jobTitle = jobTitleIn(ctx, staffologyOnlyDepartment);
    }
    later((f) =>
      f.departmentOnlyInStaffology.push({
        code: staffologyOnlyDepartment.code,
        title: staffologyOnlyDepartment.title,
        employeeNumbers: movers.map((p) => p.payrollCode),
      }),
    );
  }
  {
    moveTo(ctx, take().person, caseSpacingDepartmentCode);
    const department = departments.find((d) => d.code === caseSpacingDepartmentCode);
    const expenseInDepartmentId = ctx.expenseInDepartmentIds.get(caseSpacingDepartmentCode);
    if (!department || expenseInDepartmentId === undefined)
      throw new Error('the case/spacing department is missing');
    later((f) =>
      f.departmentCaseSpacing.push({
        code: department.code,
        hrTitle: department.title,
        expenseInName: caseSpacingExpenseInName,
        expenseInDepartmentId,
        employeeNumbers: people.filter((p) => p.department === department).map((p) => p.payrollCode),
      }),
    );
  }
  {
    // HR holds the formal name; the user shortened it in ExpenseIn (R16: the sync overwrites it).
    const { person } = take();
    const { formal, short, gender } = random.pick(shortForms);
    person.gender = gender;
    person.title = gender === 'Male' ? 'Mr' : 'Ms';
    person.middleName = null;
    person.firstName = formal;
    person.email = emails.claim(formal, person.lastName ?? '', domain);
    if (person.bank) person.bank.accountName = `${formal} ${person.lastName}`;
    const user = mirrorUser(ctx, person);
    user.firstName = short;
    person.user = user;
    later((f) =>
      f.editedInExpenseIn.push({
        employeeNumber: person.payrollCode,
        userId: user.id,
        field: 'firstName',
        hrValue: formal,
        expenseInValue: short,
      }),
    );
  }
  {
    const { person, user } = take();
    const leaveDate = dayAround(ctx, 7, 30);
    user.leaveDate = leaveDate;
    later((f) => f.manualLeaveDate.push({ employeeNumber: person.payrollCode, userId: user.id, leaveDate }));
  }
  {
    // Moved banks: HR has the new account, ExpenseIn still the old one.
    const { person, user } = take();
    const bank = withBank(ctx, person);
    let oldAccount = random.digits(8);
    while (oldAccount === bank.accountNumber) oldAccount = random.digits(8);
    user.bankDetails = { ...expenseInBank(bank), accountNumber: oldAccount };
    later((f) => f.bankDiffers.push({ employeeNumber: person.payrollCode, userId: user.id }));
  }
  {
    // Entered by the user in ExpenseIn; payroll has none on file. R8 never clears them.
    const { person, user } = take();
    user.bankDetails = expenseInBank(withBank(ctx, person));
    person.bank = null;
    later((f) => f.bankOnlyInExpenseIn.push({ employeeNumber: person.payrollCode, userId: user.id }));
  }
  {
    const { person, user } = take();
    person.email = user.email.replace(
      /(^|[.@-])([a-z])/g,
      (_, sep: string, letter: string) => sep + letter.toUpperCase(),
    );
    later((f) =>
      f.normalisedEqual.push({ employeeNumber: person.payrollCode, userId: user.id, kind: 'emailCase' }),
    );
  }
  {
    const { person, user } = take();
    person.firstName = ` ${user.firstName} `;
    later((f) =>
      f.normalisedEqual.push({ employeeNumber: person.payrollCode, userId: user.id, kind: 'paddedName' }),
    );
  }
  {
    const { person, user } = take();
    const bank = withBank(ctx, person);
    const digits = bank.sortCode.replace(/\D/g, '');
    bank.sortCode = `${digits.slice(0, 2)}-${digits.slice(2, 4)}-${digits.slice(4)}`;
    user.bankDetails = expenseInBank(bank);
    later((f) =>
      f.normalisedEqual.push({ employeeNumber: person.payrollCode, userId: user.id, kind: 'dashedSortCode' }),
    );
  }

  return {
    extraUsers,
    facts() {
      const finished = structuredClone(facts);
      for (const finish of finishers) finish(finished);
      return finished;
    },
  };
}

/** The person's HR bank details, created when payroll had none. */
function withBank(ctx: CompanyContext, person: CompanyPerson): HrBank {
  person.bank ??= createBank(ctx, `${person.firstName} ${person.lastName}`);
  return person.bank;
}

/** Back to a plain current employee, in case the background made them a long-gone leaver. */
function makeCurrent(person: CompanyPerson): void {
  person.status = 'Current';
  person.hasLeft = false;
  person.leaveDate = null;
  if (person.user) person.user.leaveDate = null;
}

function moveTo(ctx: CompanyContext, person: CompanyPerson, code: string): void {
  const department = departments.find((d) => d.code === code) ?? null;
  person.department = department;
  person.jobTitle = jobTitleIn(ctx, department);
  if (person.user) person.user.departmentId = ctx.expenseInDepartmentIds.get(code) ?? null;
}
