import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ExpenseInUserRecord } from '../expensein/types.ts';
import { STAFFOLOGY_OPENAPI_URL } from '../openapi/staffology-schema-validator.ts';
import type { StaffologyEmployee } from '../staffology/types.ts';
import { type GeneratedCompany, generateCompany } from './generate-company.ts';
import { scenarioJson } from './scenario-json.ts';

const TODAY = '2026-11-25';
const company = generateCompany({ seed: 1 });

function only<T>(items: T[], what: string): T {
  if (items.length !== 1) throw new Error(`expected exactly one ${what}, found ${items.length}`);
  return items[0] as T;
}

function view(c: GeneratedCompany) {
  const employees = c.staffology.employees[c.employerId] ?? [];
  const users = c.expensein.users;
  return {
    employees,
    users,
    hr: (code: string) =>
      only(
        employees.filter((e) => e.employmentDetails.payrollCode === code),
        `employee ${code}`,
      ),
    userById: (id: number) =>
      only(
        users.filter((u) => u.id === id),
        `user ${id}`,
      ),
    usersByRef: (reference: string) => users.filter((u) => u.reference === reference),
    usersByEmail: (email: string | null | undefined) =>
      users.filter((u) => u.email.toLowerCase() === (email ?? '').trim().toLowerCase()),
    departmentName: (id: number | null) => c.expensein.departments.find((d) => d.id === id)?.name ?? null,
  };
}

const { employees, users, hr, userById, usersByRef, usersByEmail } = view(company);

const leaverDetails = (e: StaffologyEmployee) => e.employmentDetails.leaverDetails;
const isHrLeaver = (e: StaffologyEmployee) =>
  e.status === 'Former' || leaverDetails(e)?.hasLeft === true || Boolean(leaverDetails(e)?.leaveDate);
const normaliseDepartment = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();
const sixDigits = (sortCode: string | null | undefined) => (sortCode ?? '').replace(/\D/g, '');
const blank = (value: string | null | undefined) => (value ?? '').trim() === '';

/** The user linked to an employee (R5): exactly one user whose Reference is the employee number. */
function linkedUser(code: string): ExpenseInUserRecord {
  return only(usersByRef(code), `user with reference ${code}`);
}

describe('generateCompany: determinism and size', () => {
  it('gives a deep-equal company for the same seed, uuids and keys included', () => {
    expect(generateCompany({ seed: 1 })).toEqual(company);
  });

  it('gives a different company for another seed', () => {
    const other = generateCompany({ seed: 2 });
    expect(other.employerId).not.toBe(company.employerId);
    expect(other.keys).not.toEqual(company.keys);
    expect(view(other).employees.map((e) => e.personalDetails.email)).not.toEqual(
      employees.map((e) => e.personalDetails.email),
    );
  });

  it('has 60 employees in one employer by default, and the keys the vendors accept', () => {
    expect(employees).toHaveLength(60);
    expect(company.facts.employeeCount).toBe(60);
    expect(company.staffology.employers).toEqual([expect.objectContaining({ id: company.employerId })]);
    expect(company.staffology.apiKeys).toContain(company.keys.staffology);
    const adminKey = company.expensein.apiKeys.find((k) => k.key === company.keys.expensein);
    expect(adminKey?.permissions).toContain('Account Administrator');
    const limited = company.expensein.apiKeys.find((k) => k.key === company.facts.expenseInKeyWithoutAdmin);
    expect(limited?.permissions).not.toContain('Account Administrator');
    expect(company.expensein.settings.userReferencesMustBeUnique).toBe(true);
    expect(company.facts.expenseInUserCount).toBe(users.length);
  });

  it('names people as a UK company would, unicode, apostrophes and hyphens included', () => {
    const names = employees.map((e) => `${e.personalDetails.firstName} ${e.personalDetails.lastName}`);
    expect(names.some((n) => /[^ -~]/.test(n))).toBe(true);
    expect(names.some((n) => n.includes("'"))).toBe(true);
    expect(names.some((n) => /\w-\w/.test(n))).toBe(true);
    const domain = company.facts.emailDomain;
    expect(domain).toMatch(/^[a-z0-9-]+\.co\.uk$/);
    const plain = employees.filter((e) => e.personalDetails.email?.endsWith(`@${domain}`));
    expect(plain.length).toBeGreaterThan(50);
    for (const e of plain) expect(e.personalDetails.email).toMatch(/^[a-z0-9-]+\.[a-z0-9-]+\d*@/);
  });

  it('rejects a company too small for its scenarios, and a date that is not one', () => {
    expect(() => generateCompany({ seed: 1, employees: 10 })).toThrow(RangeError);
    expect(() => generateCompany({ seed: 1, today: '2026-02-30' })).toThrow(RangeError);
    expect(view(generateCompany({ seed: 1, employees: 5, includeScenarios: false })).employees).toHaveLength(
      5,
    );
    expect(view(generateCompany({ seed: 1, employees: 0, includeScenarios: false })).employees).toHaveLength(
      0,
    );
  });
});

