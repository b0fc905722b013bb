import { readFileSync } from 'node:fs';
import type { HrEmployee } from '@staffsync/shared';
import { describe, expect, it } from 'vitest';
import { mapEmployee, payrollCodeOfItem } from './map-employee.ts';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8'));

function mapped(name: string, includeBankDetails: boolean): HrEmployee {
  const result = mapEmployee(fixture(name), { includeBankDetails });
  if (!result.ok) throw new Error(`expected ${name} to map, got: ${result.invalid.reason}`);
  return result.employee;
}

describe('mapEmployee (PRODUCT.md 3.1)', () => {
  it('maps a full recorded EmployeeResponse, ignoring the fields it does not use', () => {
    expect(mapped('employee-current', true)).toEqual({
      sourceId: '6f1c2a9e-3b7d-4c1e-9a55-0d2f8e7b4c11',
      employeeNumber: 'E0042',
      knownAs: 'Priya',
      surname: 'Shah',
      workEmail: 'priya.shah@example.co.uk',
      department: 'Sales',
      // The dashed sort code is kept as HR holds it: the planner compares sort codes as their 6 digits.
      bank: { accountName: 'P Shah', sortCode: '20-00-00', accountNumber: '12345678' },
      isLeaver: false,
      leaveDate: null,
    });
  });

  it('never reads bank details when Include Bank Details is off (R8)', () => {
    expect(mapped('employee-current', false).bank).toBeNull();
    expect(mapped('employee-known-as', false).bank).toBeNull();
  });

  it('reads Known As when present, else the first name', () => {
    expect(mapped('employee-known-as', true)).toMatchObject({ knownAs: 'Bob', surname: 'Jones' });
    // A blank knownAs is not a name: fall back to firstName.
    expect(mapped('employee-no-department-partial-bank', true).knownAs).toBe('Sam');
  });

  it.each([
    ['employee-leaver-former', { isLeaver: true, leaveDate: '2025-03-31' }],
    ['employee-leaver-has-left', { isLeaver: true, leaveDate: null }],
    ['employee-scheduled-leaver', { isLeaver: true, leaveDate: '2099-12-31' }],
    ['employee-current', { isLeaver: false, leaveDate: null }],
    ['employee-no-department-partial-bank', { isLeaver: false, leaveDate: null }],
  ])('leaver state of %s', (name, expected) => {
    expect(mapped(name, false)).toMatchObject(expected);
  });

  it('reads no department and partial bank details as null, and keeps a missing email as null', () => {
    expect(mapped('employee-no-department-partial-bank', true)).toMatchObject({
      employeeNumber: 'E0050',
      department: null,
      bank: null,
      workEmail: null,
    });
    expect(mapped('employee-leaver-has-left', true)).toMatchObject({ department: null, bank: null });
  });

  it('turns a record that fails the schema into an invalid record naming the employee and the fields', () => {
    const result = mapEmployee(fixture('employee-malformed'), { includeBankDetails: true });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.invalid).toMatchObject({
      vendor: 'staffology',
      sourceId: 'a2b3c4d5-0000-4000-8000-000000000009',
      employeeNumber: null,
      userId: null,
    });
    expect(result.invalid.reason).toContain('employmentDetails.payrollCode');
    expect(result.invalid.reason).toContain('employmentDetails.leaverDetails.leaveDate');
    // The reason names fields, never values (bank details must not leak into outcomes).
    expect(result.invalid.reason).not.toMatch(/99887766|112233|L Chan/);
  });

  it('names a broken record from its list Item when the record itself has no readable id', () => {
    const result = mapEmployee(
      { personalDetails: null },
      { includeBankDetails: false },
      {
        sourceId: 'item-id',
        employeeNumber: 'E0001',
      },
    );
    expect(result).toMatchObject({ ok: false, invalid: { sourceId: 'item-id', employeeNumber: 'E0001' } });
  });

  it('reads the payroll code from free-form Item metadata', () => {
    const item = { id: 'x', name: null, url: null };
    expect(payrollCodeOfItem({ ...item, metadata: { payrollCode: 'E1', status: 'Current' } })).toBe('E1');
    expect(payrollCodeOfItem({ ...item, metadata: null })).toBeNull();
    expect(payrollCodeOfItem({ ...item, metadata: { payrollCode: 7 } })).toBeNull();
  });
});
