import { addDays } from './calendar-date.ts';
import type { CompanyContext } from './company-person.ts';
import { type CompanyRandom, createCompanyRandom } from './company-random.ts';
import { createPerson } from './create-person.ts';
import { toStaffologyEmployee } from './to-staffology-employee.ts';
import { createEmailBook } from './work-email.ts';

/*
 * Staffology employee records that are malformed or odd but plausible: what years of hand-typed HR data, an HR
 * add-on's extra fields or a half-finished migration leave behind. Some break Staffology's OpenAPI schema
 * (a client must turn them into `invalid_record` outcomes, PRODUCT.md section 3); the others are valid against it
 * yet trip a careless mapper (empty names, NFD names, emails with spaces, contradictory leaver data). The
 * simulator serves them as they are (`StaffologyState.rawEmployees`), to prove a sync never crashes on them.
 */

type Json = Record<string, unknown>;

interface OddityContext {
  random: CompanyRandom;
  today: string;
  /** Payroll codes of the records made so far, for the duplicates. */
  codes: readonly string[];
}

interface Oddity {
  name: string;
  /** Whether the record no longer validates against `Contract.EmployeeResponse` (the unit test checks each). */
  breaksSchema: boolean;
  /** Copies an earlier record's payroll code, so it never goes first. */
  needsEarlierCodes?: true;
  apply(record: Json, ctx: OddityContext): void;
}

/** An edge-case record and what is odd about it. */
export interface OddEmployee {
  oddity: string;
  breaksSchema: boolean;
  /** A `Contract.EmployeeResponse`-like JSON object with a string `id`, so every record can be read by id. */
  record: Json;
}

export interface GenerateOddEmployeesOptions {
  seed: number;
  /** How many records (default 500); every oddity appears once before any appears twice. */
  count?: number;
  /** `YYYY-MM-DD`: past and future leave dates are placed around it (default 2026-11-25). */
  today?: string;
  /** The domain of the ordinary emails (default `odd-records.example.co.uk`). */
  emailDomain?: string;
  /**
   * The first payroll number (default 900000): the records' codes count up from it, apart from the ones made odd,
   * clear of a generated company's (1001 up) so that only the deliberate duplicates clash with each other.
   */
  firstPayrollNumber?: number;
}

/** A nested object of the record, created when missing or not an object (the oddities compose). */
function part(record: Json, key: string): Json {
  const value = record[key];
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Json;
  const created: Json = {};
  record[key] = created;
  return created;
}

const personal = (record: Json) => part(record, 'personalDetails');
const employment = (record: Json) => part(record, 'employmentDetails');
const leaver = (record: Json) => part(employment(record), 'leaverDetails');

/** Every property at every depth set to null, the id kept so the record can still be read. */
function nullEverywhere(value: Json): void {
  for (const [key, child] of Object.entries(value)) {
    if (key === 'id') continue;
    if (typeof child === 'object' && child !== null && !Array.isArray(child)) nullEverywhere(child as Json);
    else value[key] = null;
  }
}

/** The letters of a name decomposed into base letters and combining marks, as some systems store them. */
const nfd = (name: string) => name.normalize('NFD');

/** An oddity that gives the record one of these first and last names. */
function namedFrom(
  names: readonly (readonly [string, string])[],
  spell: (name: string) => string = (name) => name,
): Oddity['apply'] {
  return (record, { random }) => {
    const [first, last] = random.pick(names);
    Object.assign(personal(record), { firstName: spell(first), lastName: spell(last) });
  };
}

