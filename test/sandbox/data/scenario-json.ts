import type { GeneratedCompany } from './generate-company.ts';

/**
 * Request bodies for each simulator's `POST /__control/load` (which takes the vendor's whole state), so a test
 * or the demo can swap a running sandbox onto another generated company.
 */
export function scenarioJson(company: GeneratedCompany): { staffology: string; expensein: string } {
  return { staffology: JSON.stringify(company.staffology), expensein: JSON.stringify(company.expensein) };
}
