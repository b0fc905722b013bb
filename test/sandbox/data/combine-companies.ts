import type { ExpenseInState } from '../expensein/types.ts';
import type { StaffologyState } from '../staffology/types.ts';
import type { GeneratedCompany } from './generate-company.ts';

export interface CombineCompaniesOptions {
  /**
   * Whether the first company's Staffology key sees every employer (default true), as a payroll bureau's key
   * would, so a set-up page has employers to pick from. Every other key sees its own employer only.
   */
  firstStaffologyKeySeesAll?: boolean;
}

/**
 * The states of simulators that serve several companies: one Staffology account holding every employer, each
 * company's key limited to what it may see, and one ExpenseIn account per company, the first as the default.
 */
export function combineCompanies(
  companies: readonly GeneratedCompany[],
  options: CombineCompaniesOptions = {},
): { staffology: StaffologyState; expensein: ExpenseInState } {
  const [first, ...others] = companies;
  if (!first) throw new RangeError('combineCompanies needs at least one company');
  if (others.length === 0) return { staffology: first.staffology, expensein: first.expensein };

  const allEmployerIds = companies.map((company) => company.employerId);
  const seesAll = options.firstStaffologyKeySeesAll ?? true;
  const staffology: StaffologyState = {
    apiKeys: companies.flatMap((company) => company.staffology.apiKeys),
    employerAccess: Object.fromEntries(
      companies.flatMap((company, index) =>
        company.staffology.apiKeys.map((key) => [
          key,
          index === 0 && seesAll ? allEmployerIds : [company.employerId],
        ]),
      ),
    ),
    employers: companies.flatMap((company) => company.staffology.employers),
    employees: Object.fromEntries(
      companies.flatMap((company) => Object.entries(company.staffology.employees)),
    ),
  };
  return {
    staffology,
    expensein: { ...first.expensein, otherAccounts: others.map((company) => company.expensein) },
  };
}