describe('generateCompany: the already-synced majority', () => {
  it('links most current employees to one user, most of them holding the same name, email and department', () => {
    const current = employees.filter((e) => !isHrLeaver(e));
    const linked = current.filter((e) => usersByRef(e.employmentDetails.payrollCode).length === 1);
    const inStep = linked.filter((e) => {
      const user = linkedUser(e.employmentDetails.payrollCode);
      const department = e.employmentDetails.department?.title;
      return (
        user.firstName === e.personalDetails.firstName &&
        user.lastName === e.personalDetails.lastName &&
        user.email === e.personalDetails.email &&
        (department === undefined || view(company).departmentName(user.departmentId) === department)
      );
    });
    // A 60-person company carries every scenario, so about half of it is an edge case of some kind.
    expect(linked.length / current.length).toBeGreaterThan(0.7);
    expect(inStep.length / linked.length).toBeGreaterThan(0.55);
  });

  it('keeps unique payroll codes except the deliberate duplicate', () => {
    const codes = employees.map((e) => e.employmentDetails.payrollCode);
    const repeated = codes.filter((code, i) => codes.indexOf(code) !== i);
    expect(repeated).toEqual(company.facts.duplicateEmployeeNumber.map((d) => d.employeeNumber));
  });

  it('keeps ExpenseIn emails unique case-insensitively, and references unique but for the legacy duplicate', () => {
    const emails = users.map((u) => u.email.toLowerCase());
    expect(new Set(emails).size).toBe(emails.length);
    const references = users.map((u) => u.reference);
    const repeated = references.filter((r, i) => references.indexOf(r) !== i);
    expect(repeated).toEqual(company.facts.duplicateReference.map((d) => d.employeeNumber));
    expect(users.map((u) => u.id)).toEqual(users.map((_, i) => i + 1));
  });

  it('keeps users with no employee: the administrator and contractors', () => {
    const codes = new Set(employees.map((e) => e.employmentDetails.payrollCode));
    const admin = userById(company.facts.adminUserId);
    expect(admin.permissions).toContain('Account Administrator');
    expect(codes.has(admin.reference ?? '')).toBe(false);
    expect(company.facts.contractorUserIds.length).toBeGreaterThanOrEqual(2);
    for (const id of company.facts.contractorUserIds) {
      expect(codes.has(userById(id).reference ?? '')).toBe(false);
    }
  });

  it('stores ExpenseIn sort codes as 6 digits while HR has some typed with dashes', () => {
    for (const u of users) if (u.bankDetails) expect(u.bankDetails.sortCode).toMatch(/^\d{6}$/);
    const hrSortCodes = employees.map((e) => e.bankDetails?.sortCode).filter((s): s is string => Boolean(s));
    expect(hrSortCodes.some((s) => /^\d{2}-\d{2}-\d{2}$/.test(s))).toBe(true);
    for (const s of hrSortCodes) expect(s).toMatch(/^(\d{6}|\d{2}-\d{2}-\d{2}|\d{2} \d{2} \d{2})$/);
    for (const e of employees)
      if (e.bankDetails?.accountNumber) expect(e.bankDetails.accountNumber).toMatch(/^\d{8}$/);
  });

  it('logs each user bank account in the Event Log with its last 4 digits only', () => {
    const withBank = users.filter((u) => u.bankDetails);
    expect(company.expensein.eventLog).toHaveLength(withBank.length);
    for (const event of company.expensein.eventLog) {
      expect(
        userById(event.userId).bankDetails?.accountNumber.endsWith(event.accountNumberEnding ?? 'x'),
      ).toBe(true);
      expect(event.accountNumberEnding).toMatch(/^\d{4}$/);
    }
  });
});

