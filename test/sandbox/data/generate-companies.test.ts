import { describe, expect, it } from 'vitest';
import { combineCompanies } from './combine-companies.ts';
import { generateCompanies } from './generate-companies.ts';
import { generateCompany } from './generate-company.ts';

describe('generateCompanies', () => {
  const companies = generateCompanies({ seed: 3, count: 3, employees: 60 });

  it('makes the first company exactly the single company of that seed', () => {
    expect(companies[0]).toEqual(generateCompany({ seed: 3, employees: 60 }));
  });

  it('numbers the others in their name, email domain and payroll codes', () => {
    const [, second, third] = companies;
    expect(second?.facts.companyName).toMatch(/ 2 Ltd$/);
    expect(second?.facts.emailDomain).toMatch(/-2\.co\.uk$/);
    expect(third?.facts.companyName).toMatch(/ 3 Ltd$/);
    const codes = (third?.staffology.employees[third.employerId] ?? []).map(
      (e) => e.employmentDetails.payrollCode,
    );
    const numbers = codes.filter((code) => code.trim() !== '').map((code) => Number(code.replace(/^T/, '')));
    expect(Math.min(...numbers)).toBe(2_001_001);
    expect(Math.max(...numbers)).toBeLessThan(3_000_000);
  });

  it('shares no employee number, staff email, employer, key or user id between companies', () => {
    const seen = { codes: new Set<string>(), emails: new Set<string>(), userIds: new Set<number>() };
    for (const company of companies) {
      const codes = new Set(
        (company.staffology.employees[company.employerId] ?? [])
          .map((e) => e.employmentDetails.payrollCode)
          .filter((code) => code.trim() !== ''),
      );
      for (const code of codes) expect(seen.codes.has(code), code).toBe(false);
      for (const code of codes) seen.codes.add(code);
      for (const user of company.expensein.users) {
        expect(seen.userIds.has(user.id), `user ${user.id}`).toBe(false);
        seen.userIds.add(user.id);
        if (user.email.endsWith(`@${company.facts.emailDomain}`)) {
          expect(seen.emails.has(user.email.toLowerCase()), user.email).toBe(false);
          seen.emails.add(user.email.toLowerCase());
        }
      }
    }
    expect(new Set(companies.map((c) => c.employerId)).size).toBe(3);
    expect(new Set(companies.map((c) => c.keys.expensein)).size).toBe(3);
    // One sequence: the second company's ids start where the first's end.
    const lastOfFirst = Math.max(...(companies[0]?.expensein.users.map((u) => u.id) ?? []));
    expect(Math.min(...(companies[1]?.expensein.users.map((u) => u.id) ?? []))).toBe(lastOfFirst + 1);
    expect(companies[1]?.facts.adminUserId).toBe(lastOfFirst + 1);
  });

  it('refuses a count below one', () => {
    expect(() => generateCompanies({ seed: 1, count: 0 })).toThrow(RangeError);
  });
});

describe('combineCompanies', () => {
  const companies = generateCompanies({ seed: 5, count: 3, employees: 0, includeScenarios: false });

  it('leaves a single company as it is', () => {
    const [only] = companies;
    if (!only) throw new Error('no company');
    expect(combineCompanies([only])).toEqual({ staffology: only.staffology, expensein: only.expensein });
  });

  it('holds every employer, the first key seeing all of them and each other key its own', () => {
    const { staffology } = combineCompanies(companies);
    const ids = companies.map((c) => c.employerId);
    expect(staffology.employers.map((e) => e.id)).toEqual(ids);
    expect(Object.keys(staffology.employees)).toEqual(ids);
    expect(staffology.employerAccess).toEqual({
      [companies[0]?.keys.staffology ?? '']: ids,
      [companies[1]?.keys.staffology ?? '']: [ids[1]],
      [companies[2]?.keys.staffology ?? '']: [ids[2]],
    });
    const own = combineCompanies(companies, { firstStaffologyKeySeesAll: false }).staffology.employerAccess;
    expect(own?.[companies[0]?.keys.staffology ?? '']).toEqual([ids[0]]);
  });

  it('makes the first company the default ExpenseIn account and the others further accounts', () => {
    const { expensein } = combineCompanies(companies);
    expect(expensein.accountName).toBe(companies[0]?.facts.companyName);
    expect(expensein.otherAccounts?.map((a) => a.accountName)).toEqual(
      companies.slice(1).map((c) => c.facts.companyName),
    );
  });
});
