import { type GenerateCompanyOptions, type GeneratedCompany, generateCompany } from './generate-company.ts';

export interface GenerateCompaniesOptions
  extends Omit<GenerateCompanyOptions, 'companyIndex' | 'firstUserId'> {
  /** How many companies (at least 1). */
  count: number;
}

/**
 * Several companies for one sandbox: company `i` (from 0) is generated with seed `seed + i` and `companyIndex: i`,
 * so the first is exactly `generateCompany({ seed })` and the others differ in name, email domain and payroll
 * codes; their ExpenseIn user ids follow on from one another's, one sequence across the accounts.
 */
export function generateCompanies(options: GenerateCompaniesOptions): GeneratedCompany[] {
  const { count, seed, ...rest } = options;
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be 1 or more, got ${count}`);
  const companies: GeneratedCompany[] = [];
  let firstUserId = 1;
  for (let companyIndex = 0; companyIndex < count; companyIndex++) {
    const company = generateCompany({ ...rest, seed: seed + companyIndex, companyIndex, firstUserId });
    firstUserId += company.expensein.users.length;
    companies.push(company);
  }
  return companies;
}
