import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  loadStaffologySchemaValidator,
  STAFFOLOGY_OPENAPI_URL,
  validateStaffology,
} from './staffology-schema-validator.ts';

const validator = loadStaffologySchemaValidator();
const EMPLOYEE_ID = '11111111-1111-4111-8111-111111111111';

interface EmployeeDraft {
  id: string;
  status: string;
  personalDetails: Record<string, unknown>;
  employmentDetails: Record<string, unknown>;
  [field: string]: unknown;
}

function validEmployee(): EmployeeDraft {
  return {
    id: EMPLOYEE_ID,
    status: 'Former',
    personalDetails: {
      firstName: 'Bob',
      lastName: null,
      email: null,
      dateOfBirth: '1985-04-12',
      gender: 'Male',
      maritalStatus: 'Single',
    },
    employmentDetails: {
      payrollCode: 'EMP002',
      department: { code: 'SAL', title: 'Sales', color: null },
      leaverDetails: { hasLeft: true, leaveDate: '2024-03-31' },
    },
    bankDetails: { sortCode: '12-34-56', accountNumber: null },
    tags: null,
  };
}

function withChange(change: (employee: EmployeeDraft) => void): EmployeeDraft {
  const employee = validEmployee();
  change(employee);
  return employee;
}

describe("Staffology's OpenAPI document", () => {
  it('is read from the copy committed beside the validator, unchanged from the hash its README states', () => {
    const here = fileURLToPath(new URL('.', import.meta.url));
    expect(fileURLToPath(STAFFOLOGY_OPENAPI_URL)).toBe(`${here}staffology-openapi.json`);
    const stated = /SHA-256\s+`([0-9a-f]{64})`/.exec(
      readFileSync(new URL('README.md', import.meta.url), 'utf8'),
    );
    const actual = createHash('sha256').update(readFileSync(STAFFOLOGY_OPENAPI_URL)).digest('hex');
    expect(actual).toBe(stated?.[1]);
  });
});

describe('validateStaffology', () => {
  it('accepts a valid record, with nulls where the spec makes a field nullable', () => {
    expect(validator.validateStaffology('Contract.EmployeeResponse', validEmployee())).toEqual([]);
    expect(
      validator.validateStaffology('Item', { id: EMPLOYEE_ID, name: null, metadata: null, url: null }),
    ).toEqual([]);
  });

  it.each([
    [
      'a field the spec does not name',
      (e: EmployeeDraft) => {
        e.personalDetails.knownAs = 'Bobby';
      },
      '/personalDetails must NOT have additional properties (knownAs)',
    ],
    [
      'a payroll code as a number',
      (e: EmployeeDraft) => {
        e.employmentDetails.payrollCode = 2;
      },
      '/employmentDetails/payrollCode must be string',
    ],
    [
      'a missing required field',
      (e: EmployeeDraft) => {
        delete e.personalDetails.gender;
      },
      "/personalDetails must have required property 'gender'",
    ],
    [
      'a date-time where the spec says date',
      (e: EmployeeDraft) => {
        e.personalDetails.dateOfBirth = '1985-04-12T00:00:00';
      },
      '/personalDetails/dateOfBirth must match format "date"',
    ],
    [
      'an id that is not a uuid',
      (e: EmployeeDraft) => {
        e.id = 'emp-1';
      },
      '/id must match format "uuid"',
    ],
    [
      'a value outside an enum',
      (e: EmployeeDraft) => {
        e.status = 'Leaver';
      },
      '/status must be equal to one of the allowed values (["Current","Former","Upcoming"])',
    ],
    [
      'null for a non-nullable $ref',
      (e: EmployeeDraft) => {
        e.employmentDetails.department = null;
      },
      '/employmentDetails/department must be object',
    ],
    [
      'a string over maxLength',
      (e: EmployeeDraft) => {
        e.personalDetails.firstName = 'x'.repeat(36);
      },
      '/personalDetails/firstName must NOT have more than 35 characters',
    ],
  ])('rejects %s', (_case, change, violation) => {
    expect(validator.validateStaffology('Contract.EmployeeResponse', withChange(change))).toEqual([
      violation,
    ]);
  });

  it('reports every violation of a record, not just the first', () => {
    const bad = withChange((e) => {
      e.id = 'nope';
      e.employmentDetails.payrollCode = 7;
      delete e.personalDetails.maritalStatus;
    });
    expect(validator.validateStaffology('Contract.EmployeeResponse', bad)).toHaveLength(3);
  });

  it('throws for a schema the document does not have', () => {
    expect(() => validator.validateStaffology('Contract.NoSuchThing', {})).toThrow(/no schema named/);
  });

  it('is also exported over the default document', () => {
    expect(validateStaffology('Gender', 'Female')).toEqual([]);
    expect(validateStaffology('Gender', 'female')).toHaveLength(1);
  });
});

describe('validateStaffologyResponse', () => {
  const employeePath = `/employers/6f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f/employees/${EMPLOYEE_ID}`;

  it('maps a request path to the operation the document declares for it', () => {
    expect(validator.findOperation('GET', employeePath)).toEqual({
      template: '/employers/{employerId}/employees/{id}',
      operationId: 'GetEmployee',
    });
    expect(validator.findOperation('get', '/employers/e1/employees/search/payrollcode')?.operationId).toBe(
      'SearchByPayrollCodeEmployee',
    );
    expect(validator.findOperation('GET', '/no/such/path')).toBeNull();
  });

  it('validates the body against the response schema of that operation and status', () => {
    const ok = { method: 'GET', path: employeePath, status: 200 };
    expect(validator.validateStaffologyResponse(ok, validEmployee())).toEqual([]);
    // An Item is not an EmployeeResponse: the route-to-schema mapping matters.
    expect(
      validator.validateStaffologyResponse(ok, { id: EMPLOYEE_ID, name: 'Bob', metadata: null, url: null }),
    ).not.toEqual([]);
    expect(
      validator.validateStaffologyResponse({ method: 'GET', path: '/employers/e1/employees', status: 200 }, [
        validEmployee(),
      ]),
    ).toContain('/0 must NOT have additional properties (status)');
  });

  it('reports an undeclared status or method as a violation', () => {
    expect(
      validator.validateStaffologyResponse({ method: 'GET', path: employeePath, status: 404 }, {}),
    ).toEqual(['GET /employers/{employerId}/employees/{id} declares no JSON body for status 404']);
    expect(
      validator.validateStaffologyResponse({ method: 'PATCH', path: '/employers', status: 200 }, []),
    ).toEqual(['the document declares no operation PATCH /employers']);
  });
});
