import { describe, expect, it } from 'vitest';
import { redact, redactDeep } from './redact.ts';

describe('redact', () => {
  it('removes the API key and anything shaped like a sort code or account number', () => {
    const text = 'key sk_live_abc123 refused; sortCode 20-00-00, 20 00 00 or 200000; account 12345678';
    const clean = redact(text, ['sk_live_abc123']);
    expect(clean).not.toMatch(/sk_live_abc123|20-00-00|20 00 00|200000|12345678/);
    expect(clean).toContain('refused');
  });

  it.each([
    ['spaced in fours', 'account 1234 5678 is invalid'],
    ['dashed in fours', 'account 1234-5678 is invalid'],
    ['in pairs', 'account 12 34 56 78 is invalid'],
    ['with dots', 'sort code 20.00.00 unknown'],
    ['with slashes', 'ref 12/34/56/78'],
    ['at the end of a sentence', 'the account number was 87654321.'],
  ])('removes an account number written %s', (_how, text) => {
    expect(redact(text)).not.toMatch(/\d{2}[ \-./]?\d{2}[ \-./]?\d{2}/);
    expect(redact(text)).toContain('[redacted]');
  });

  it('keeps the digits inside an id (a UUID), but not an account number beside one', () => {
    const id = 'fcf32e11-816a-4603-9714-f446d845f23b';
    expect(redact(`employer ${id} refused account 1234-5678`)).toBe(
      `employer ${id} refused account [redacted]`,
    );
  });

  it('redacts the account number inside an IBAN', () => {
    expect(redact('IBAN GB29NWBK60161331926819')).not.toContain('60161331926819');
  });

  it('keeps ordinary text, dates, timestamps and short numbers', () => {
    expect(redact('user 17 left on 2025-03-31', ['secret-key'])).toBe('user 17 left on 2025-03-31');
    expect(redact('run 42 ended at 2026-11-25T04:00:00.000Z, 1 234 users')).toBe(
      'run 42 ended at 2026-11-25T04:00:00.000Z, 1 234 users',
    );
  });

  it('redacts every string of a nested value, and an error by its message', () => {
    const value = {
      msg: 'refused 1234 5678',
      nested: [{ err: new Error('sort code 12-34-56') }],
      n: 12345678,
    };
    expect(redactDeep(value)).toEqual({
      msg: 'refused [redacted]',
      nested: [{ err: 'sort code [redacted]' }],
      n: 12345678,
    });
  });
});
