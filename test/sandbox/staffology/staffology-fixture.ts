import type { StaffologyEmployee, StaffologyState } from './types.ts';

/**
 * A hand-written company for the simulator's tests: one employee per shape the sync must handle (PRODUCT.md
 * section 3.1 mapping). Built fresh per call, so a test can change its copy freely.
 */

export const FIXTURE_API_KEY = 'fixture-api-key';
export const FIXTURE_EMPLOYER_ID = '6f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f';
export const EMPTY_EMPLOYER_ID = '0b9a8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d';

/** Employee ids by the case each one covers. */
export const FIXTURE_IDS = {
  current: '11111111-1111-4111-8111-111111111111',
  pastLeaver: '22222222-2222-4222-8222-222222222222',
  futureLeaver: '33333333-3333-4333-8333-333333333333',
  formerNoDate: '44444444-4444-4444-8444-444444444444',
  noDepartmentNullBank: '55555555-5555-4555-8555-555555555555',
  noBankDetails: '66666666-6666-4666-8666-666666666666',
  dashedSortCode: '77777777-7777-4777-8777-777777777777',
  missingNamesAndEmail: '88888888-8888-4888-8888-888888888888',
} as const;

const sales = { code: 'SAL', title: 'Sales', color: 'ff0000', accountingCode: null, employeeCount: 3 };
const finance = { code: 'FIN', title: 'Finance', color: null, accountingCode: '4000', employeeCount: 2 };

function employee(
  id: string,
  payrollCode: string,
  names: {
    firstName: string | null;
    lastName: string | null;
    email: string | null;
    [field: string]: unknown;
  },
  overrides: {
    status?: StaffologyEmployee['status'];
    employment?: Partial<StaffologyEmployee['employmentDetails']>;
    bankDetails?: StaffologyEmployee['bankDetails'];
    extra?: Record<string, unknown>;
  } = {},
): StaffologyEmployee {
  return {
    id,
    status: overrides.status ?? 'Current',
    personalDetails: {
      ...names,
      dateOfBirth: '1985-04-12',
      gender: 'Female',
      maritalStatus: 'Single',
    },
    employmentDetails: {
      payrollCode,
      jobTitle: 'Account Manager',
      department: sales,
      starterDetails: { startDate: '2020-01-06', starterDeclaration: 'A' },
      ...overrides.employment,
    },
    ...('bankDetails' in overrides ? { bankDetails: overrides.bankDetails } : {}),
    ...overrides.extra,
  };
}

export function fixtureState(): StaffologyState {
  return {
    apiKeys: [FIXTURE_API_KEY, 'second-key'],
    employers: [
      { id: FIXTURE_EMPLOYER_ID, name: 'Fixture Widgets Ltd', crn: '01234567', archived: false },
      { id: EMPTY_EMPLOYER_ID, name: 'Dormant Holdings Ltd' },
    ],
    employees: {
      [FIXTURE_EMPLOYER_ID]: [
        employee(
          FIXTURE_IDS.current,
          'EMP001',
          {
            title: 'Ms',
            firstName: 'Alice',
            middleName: 'Jane',
            lastName: 'Smith',
            email: 'alice.smith@fixture.example',
            address: { line1: '1 High Street', line2: null, postCode: 'AB1 2CD', country: 'England' },
          },
          {
            bankDetails: {
              bankName: 'Barclays',
              accountName: 'A Smith',
              accountNumber: '12345678',
              sortCode: '203040',
              bankBranch: null,
              bankReference: null,
              buildingSocietyRollNumber: null,
              note: null,
            },
            extra: {
              tags: ['hr-import'],
              sourceSystemId: 'HR-1001',
            },
          },
        ),
        employee(
          FIXTURE_IDS.pastLeaver,
          'EMP002',
          { firstName: 'Bob', lastName: 'Jones', email: 'bob.jones@fixture.example' },
          {
            status: 'Former',
            employment: {
              leaverDetails: { hasLeft: true, leaveDate: '2024-03-31', isDeceased: false, p45Sent: true },
            },
          },
        ),
        employee(
          FIXTURE_IDS.futureLeaver,
          'EMP003',
          { firstName: 'Carol', lastName: 'White', email: 'carol.white@fixture.example' },
          { employment: { department: finance, leaverDetails: { hasLeft: false, leaveDate: '2099-06-30' } } },
        ),
        employee(
          FIXTURE_IDS.formerNoDate,
          'EMP004',
          { firstName: 'Dan', lastName: 'Brown', email: 'dan.brown@fixture.example' },
          { status: 'Former', employment: { leaverDetails: { hasLeft: true, leaveDate: null } } },
        ),
        employee(
          FIXTURE_IDS.noDepartmentNullBank,
          'EMP005',
          { firstName: 'Eve', lastName: 'Black', email: 'eve.black@fixture.example' },
          { employment: { department: null, starterDetails: null, leaverDetails: null }, bankDetails: null },
        ),
        employee(
          FIXTURE_IDS.noBankDetails,
          'EMP006',
          { firstName: 'Frank', lastName: 'Green', email: 'frank.green@fixture.example' },
          { employment: { department: finance } },
        ),
        employee(
          FIXTURE_IDS.dashedSortCode,
          'EMP007',
          { firstName: 'Grace', lastName: 'Hall', email: 'grace.hall@fixture.example' },
          { bankDetails: { accountName: 'G Hall', sortCode: '12-34-56', accountNumber: '87654321' } },
        ),
        employee(FIXTURE_IDS.missingNamesAndEmail, 'EMP008', {
          firstName: null,
          lastName: null,
          email: null,
        }),
      ],
      [EMPTY_EMPLOYER_ID]: [],
    },
  };
}
