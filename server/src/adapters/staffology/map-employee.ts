import type { BankDetails, HrEmployee, InvalidRecord } from '@staffsync/shared';
import type { z } from 'zod';
import { formatIssues } from '../http/format-issues.ts';
import {
  type StaffologyEmployee,
  type StaffologyEmployeeWithBank,
  type StaffologyItem,
  staffologyEmployeeSchema,
  staffologyEmployeeWithBankSchema,
} from './staffology-schemas.ts';

export type EmployeeReadResult = { ok: true; employee: HrEmployee } | { ok: false; invalid: InvalidRecord };

export interface MapEmployeeOptions {
  /** R8: with it off, bank details are never read into the result (the schema does not even parse them). */
  includeBankDetails: boolean;
}

/** What is known about a record before reading it (its list `Item`), to name it if it turns out broken. */
export interface KnownEmployee {
  sourceId: string | null;
  employeeNumber: string | null;
}

/**
 * Validates one `Contract.EmployeeResponse` and maps it to an `HrEmployee` (PRODUCT.md 3.1). A record that fails
 * the schema is returned as an invalid record naming the employee, not thrown (PRODUCT.md 3).
 */
export function mapEmployee(
  raw: unknown,
  options: MapEmployeeOptions,
  known?: KnownEmployee,
): EmployeeReadResult {
  if (options.includeBankDetails) {
    const parsed = staffologyEmployeeWithBankSchema.safeParse(raw);
    if (!parsed.success) return { ok: false, invalid: failed(parsed.error, raw, known) };
    return { ok: true, employee: toHrEmployee(parsed.data, bankOf(parsed.data)) };
  }
  const parsed = staffologyEmployeeSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, invalid: failed(parsed.error, raw, known) };
  return { ok: true, employee: toHrEmployee(parsed.data, null) };
}

function failed(error: z.ZodError, raw: unknown, known: KnownEmployee | undefined): InvalidRecord {
  return invalidEmployee(`failed validation: ${formatIssues(error)}`, raw, known);
}

function toHrEmployee(record: StaffologyEmployee, bank: BankDetails | null): HrEmployee {
  const { personalDetails: personal, employmentDetails: employment } = record;
  const leaver = employment.leaverDetails;
  const leaveDate = leaver?.leaveDate ?? null;
  return {
    sourceId: record.id,
    employeeNumber: employment.payrollCode,
    knownAs: present(personal.knownAs) ? personal.knownAs : personal.firstName,
    surname: personal.lastName,
    workEmail: personal.email,
    department: employment.department?.title ?? null,
    bank,
    // PRODUCT.md 3.1: any one of the three marks a leaver; a future date is a scheduled leaver.
    isLeaver: record.status === 'Former' || leaver?.hasLeft === true || leaveDate !== null,
    leaveDate: leaveDate === null ? null : leaveDate.slice(0, 10),
  };
}

/** R8: bank details only when HR holds all three parts; strings as HR holds them (the planner normalises). */
function bankOf(record: StaffologyEmployeeWithBank): BankDetails | null {
  const bank = record.bankDetails;
  if (!bank || !present(bank.accountName) || !present(bank.sortCode) || !present(bank.accountNumber))
    return null;
  return { accountName: bank.accountName, sortCode: bank.sortCode, accountNumber: bank.accountNumber };
}

function present(value: string | null): value is string {
  return value !== null && value.trim() !== '';
}

/** An invalid record for an employee, named by whatever can still be read from the raw record or its Item. */
export function invalidEmployee(reason: string, raw: unknown, known?: KnownEmployee): InvalidRecord {
  const record = asObject(raw);
  const rawId = record?.id;
  const rawCode = asObject(record?.employmentDetails)?.payrollCode;
  return {
    vendor: 'staffology',
    sourceId: typeof rawId === 'string' && rawId !== '' ? rawId : (known?.sourceId ?? null),
    employeeNumber: typeof rawCode === 'string' && rawCode !== '' ? rawCode : (known?.employeeNumber ?? null),
    userId: null,
    reason: `Staffology employee ${reason}`,
  };
}

/** The payroll code an employee `Item` carries in its free-form `metadata` (staffology-api.md 2), if any. */
export function payrollCodeOfItem(item: StaffologyItem): string | null {
  const code = asObject(item.metadata)?.payrollCode;
  return typeof code === 'string' && code !== '' ? code : null;
}

function asObject(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}