const ODDITIES: readonly Oddity[] = [
  // Break the schema.
  {
    name: 'payroll-code-as-number',
    breaksSchema: true,
    apply: (r) => {
      employment(r).payrollCode = Number(String(employment(r).payrollCode).replace(/\D/g, ''));
    },
  },
  {
    name: 'payroll-code-missing',
    breaksSchema: true,
    apply: (r) => {
      delete employment(r).payrollCode;
    },
  },
  {
    name: 'payroll-code-empty',
    breaksSchema: true,
    apply: (r) => {
      employment(r).payrollCode = '';
    },
  },
  {
    name: 'personal-details-null',
    breaksSchema: true,
    apply: (r) => {
      r.personalDetails = null;
    },
  },
  {
    name: 'employment-details-null',
    breaksSchema: true,
    apply: (r) => {
      r.employmentDetails = null;
    },
  },
  {
    name: 'employment-details-as-string',
    breaksSchema: true,
    apply: (r, { random }) => {
      r.employmentDetails = random.pick(['Sales', 'n/a', '']);
    },
  },
  {
    name: 'personal-details-without-required-fields',
    breaksSchema: true,
    apply: (r) => {
      const details = personal(r);
      delete details.dateOfBirth;
      delete details.gender;
      delete details.maritalStatus;
    },
  },
  { name: 'nulls-everywhere', breaksSchema: true, apply: nullEverywhere },
  {
    name: 'status-the-schema-does-not-declare',
    breaksSchema: true,
    apply: (r, { random }) => {
      r.status = random.pick(['Leaver', 'Terminated', 'current', 'ACTIVE', 'On Leave', '']);
    },
  },
  {
    name: 'email-not-a-string',
    breaksSchema: true,
    apply: (r, { random }) => {
      const email = personal(r).email;
      personal(r).email = random.pick([12345, [email], { address: email }, true]);
    },
  },
  {
    name: 'names-of-the-wrong-type',
    breaksSchema: true,
    apply: (r) => {
      personal(r).firstName = [personal(r).firstName];
      personal(r).lastName = 42;
    },
  },
  {
    name: 'date-times-where-dates-belong',
    breaksSchema: true,
    apply: (r, { today }) => {
      personal(r).dateOfBirth = `${String(personal(r).dateOfBirth)}T00:00:00`;
      leaver(r).leaveDate = `${addDays(today, -30)}T00:00:00Z`;
    },
  },
  {
    name: 'dates-in-uk-format',
    breaksSchema: true,
    apply: (r, { today }) => {
      const [year, month, day] = addDays(today, -45).split('-');
      leaver(r).leaveDate = `${day}/${month}/${year}`;
      leaver(r).hasLeft = true;
      r.status = 'Former';
    },
  },
  {
    name: 'strings-past-their-max-length',
    breaksSchema: true,
    apply: (r, { random }) => {
      const first = String(personal(r).firstName ?? 'Ann');
      personal(r).firstName = first.repeat(Math.ceil(300 / first.length)).slice(0, random.int(36, 300));
      personal(r).email = `${'a'.repeat(240)}@example.co.uk`;
    },
  },
  {
    name: 'leaver-details-of-the-wrong-types',
    breaksSchema: true,
    apply: (r, { random }) => {
      leaver(r).hasLeft = random.pick(['true', 'yes', 1]);
      leaver(r).leaveDate = 20250331;
    },
  },
  {
    name: 'fields-the-schema-does-not-name',
    breaksSchema: true,
    apply: (r) => {
      personal(r).knownAs = personal(r).firstName;
      personal(r).workEmail = personal(r).email;
      r.employeeNumber = employment(r).payrollCode;
    },
  },
  {
    name: 'bank-details-of-the-wrong-types',
    breaksSchema: true,
    apply: (r) => {
      r.bankDetails = { accountName: 'A N Other', sortCode: 203040, accountNumber: 12345678 };
    },
  },
  {
    name: 'department-without-title',
    breaksSchema: true,
    apply: (r) => {
      employment(r).department = { code: 'X1' };
    },
  },

  // Valid against the schema, odd all the same.
  {
    name: 'empty-strings',
    breaksSchema: false,
    apply: (r) => {
      Object.assign(personal(r), { firstName: '', lastName: '', email: '' });
      employment(r).jobTitle = '';
    },
  },
  {
    name: 'white-space-only',
    breaksSchema: false,
    apply: (r) => {
      Object.assign(personal(r), { firstName: '   ', lastName: '\t', email: ' ' });
    },
  },
  {
    name: 'padded-values',
    breaksSchema: false,
    apply: (r) => {
      const details = personal(r);
      Object.assign(details, {
        firstName: `  ${String(details.firstName)} `,
        lastName: ` ${String(details.lastName)}  `,
        email: ` ${String(details.email)} `,
      });
      employment(r).payrollCode = ` ${String(employment(r).payrollCode)} `;
    },
  },
  {
    name: 'nfd-names',
    breaksSchema: false,
    apply: namedFrom(
      [
        ['Zoë', 'Brontë'],
        ['Siobhán', 'Ó Súilleabháin'],
        ['José', 'Muñoz'],
        ['Chloé', 'Lefèvre'],
        ['Nguyễn', 'Thị Ánh'],
      ],
      nfd,
    ),
  },
  {
    name: 'unusual-unicode',
    breaksSchema: false,
    // A zero-width space, right-to-left script, CJK, an emoji, bidi override characters.
    apply: namedFrom([
      ['Ann\u200b', 'Smith'],
      ['زينب', 'حداد'],
      ['王', '芳'],
      ['Ann 🌸', 'Lee'],
      ['\u202eAnn', 'Smith\u202c'],
    ]),
  },
  {
    name: 'email-with-spaces',
    breaksSchema: false,
    apply: (r, { random }) => {
      const [local, domain] = String(personal(r).email).split('@');
      personal(r).email = random.pick([
        `${local} @${domain}`,
        `${local?.replace('.', ' ')}@${domain}`,
        ` ${local}@${domain}`,
      ]);
    },
  },
  {
    name: 'email-with-capitals',
    breaksSchema: false,
    apply: (r) => {
      personal(r).email = String(personal(r).email).toUpperCase();
    },
  },
  {
    name: 'email-not-plausible',
    breaksSchema: false,
    apply: (r, { random }) => {
      const local = String(personal(r).email).split('@')[0];
      personal(r).email = random.pick([
        local,
        `${local}@`,
        `@${local}.co.uk`,
        `${local}@@example.co.uk`,
        'n/a',
      ]);
    },
  },
  {
    name: 'payroll-code-with-spaces',
    breaksSchema: false,
    apply: (r, { random }) => {
      const code = String(employment(r).payrollCode);
      employment(r).payrollCode = random.pick([
        `${code.slice(0, 3)} ${code.slice(3)}`,
        `EMP ${code}`,
        `${code}\t`,
      ]);
    },
  },
  {
    name: 'payroll-code-duplicated',
    breaksSchema: false,
    needsEarlierCodes: true,
    apply: (r, { random, codes }) => {
      employment(r).payrollCode = random.pick(codes);
    },
  },
  {
    // Another record's code in another case, or with white space: the same after trimming (R3) or not (inner).
    name: 'payroll-code-near-another',
    breaksSchema: false,
    needsEarlierCodes: true,
    apply: (r, { random, codes }) => {
      const code = random.pick(codes).trim() || 'EMP1';
      const cased = code === code.toLowerCase() ? code.toUpperCase() : code.toLowerCase();
      const spaced = random.pick([` ${code}`, `${code} `, `${code.slice(0, 3)} ${code.slice(3)}`]);
      employment(r).payrollCode = cased !== code ? cased : spaced;
    },
  },
  {
    name: 'leave-date-past-still-current',
    breaksSchema: false,
    apply: (r, { today, random }) => {
      r.status = 'Current';
      Object.assign(leaver(r), { hasLeft: false, leaveDate: addDays(today, -random.int(1, 900)) });
    },
  },
  {
    name: 'leave-date-future-already-former',
    breaksSchema: false,
    apply: (r, { today, random }) => {
      r.status = 'Former';
      Object.assign(leaver(r), { hasLeft: true, leaveDate: addDays(today, random.int(1, 400)) });
    },
  },
  {
    name: 'leave-date-at-the-ends-of-the-calendar',
    breaksSchema: false,
    apply: (r, { random }) => {
      Object.assign(leaver(r), {
        hasLeft: true,
        leaveDate: random.pick(['0001-01-01', '1900-01-01', '9999-12-31']),
      });
    },
  },
  {
    name: 'has-left-without-a-date',
    breaksSchema: false,
    apply: (r) => {
      r.status = 'Current';
      Object.assign(leaver(r), { hasLeft: true, leaveDate: null });
    },
  },
  {
    name: 'deceased',
    breaksSchema: false,
    apply: (r, { today }) => {
      r.status = 'Former';
      Object.assign(leaver(r), { hasLeft: true, isDeceased: true, leaveDate: addDays(today, -3) });
    },
  },
  {
    name: 'upcoming-starter',
    breaksSchema: false,
    apply: (r, { today }) => {
      r.status = 'Upcoming';
      part(employment(r), 'starterDetails').startDate = addDays(today, 21);
    },
  },
  {
    name: 'status-missing',
    breaksSchema: false,
    apply: (r) => {
      delete r.status;
    },
  },
  {
    name: 'nulls-where-the-schema-allows-them',
    breaksSchema: false,
    apply: (r) => {
      Object.assign(personal(r), {
        title: null,
        firstName: null,
        middleName: null,
        lastName: null,
        email: null,
      });
      employment(r).jobTitle = null;
      r.tags = null;
      r.sourceSystemId = null;
      r.bankDetails = { accountName: null, sortCode: null, accountNumber: null, bankName: null };
    },
  },
  {
    name: 'no-personal-or-employment-details',
    breaksSchema: false,
    apply: (r) => {
      delete r.personalDetails;
      delete r.employmentDetails;
    },
  },
  {
    name: 'only-an-id',
    breaksSchema: false,
    apply: (r) => {
      for (const key of Object.keys(r)) if (key !== 'id') delete r[key];
    },
  },
  {
    name: 'values-at-their-max-length',
    breaksSchema: false,
    apply: (r) => {
      Object.assign(personal(r), {
        firstName: 'Bartholomew-Maximilian Fitzgeraldo'.padEnd(35, 'o'),
        lastName: 'Featherstonehaugh-Cholmondeley-Smy'.padEnd(35, 'y'),
        email: `${'averyveryverylongmailbox.'.repeat(3)}x@a-long-company-domain.example.co.uk`.slice(-100),
      });
      employment(r).payrollCode = 'P'.padEnd(35, '0');
    },
  },
  {
    name: 'bank-details-oddly-typed-in',
    breaksSchema: false,
    apply: (r, { random }) => {
      r.bankDetails = {
        accountName: random.pick(['', ' A Smith ', 'MR A SMITH & MRS B SMITH']),
        sortCode: random.pick(['12 34 56', '12-34-56', '1234567', '12-3456']),
        accountNumber: random.pick(['1234567', '0012345678', '12 345 678']),
      };
    },
  },
  {
    name: 'department-title-in-odd-case-and-spacing',
    breaksSchema: false,
    apply: (r, { random }) => {
      employment(r).department = {
        code: random.pick(['sal', 'SAL ', 'S&M']),
        title: random.pick(['  sales  ', 'SALES', 'Sales\u00a0& Marketing', 'Customer  support']),
      };
    },
  },
  {
    name: 'id-in-capitals',
    breaksSchema: false,
    apply: (r) => {
      r.id = String(r.id).toUpperCase();
    },
  },
];

