import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveBankHashKey } from '../store/derive-bank-hash-key.ts';
import { hashBank } from './hash-bank.ts';

const bank = { accountName: 'J Smith', sortCode: '12-34-56', accountNumber: '12345678' };

describe('hashBank', () => {
  const key = randomBytes(32);

  it('hashes the same details written two ways the same', () => {
    expect(hashBank(key, { accountName: ' J Smith ', sortCode: '123456', accountNumber: '1234 5678' })).toBe(
      hashBank(key, bank),
    );
  });

  it('changes with any field and with the key, and does not contain the account number', () => {
    const hash = hashBank(key, bank);
    expect(hash).not.toContain('12345678');
    expect(hashBank(key, { ...bank, accountNumber: '12345679' })).not.toBe(hash);
    expect(hashBank(key, { ...bank, sortCode: '12-34-57' })).not.toBe(hash);
    expect(hashBank(key, { ...bank, accountName: 'J Smyth' })).not.toBe(hash);
    expect(hashBank(randomBytes(32), bank)).not.toBe(hash);
  });

  it('derives, for databases from before the key was kept, a key that is not the secret key itself', () => {
    const secret = randomBytes(32);
    expect(deriveBankHashKey(secret).equals(secret)).toBe(false);
    expect(deriveBankHashKey(secret).equals(deriveBankHashKey(secret))).toBe(true);
  });
});
