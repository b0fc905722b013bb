import { addDays, dayNumber, isoDateOf } from './calendar-date.ts';
import type { CompanyContext, CompanyPerson, HrBank, MaritalStatus } from './company-person.ts';
import { type DepartmentSpec, departments } from './departments.ts';
import {
  femaleFirstNames,
  maleFirstNames,
  surnames,
  trickySurnames,
  ukBanks,
  unicodeFemaleFirstNames,
  unicodeMaleFirstNames,
} from './uk-names.ts';

const maritalStatuses: readonly { value: MaritalStatus; weight: number }[] = [
  { value: 'Single', weight: 40 },
  { value: 'Married', weight: 40 },
  { value: 'Divorced', weight: 8 },
  { value: 'CivilPartnership', weight: 3 },
  { value: 'Widowed', weight: 2 },
  { value: 'Unknown', weight: 7 },
];

const starterDeclarations = ['A', 'A', 'B', 'B', 'C', 'C', 'C', 'Unknown'] as const;

/** Which unusual name a person gets: "showcase" people are forced so that even a small company has each kind. */
export type NameStyle = 'ordinary' | 'unicode' | 'tricky' | 'apostrophe' | 'hyphenated';

export interface PersonOptions {
  nameStyle?: NameStyle;
  gender?: 'Male' | 'Female';
  firstName?: string;
}

/**
 * A current employee with everything HR holds about them, not yet numbered (payroll codes follow start dates,
 * generate-company.ts) and not yet in ExpenseIn.
 */
export function createPerson(ctx: CompanyContext, options: PersonOptions = {}): CompanyPerson {
  const { random, today } = ctx;
  const gender = options.gender ?? (random.chance(0.5) ? 'Female' : 'Male');
  const style = options.nameStyle ?? ordinaryOrNot(ctx);
  const firstName = options.firstName ?? pickFirstName(ctx, gender, style === 'unicode');
  const lastName = pickSurname(ctx, style);
  const maritalStatus = random.weighted(maritalStatuses, (s) => s.weight).value;
  const dateOfBirth = isoDateOf(dayNumber(today) - random.int(19 * 365, 64 * 365));
  const department = random.chance(0.03) ? null : random.weighted(departments, (d) => d.weight);
  return {
    sourceId: random.uuid(),
    payrollCode: '',
    title: pickTitle(ctx, gender, maritalStatus),
    firstName,
    middleName: random.chance(0.15) ? pickFirstName(ctx, gender, false) : null,
    lastName,
    email: ctx.emails.claim(firstName, lastName, ctx.domain),
    gender,
    maritalStatus,
    dateOfBirth,
    startDate: pickStartDate(ctx, dateOfBirth),
    starterDeclaration: random.pick(starterDeclarations),
    jobTitle: jobTitleIn(ctx, department),
    department,
    status: 'Current',
    hasLeft: false,
    leaveDate: null,
    bank: random.chance(0.88) ? createBank(ctx, `${firstName} ${lastName}`) : null,
    user: null,
  };
}

function ordinaryOrNot(ctx: CompanyContext): NameStyle {
  const roll = ctx.random.int(1, 100);
  if (roll <= 3) return 'unicode';
  if (roll <= 6) return 'tricky';
  if (roll <= 11) return 'hyphenated';
  return 'ordinary';
}

function pickFirstName(ctx: CompanyContext, gender: 'Male' | 'Female', unicode: boolean): string {
  if (unicode) return ctx.random.pick(gender === 'Female' ? unicodeFemaleFirstNames : unicodeMaleFirstNames);
  return ctx.random.pick(gender === 'Female' ? femaleFirstNames : maleFirstNames);
}

function pickSurname(ctx: CompanyContext, style: NameStyle): string {
  const { random } = ctx;
  if (style === 'tricky') return random.pick(trickySurnames);
  if (style === 'apostrophe') return random.pick(trickySurnames.filter((name) => name.includes("'")));
  if (style === 'hyphenated') {
    const first = random.pick(surnames);
    let second = random.pick(surnames);
    while (second === first) second = random.pick(surnames);
    return `${first}-${second}`;
  }
  return random.pick(surnames);
}

function pickTitle(ctx: CompanyContext, gender: 'Male' | 'Female', marital: MaritalStatus): string {
  const { random } = ctx;
  if (random.chance(0.03)) return 'Dr';
  if (gender === 'Male') return 'Mr';
  if (marital === 'Married' && random.chance(0.6)) return 'Mrs';
  if (marital === 'Single' && random.chance(0.4)) return 'Miss';
  return 'Ms';
}

/** Joined at 18 or later, within the last 20 years, and at least 60 days ago (newer people are scenarios). */
function pickStartDate(ctx: CompanyContext, dateOfBirth: string): string {
  const today = dayNumber(ctx.today);
  const earliest = Math.max(dayNumber(dateOfBirth) + 18 * 366, today - 20 * 365);
  const latest = today - 60;
  return isoDateOf(ctx.random.int(Math.min(earliest, latest), latest));
}

export function jobTitleIn(ctx: CompanyContext, department: DepartmentSpec | null): string {
  return department ? ctx.random.pick(department.jobTitles) : ctx.random.pick(['Consultant', 'Director']);
}

/** UK bank details: 8-digit account number; the sort code mostly bare, sometimes typed with dashes or spaces. */
export function createBank(ctx: CompanyContext, accountName: string): HrBank {
  const { random } = ctx;
  const digits = random.digits(6);
  const roll = random.int(1, 100);
  let sortCode = digits;
  if (roll <= 18) sortCode = `${digits.slice(0, 2)}-${digits.slice(2, 4)}-${digits.slice(4)}`;
  else if (roll <= 22) sortCode = `${digits.slice(0, 2)} ${digits.slice(2, 4)} ${digits.slice(4)}`;
  return { bankName: random.pick(ukBanks), accountName, sortCode, accountNumber: random.digits(8) };
}

/** A past leaver that the last sync already recorded: left at least 45 days ago, after 90 days' service. */
export function makeLongGoneLeaver(ctx: CompanyContext, person: CompanyPerson): boolean {
  const first = dayNumber(person.startDate) + 90;
  const last = dayNumber(ctx.today) - 45;
  if (first > last) return false;
  person.status = 'Former';
  person.hasLeft = true;
  person.leaveDate = isoDateOf(ctx.random.int(first, last));
  return true;
}

/** A date `from`..`to` days away from today (negative: in the past). */
export function dayAround(ctx: CompanyContext, from: number, to: number): string {
  return addDays(ctx.today, ctx.random.int(from, to));
}
