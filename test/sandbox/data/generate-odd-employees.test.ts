import { describe, expect, it } from 'vitest';
import { validateStaffology } from '../openapi/staffology-schema-validator.ts';
import { generateOddEmployees, ODDITY_NAMES } from './generate-odd-employees.ts';

const TODAY = '2026-11-25';
const odd = generateOddEmployees({ seed: 9, count: 500, today: TODAY });

type Json = Record<string, unknown>;
const at = (record: Json, ...path: string[]): unknown =>
  path.reduce<unknown>(
    (value, key) => (typeof value === 'object' && value !== null ? (value as Json)[key] : undefined),
    record,
  );

describe('generateOddEmployees', () => {
  it('makes the number asked for, the same records for the same seed and others for another', () => {
    expect(odd).toHaveLength(500);
    expect(generateOddEmployees({ seed: 9, count: 500, today: TODAY })).toEqual(odd);
    expect(generateOddEmployees({ seed: 10, count: 500, today: TODAY })).not.toEqual(odd);
    expect(generateOddEmployees({ seed: 9, count: 0 })).toEqual([]);
  });

  it('applies every oddity, each about as often as the others', () => {
    const counts = new Map<string, number>();
    for (const { oddity } of odd) counts.set(oddity, (counts.get(oddity) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([...ODDITY_NAMES].sort());
    expect(Math.max(...counts.values()) - Math.min(...counts.values())).toBeLessThanOrEqual(1);
  });

  it("breaks Staffology's schema exactly where it says it does, so both kinds are produced", () => {
    const wrong = odd
      .map(({ oddity, breaksSchema, record }) => ({
        oddity,
        breaksSchema,
        violations: validateStaffology('Contract.EmployeeResponse', record),
      }))
      .filter(({ breaksSchema, violations }) => breaksSchema !== violations.length > 0);
    expect(wrong).toEqual([]);
    expect(odd.filter((e) => e.breaksSchema).length).toBeGreaterThan(150);
    expect(odd.filter((e) => !e.breaksSchema).length).toBeGreaterThan(150);
  });

  it('keeps a unique GUID id on every record, so each can be listed and read, and plain JSON throughout', () => {
    const ids = odd.map(({ record }) => String(record.id).toLowerCase());
    expect(new Set(ids).size).toBe(500);
    expect(ids.every((id) => /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/.test(id))).toBe(true);
    expect(JSON.parse(JSON.stringify(odd))).toEqual(odd);
  });

  it('holds the cases a sync must survive: duplicate codes, NFD names, padded emails, leave dates both sides of today', () => {
    const codes = odd
      .map(({ record }) => at(record, 'employmentDetails', 'payrollCode'))
      .filter((c) => typeof c === 'string');
    expect(new Set(codes).size).toBeLessThan(codes.length);
    const names = odd
      .map(({ record }) => at(record, 'personalDetails', 'firstName'))
      .filter((n) => typeof n === 'string');
    expect(names.some((name) => name !== name.normalize('NFC'))).toBe(true);
    const emails = odd
      .map(({ record }) => at(record, 'personalDetails', 'email'))
      .filter((e) => typeof e === 'string');
    expect(emails.some((email) => /\s/.test(email))).toBe(true);
    expect(emails.some((email) => email !== email.toLowerCase())).toBe(true);
    const leaveDates = odd
      .map(({ record }) => at(record, 'employmentDetails', 'leaverDetails', 'leaveDate'))
      .filter((d): d is string => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d));
    expect(leaveDates.some((date) => date < TODAY)).toBe(true);
    expect(leaveDates.some((date) => date > TODAY)).toBe(true);
    expect(odd.some(({ record }) => !('personalDetails' in record))).toBe(true);
  });
});