describe('generateCompany: each scenario is in both vendors as facts claims', () => {
  const f = company.facts;

  it('R10: new starters are current and absent from ExpenseIn by number and email', () => {
    expect(f.newStarters.length).toBeGreaterThanOrEqual(2);
    for (const code of f.newStarters) {
      const e = hr(code);
      expect(isHrLeaver(e)).toBe(false);
      expect((e.employmentDetails.starterDetails?.startDate ?? '9999') <= TODAY).toBe(true);
      expect(usersByRef(code)).toEqual([]);
      expect(usersByEmail(e.personalDetails.email)).toEqual([]);
    }
  });

  it('R12: leavers with past, future and no leave dates, their users not yet marked', () => {
    for (const code of f.leaversPast) {
      const e = hr(code);
      expect(e.status).toBe('Former');
      expect(leaverDetails(e)?.hasLeft).toBe(true);
      expect((leaverDetails(e)?.leaveDate ?? '9') < TODAY).toBe(true);
      expect(linkedUser(code).leaveDate).toBeNull();
    }
    for (const code of f.leaversFuture) {
      const e = hr(code);
      expect((leaverDetails(e)?.leaveDate ?? '0') > TODAY).toBe(true);
      expect(linkedUser(code).leaveDate).toBeNull();
    }
    const former = hr(only(f.formerWithoutLeaveDate, 'former leaver without date'));
    expect(former.status).toBe('Former');
    expect(leaverDetails(former)?.leaveDate ?? null).toBeNull();
    expect(linkedUser(former.employmentDetails.payrollCode).leaveDate).toBeNull();
  });

  it('R13: a leaver with no ExpenseIn user', () => {
    const e = hr(only(f.leaversNotInExpenseIn, 'leaver not in ExpenseIn'));
    expect(isHrLeaver(e)).toBe(true);
    expect(usersByRef(e.employmentDetails.payrollCode)).toEqual([]);
    expect(usersByEmail(e.personalDetails.email)).toEqual([]);
  });

  it('R1 and R2: missing Known As, surname, email, a blank payroll code, an implausible email', () => {
    const knownAs = hr(only(f.missingKnownAs, 'missing known as'));
    expect(blank(knownAs.personalDetails.firstName)).toBe(true);
    expect(blank(linkedUser(knownAs.employmentDetails.payrollCode).firstName)).toBe(false);
    expect(blank(hr(only(f.missingSurname, 'missing surname')).personalDetails.lastName)).toBe(true);
    expect(blank(hr(only(f.missingWorkEmail, 'missing email')).personalDetails.email)).toBe(true);
    const blankCode = only(
      employees.filter((e) => e.id === only(f.blankEmployeeNumber, 'blank number')),
      'blank-number employee',
    );
    expect(blankCode.employmentDetails.payrollCode).toMatch(/^\s+$/);
    const invalid = hr(only(f.invalidEmail, 'invalid email'));
    expect(invalid.personalDetails.email).not.toMatch(/^[^\s@]+@[^\s@]+\.[^\s@]+$/);
  });

  it('R3: two HR employees share a number, one of them linked', () => {
    const dup = only(f.duplicateEmployeeNumber, 'duplicate number');
    const holders = employees.filter((e) => e.employmentDetails.payrollCode === dup.employeeNumber);
    expect(holders.map((e) => e.id)).toEqual(dup.sourceIds);
    expect(linkedUser(dup.employeeNumber).id).toBe(dup.linkedUserId);
  });

  it('R4: two ExpenseIn users hold one employee number as Reference', () => {
    const dup = only(f.duplicateReference, 'duplicate reference');
    expect(usersByRef(dup.employeeNumber).map((u) => u.id)).toEqual([...dup.userIds].sort((a, b) => a - b));
    expect(isHrLeaver(hr(dup.employeeNumber))).toBe(false);
  });

  it('R6: near-miss references by case and by inner white space, holding the employee email', () => {
    expect(f.nearMissReference).toHaveLength(2);
    const loose = (s: string) => s.replace(/\s+/g, '').toLowerCase();
    for (const miss of f.nearMissReference) {
      const e = hr(miss.employeeNumber);
      const user = userById(miss.userId);
      expect(user.reference).toBe(miss.reference);
      expect(user.reference?.trim()).not.toBe(miss.employeeNumber);
      expect(loose(miss.reference)).toBe(loose(miss.employeeNumber));
      expect(usersByRef(miss.employeeNumber)).toEqual([]);
      expect(user.email.toLowerCase()).toBe(e.personalDetails.email?.toLowerCase());
    }
    expect(f.nearMissReference.some((m) => /\s/.test(m.reference))).toBe(true);
    expect(f.nearMissReference.some((m) => m.reference !== m.reference.toUpperCase())).toBe(true);
  });

  it('R11: a user holds the employee email under another reference', () => {
    const held = only(f.emailHeldByOtherUser, 'email held');
    const e = hr(held.employeeNumber);
    expect(usersByRef(held.employeeNumber)).toEqual([]);
    expect(usersByEmail(e.personalDetails.email).map((u) => u.id)).toEqual([held.userId]);
    expect(userById(held.userId).reference).toBe(held.reference);
  });

  it('R7a: the new HR email of a linked employee belongs to another user', () => {
    const taken = only(f.emailTakenOnUpdate, 'email taken');
    const e = hr(taken.employeeNumber);
    const user = linkedUser(taken.employeeNumber);
    expect(user.id).toBe(taken.userId);
    expect(e.personalDetails.email).toBe(taken.email);
    expect(user.email).not.toBe(taken.email);
    expect(user.lastName).not.toBe(e.personalDetails.lastName);
    expect(usersByEmail(taken.email).map((u) => u.id)).toEqual([taken.otherUserId]);
  });

  it('R9: a department only in Staffology, and one differing only in case and spacing', () => {
    const eiNames = company.expensein.departments.map((d) => normaliseDepartment(d.name));
    const only_ = only(f.departmentOnlyInStaffology, 'HR-only department');
    expect(eiNames).not.toContain(normaliseDepartment(only_.title));
    for (const code of only_.employeeNumbers) {
      expect(hr(code).employmentDetails.department?.title).toBe(only_.title);
      linkedUser(code);
    }
    const spacing = only(f.departmentCaseSpacing, 'case/spacing department');
    const eiDepartment = company.expensein.departments.find((d) => d.id === spacing.expenseInDepartmentId);
    expect(eiDepartment?.name).toBe(spacing.expenseInName);
    expect(spacing.expenseInName).not.toBe(spacing.hrTitle);
    expect(normaliseDepartment(spacing.expenseInName)).toBe(normaliseDepartment(spacing.hrTitle));
    expect(spacing.employeeNumbers.length).toBeGreaterThanOrEqual(2);
    const linkedMembers = spacing.employeeNumbers.filter((code) => usersByRef(code).length === 1);
    expect(
      linkedMembers.some((code) => linkedUser(code).departmentId === spacing.expenseInDepartmentId),
    ).toBe(true);
    expect(spacing.employeeNumbers.some((code) => f.newStarters.includes(code))).toBe(true);
  });

  it('R7/R16: a first name edited in ExpenseIn', () => {
    const edit = only(f.editedInExpenseIn, 'edited field');
    expect(hr(edit.employeeNumber).personalDetails.firstName).toBe(edit.hrValue);
    expect(linkedUser(edit.employeeNumber)).toMatchObject({
      id: edit.userId,
      firstName: edit.expenseInValue,
    });
    expect(edit.hrValue).not.toBe(edit.expenseInValue);
  });

  it('R14: a leave date set by hand in ExpenseIn for a current employee', () => {
    const manual = only(f.manualLeaveDate, 'manual leave date');
    expect(isHrLeaver(hr(manual.employeeNumber))).toBe(false);
    expect(linkedUser(manual.employeeNumber)).toMatchObject({
      id: manual.userId,
      leaveDate: manual.leaveDate,
    });
  });

  it('R8: bank details that differ, and bank details only ExpenseIn holds', () => {
    const differs = only(f.bankDiffers, 'bank differs');
    const hrBank = hr(differs.employeeNumber).bankDetails;
    const eiBank = linkedUser(differs.employeeNumber).bankDetails;
    expect(hrBank?.accountName && hrBank.sortCode && hrBank.accountNumber).toBeTruthy();
    expect(eiBank).not.toBeNull();
    expect(`${sixDigits(hrBank?.sortCode)}${hrBank?.accountNumber}`).not.toBe(
      `${eiBank?.sortCode}${eiBank?.accountNumber}`,
    );
    const onlyEi = only(f.bankOnlyInExpenseIn, 'bank only in ExpenseIn');
    expect(hr(onlyEi.employeeNumber).bankDetails?.accountNumber ?? null).toBeNull();
    expect(linkedUser(onlyEi.employeeNumber).bankDetails).not.toBeNull();
  });

  it('R7/R8 normalisation: raw values differ but compare equal', () => {
    const byKind = Object.fromEntries(f.normalisedEqual.map((n) => [n.kind, n]));
    const emailCase = byKind.emailCase;
    const padded = byKind.paddedName;
    const dashed = byKind.dashedSortCode;
    if (!emailCase || !padded || !dashed) throw new Error('a normalisation case is missing');
    const hrEmail = hr(emailCase.employeeNumber).personalDetails.email ?? '';
    expect(hrEmail).not.toBe(userById(emailCase.userId).email);
    expect(hrEmail.toLowerCase()).toBe(userById(emailCase.userId).email.toLowerCase());
    const hrName = hr(padded.employeeNumber).personalDetails.firstName ?? '';
    expect(hrName).not.toBe(userById(padded.userId).firstName);
    expect(hrName.trim()).toBe(userById(padded.userId).firstName);
    const hrSort = hr(dashed.employeeNumber).bankDetails?.sortCode ?? '';
    expect(hrSort).toMatch(/^\d{2}-\d{2}-\d{2}$/);
    expect(sixDigits(hrSort)).toBe(userById(dashed.userId).bankDetails?.sortCode);
  });
});

