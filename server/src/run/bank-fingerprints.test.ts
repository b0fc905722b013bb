import { randomBytes } from 'node:crypto';
import type { BankDetails, HrEmployee, Link } from '@staffsync/shared';
import { describe, expect, it } from 'vitest';
import { employee } from '../sync/test-fixtures.ts';
import { bankFingerprints } from './bank-fingerprints.ts';
import { hashBank } from './hash-bank.ts';

const key = randomBytes(32);
const bankOf = (accountNumber: string): BankDetails => ({
  accountName: 'A Lee',
  sortCode: '12-34-56',
  accountNumber,
});
const linkWith = (employeeNumber: string, bank: BankDetails | null): Link => ({
  employeeNumber,
  userId: Number(employeeNumber),
  lastWritten: bank === null ? {} : { bankHash: hashBank(key, bank) },
  leaveDateSetBySync: null,
});

/** The server's hash, counting its calls. */
function countingHash() {
  let calls = 0;
  return {
    hash: (bank: BankDetails) => {
      calls++;
      return hashBank(key, bank);
    },
    get calls() {
      return calls;
    },
  };
}

describe('bankFingerprints', () => {
  it('hashes each employee once while reading, and the planner asking about the same details hashes nothing', () => {
    const counted = countingHash();
    const employees: HrEmployee[] = ['1', '2', '3'].map((n) =>
      employee({ employeeNumber: n, bank: bankOf(`1234567${n}`) }),
    );
    const fingerprints = bankFingerprints(
      counted.hash,
      employees.map((e, i) => linkWith(String(i + 1), e.bank)),
    );
    for (const e of employees) fingerprints.add(e);
    expect(counted.calls).toBe(3);

    for (const e of employees) {
      expect(fingerprints.hashBank(e.bank as BankDetails)).toBe(hashBank(key, e.bank as BankDetails));
    }
    expect(counted.calls).toBe(3);
  });

  it('keeps no hash of details that changed since the last sync: the planner gets them hashed afresh, and right', () => {
    const counted = countingHash();
    const now = employee({ employeeNumber: '1', bank: bankOf('99999999') });
    const fingerprints = bankFingerprints(counted.hash, [linkWith('1', bankOf('12345678'))]);
    fingerprints.add(now);

    expect(fingerprints.hashBank(now.bank as BankDetails)).toBe(hashBank(key, bankOf('99999999')));
    expect(counted.calls).toBe(2);
  });

  it('hashes nothing while reading when nothing is recorded (a first sync, or bank details off)', () => {
    const counted = countingHash();
    const fingerprints = bankFingerprints(counted.hash, [linkWith('1', null)]);
    fingerprints.add(employee({ employeeNumber: '1', bank: bankOf('12345678') }));
    fingerprints.add(employee({ employeeNumber: '2', bank: null }));
    expect(counted.calls).toBe(0);
  });

  it('hashes details it was not given while reading, equal ones included', () => {
    const counted = countingHash();
    const read = employee({ employeeNumber: '1', bank: bankOf('12345678') });
    const fingerprints = bankFingerprints(counted.hash, [linkWith('1', bankOf('12345678'))]);
    fingerprints.add(read);

    // Equal details in another object (ExpenseIn's, or a normal form) are hashed, not looked up by value.
    expect(
      fingerprints.hashBank({ accountName: 'A Lee', sortCode: '123456', accountNumber: '12345678' }),
    ).toBe(hashBank(key, bankOf('12345678')));
    expect(counted.calls).toBe(2);
  });
});
