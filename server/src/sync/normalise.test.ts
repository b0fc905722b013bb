import { describe, expect, it } from 'vitest';
import {
  cleanText,
  departmentKey,
  emailKey,
  isCompleteBank,
  isPlausibleEmail,
  looseMatchKey,
  maskBank,
  matchKey,
  normaliseBank,
  sameBank,
  sameName,
  sortCodeDigits,
} from './normalise.ts';

describe('cleanText', () => {
  it.each([
    ['  Ann ', 'Ann'],
    ['\tŁukasz\n', 'Łukasz'],
    [null, ''],
    ['Zoe\u0308', 'Zoë'],
  ])('cleans %j to %j', (input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  it('treats an NFD name as the same name as its NFC form', () => {
    expect(sameName('Siobha\u0301n', 'Siobhán')).toBe(true);
    expect(sameName('siobhán', 'Siobhán')).toBe(false);
  });
});

describe('matchKey (Employee Number and Reference)', () => {
  it.each([
    [' E001 ', 'E001'],
    ['e001', 'e001'],
    ['E 001', 'E 001'],
    [null, ''],
  ])('keys %j as %j: trimmed, case and inner spaces kept', (input, expected) => {
    expect(matchKey(input)).toBe(expected);
  });

  it('loosens case and all white space only for the R6 near miss', () => {
    expect(looseMatchKey(' e 00\t1 ')).toBe(looseMatchKey('E001'));
    expect(looseMatchKey('E-001')).not.toBe(looseMatchKey('E001'));
  });

  it.each([
    ['E001', 'e001'],
    ['E\u00a0001', 'e001'],
    ['E\n001\r', 'e001'],
    ['Zoe\u0308 1', 'zo\u00eb1'],
    [null, ''],
  ])('keys %j loosely as %j', (input, expected) => {
    expect(looseMatchKey(input)).toBe(expected);
  });
});

describe('emailKey and departmentKey', () => {
  it('compares emails case-insensitively after trimming', () => {
    expect(emailKey(' Ann.Lee@ACME.test ')).toBe(emailKey('ann.lee@acme.test'));
  });

  it.each([
    ['  Research   and\tDevelopment ', 'research and development'],
    ['SALES', 'sales'],
    ['Sales\u00a0Ops', 'sales ops'],
  ])('keys department %j as %j', (input, expected) => {
    expect(departmentKey(input)).toBe(expected);
  });
});

describe('bank details', () => {
  it.each([['12-34-56'], ['12 34 56'], ['123456'], [' 12-34 56 ']])(
    'reads sort code %j as its 6 digits',
    (code) => {
      expect(sortCodeDigits(code)).toBe('123456');
    },
  );

  it('compares sort codes as digits and names after trimming', () => {
    const a = { accountName: 'J Smith ', sortCode: '12-34-56', accountNumber: '12345678' };
    expect(sameBank(a, { accountName: 'J Smith', sortCode: '123456', accountNumber: '12345678' })).toBe(true);
    expect(sameBank(a, { accountName: 'J Smith', sortCode: '123457', accountNumber: '12345678' })).toBe(
      false,
    );
    expect(sameBank(a, { accountName: 'J SMITH', sortCode: '123456', accountNumber: '12345678' })).toBe(
      false,
    );
  });

  it.each([
    [{ accountName: 'J Smith', sortCode: '12-34-56', accountNumber: '12345678' }, true],
    [{ accountName: ' ', sortCode: '12-34-56', accountNumber: '12345678' }, false],
    [{ accountName: 'J Smith', sortCode: '12-34-5', accountNumber: '12345678' }, false],
    [{ accountName: 'J Smith', sortCode: '12-34-567', accountNumber: '12345678' }, false],
    [{ accountName: 'J Smith', sortCode: '123456', accountNumber: '' }, false],
  ])('complete: %j -> %s', (bank, expected) => {
    expect(isCompleteBank(bank)).toBe(expected);
  });

  it('normalises details written another way, and returns details already normal as they are', () => {
    const written = { accountName: ' J Smith ', sortCode: '12-34-56', accountNumber: '1234 5678' };
    expect(normaliseBank(written)).toEqual({
      accountName: 'J Smith',
      sortCode: '123456',
      accountNumber: '12345678',
    });
    expect(written.sortCode).toBe('12-34-56');
    const normal = { accountName: 'J Smith', sortCode: '123456', accountNumber: '12345678' };
    expect(normaliseBank(normal)).toBe(normal);
  });

  it('masks to the account name and the last 2 digits, never the sort code', () => {
    const masked = maskBank({ accountName: ' J Smith ', sortCode: '12-34-56', accountNumber: '12345678' });
    expect(masked).toBe('J Smith ••••••78');
    expect(masked).not.toMatch(/12|34|56/);
  });

  it('shows no more than 2 digits of a short account number', () => {
    expect(maskBank({ accountName: 'A', sortCode: '000000', accountNumber: '9' })).toBe('A ••••••9');
  });
});

describe('isPlausibleEmail (R2)', () => {
  it.each(['ann.lee@acme.test', 'a.b+tag@mail.acme.co.uk', ' ann@acme.io ', 'zoë@exämple.com'])(
    'accepts %j',
    (email) => {
      expect(isPlausibleEmail(email)).toBe(true);
    },
  );

  it.each([
    '',
    'ann',
    'ann@',
    '@acme.com',
    'ann@acme',
    'ann@@acme.com',
    'ann@b@acme.com',
    'ann lee@acme.com',
    'ann@acme.c',
    'ann..lee@acme.com',
    '.ann@acme.com',
    'ann@acme..com',
    'ann@.acme.com',
  ])('rejects %j', (email) => {
    expect(isPlausibleEmail(email)).toBe(false);
  });
});