/**
 * `count` seeded edge-case records, each an ordinary generated employee with one oddity applied. The same options
 * give the same records. Every record keeps a unique GUID `id`, so it can be listed, read and batch-read.
 */
export function generateOddEmployees(options: GenerateOddEmployeesOptions): OddEmployee[] {
  const count = options.count ?? 500;
  const today = options.today ?? '2026-11-25';
  const firstPayrollNumber = options.firstPayrollNumber ?? 900_000;
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`count must be a whole number, got ${count}`);

  const random = createCompanyRandom(options.seed);
  const ctx: CompanyContext = {
    random,
    today,
    domain: options.emailDomain ?? 'odd-records.example.co.uk',
    emails: createEmailBook(),
    expenseInDepartmentIds: new Map(),
  };
  const codes: string[] = [];
  const made: OddEmployee[] = [];
  let round: Oddity[] = [];
  for (let index = 0; index < count; index++) {
    if (round.length === 0) round = random.shuffle(ODDITIES);
    let oddity = round.pop();
    while (oddity?.needsEarlierCodes && codes.length === 0) {
      round.unshift(oddity);
      oddity = round.pop();
    }
    if (!oddity) throw new Error('no oddity to apply');
    const person = createPerson(ctx);
    person.payrollCode = String(firstPayrollNumber + index);
    const record: Json = toStaffologyEmployee(person, today, new Map());
    oddity.apply(record, { random, today, codes });
    const details = record.employmentDetails;
    const code =
      typeof details === 'object' && details !== null && 'payrollCode' in details
        ? details.payrollCode
        : null;
    if (typeof code === 'string' && code.trim() !== '') codes.push(code);
    made.push({ oddity: oddity.name, breaksSchema: oddity.breaksSchema, record });
  }
  return made;
}

/** The names of every oddity the generator applies. */
export const ODDITY_NAMES: readonly string[] = ODDITIES.map((oddity) => oddity.name);
