/**
 * The broken `Contract.EmployeeResponse` served for an employee listed in `FaultConfig.malformedRecords`, so a
 * client proves it turns a record that fails the vendor's schema into that employee's `invalid_record` outcome
 * (PRODUCT.md section 3) rather than a crashed run. Two breaks, each enough on its own:
 * - `employmentDetails.payrollCode` is a number (the spec: string, 1..35 characters);
 * - `personalDetails` keeps only the name and email, losing `dateOfBirth`, `gender` and `maritalStatus`,
 *   which the spec requires.
 * Only the single-record read breaks: list and search `Item`s stay valid, so the break is found on the read.
 */
export function malformEmployeeResponse(record: Record<string, unknown>): Record<string, unknown> {
  const personal = asObject(record.personalDetails);
  const employment = asObject(record.employmentDetails);
  const digits = String(employment.payrollCode ?? '').replace(/\D/g, '');
  return {
    ...record,
    personalDetails: { firstName: personal.firstName, lastName: personal.lastName, email: personal.email },
    employmentDetails: { ...employment, payrollCode: digits === '' ? 0 : Number(digits) },
  };
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}