describe('generateCompany without scenarios', () => {
  const clean = generateCompany({ seed: 3, employees: 40, includeScenarios: false });
  const v = view(clean);

  it('records no scenario and agrees on every synced field', () => {
    expect(clean.facts.newStarters).toEqual([]);
    expect(clean.facts.normalisedEqual).toEqual([]);
    expect(clean.facts.departmentCaseSpacing).toEqual([]);
    for (const e of v.employees) {
      const user = only(v.usersByRef(e.employmentDetails.payrollCode), 'linked user');
      const bank = e.bankDetails?.accountNumber
        ? {
            accountName: e.bankDetails.accountName,
            sortCode: sixDigits(e.bankDetails.sortCode),
            accountNumber: e.bankDetails.accountNumber,
          }
        : null;
      expect(user).toMatchObject({
        firstName: e.personalDetails.firstName,
        lastName: e.personalDetails.lastName,
        email: e.personalDetails.email,
        leaveDate: leaverDetails(e)?.leaveDate ?? null,
        bankDetails: bank,
      });
      expect(v.departmentName(user.departmentId)).toBe(e.employmentDetails.department?.title ?? null);
    }
  });
});

describe('generateCompany: wire shapes', () => {
  // Staffology's schemas forbid unknown properties and declare formats: check every record against them.
  const openapi = JSON.parse(readFileSync(STAFFOLOGY_OPENAPI_URL, 'utf8')) as {
    components: { schemas: Record<string, SchemaNode> };
  };
  interface SchemaNode {
    $ref?: string;
    properties?: Record<string, SchemaNode>;
    required?: string[];
    format?: string;
    nullable?: boolean;
    enum?: unknown[];
    maxLength?: number;
  }
  const formats: Record<string, RegExp> = {
    uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    date: /^\d{4}-\d{2}-\d{2}$/,
  };

  function violations(node: SchemaNode, value: unknown, path: string): string[] {
    const schema = node.$ref ? openapi.components.schemas[node.$ref.split('/').at(-1) ?? ''] : node;
    if (!schema) return [`${path}: unknown schema ${node.$ref}`];
    if (value === null) return schema.nullable ? [] : [`${path}: null`];
    const found: string[] = [];
    if (schema.enum && !schema.enum.includes(value)) found.push(`${path}: ${String(value)} not in enum`);
    if (typeof value === 'string') {
      const pattern = schema.format ? formats[schema.format] : undefined;
      if (pattern && !pattern.test(value)) found.push(`${path}: "${value}" is not a ${schema.format}`);
      if (schema.maxLength !== undefined && value.length > schema.maxLength) found.push(`${path}: too long`);
    }
    if (typeof value === 'object' && !Array.isArray(value) && schema.properties) {
      const record = value as Record<string, unknown>;
      for (const key of schema.required ?? []) if (!(key in record)) found.push(`${path}.${key}: missing`);
      for (const [key, child] of Object.entries(record)) {
        const childSchema = schema.properties[key];
        if (!childSchema) found.push(`${path}.${key}: not in the schema`);
        else found.push(...violations(childSchema, child, `${path}.${key}`));
      }
    }
    return found;
  }

  it('emits employees and the employer that Staffology schemas accept', () => {
    const employee = { $ref: '#/components/schemas/Contract.EmployeeResponse' };
    const found = employees.flatMap((e) => violations(employee, e, e.employmentDetails.payrollCode));
    found.push(
      ...violations(
        { $ref: '#/components/schemas/Contract.EmployerResponse' },
        company.staffology.employers[0],
        'employer',
      ),
    );
    expect(found).toEqual([]);
  });

  it('the shape check itself catches an unknown field and a date-time where a date belongs', () => {
    const first = employees[0];
    if (!first) throw new Error('no employee');
    const broken = structuredClone(first);
    broken.personalDetails.knownAs = 'Sue';
    broken.personalDetails.dateOfBirth = '1985-04-12T00:00:00';
    const found = violations({ $ref: '#/components/schemas/Contract.EmployeeResponse' }, broken, 'x');
    expect(found).toHaveLength(2);
  });

  it('serialises each vendor state for the control API', () => {
    const json = scenarioJson(company);
    expect(JSON.parse(json.staffology)).toEqual(company.staffology);
    expect(JSON.parse(json.expensein)).toEqual(company.expensein);
  });
});

describe('generateCompany at scale', () => {
  it('generates 50,000 employees with unique payroll codes and unique ExpenseIn emails', () => {
    const big = generateCompany({ seed: 5, employees: 50_000 });
    const list = big.staffology.employees[big.employerId] ?? [];
    expect(list).toHaveLength(50_000);
    const codes = new Set(list.map((e) => e.employmentDetails.payrollCode));
    // One code shared by the duplicate pair (R3).
    expect(codes.size).toBe(list.length - 1);
    const emails = new Set(big.expensein.users.map((u) => u.email.toLowerCase()));
    expect(emails.size).toBe(big.expensein.users.length);
    expect(big.facts.newStarters.length).toBeGreaterThan(1000);
  });
});
