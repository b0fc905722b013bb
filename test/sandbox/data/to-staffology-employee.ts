import type { StaffologyEmployee } from '../staffology/types.ts';
import type { CompanyPerson } from './company-person.ts';

/**
 * The person as Staffology serves `Contract.EmployeeResponse`. Every schema in Staffology's OpenAPI document has
 * `additionalProperties: false` and its nested objects are `$ref`s without `nullable`, so a nested object is
 * either present or the property is left out (no `department: null`), and only named fields appear.
 * Dates are `format: date` in that document (`YYYY-MM-DD`), dateOfBirth included.
 *
 * `departmentSizes` gives `employeeCount` (employees with the department as their primary one).
 */
export function toStaffologyEmployee(
  person: CompanyPerson,
  today: string,
  departmentSizes: ReadonlyMap<string, number>,
): StaffologyEmployee {
  const { department, bank } = person;
  const employmentDetails: StaffologyEmployee['employmentDetails'] = {
    payrollCode: person.payrollCode,
    jobTitle: person.jobTitle,
    starterDetails: { startDate: person.startDate, starterDeclaration: person.starterDeclaration },
    leaverDetails: {
      hasLeft: person.hasLeft,
      leaveDate: person.leaveDate,
      isDeceased: false,
      p45Sent: person.hasLeft && person.leaveDate !== null && person.leaveDate < today,
      payAccruedBalance: false,
      paymentAfterLeaving: false,
    },
  };
  if (department) {
    employmentDetails.department = {
      code: department.code,
      title: department.title,
      color: department.color,
      accountingCode: department.accountingCode,
      employeeCount: departmentSizes.get(department.code) ?? 0,
    };
  }
  return {
    id: person.sourceId,
    status: person.status,
    personalDetails: {
      title: person.title,
      firstName: person.firstName,
      middleName: person.middleName,
      lastName: person.lastName,
      email: person.email,
      dateOfBirth: person.dateOfBirth,
      gender: person.gender,
      maritalStatus: person.maritalStatus,
    },
    employmentDetails,
    // Payroll keeps a bank details record for everyone; with nothing on file its fields are null.
    bankDetails: {
      bankName: bank?.bankName ?? null,
      bankBranch: null,
      bankReference: null,
      accountName: bank?.accountName ?? null,
      accountNumber: bank?.accountNumber ?? null,
      sortCode: bank?.sortCode ?? null,
      buildingSocietyRollNumber: null,
      note: null,
    },
  };
}
