import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore } from './open-temp-store.ts';
import { hashToken } from './tokens-repo.ts';

let temp: TempStore;
beforeEach(() => {
  temp = openTempStore();
});
afterEach(() => temp.cleanup());

describe('API tokens', () => {
  it('are stored only as a hash: the token is returned once and is not in the database file', () => {
    const { token, record } = temp.store.tokens.create('extension');
    expect(token).toMatch(/^sst_[A-Za-z0-9_-]{43}$/);
    expect(temp.store.tokens.list()).toEqual([record]);
    temp.store.close();

    const bytes = Buffer.concat(
      [temp.file, `${temp.file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)),
    );
    expect(bytes.includes(Buffer.from(hashToken(token)))).toBe(true);
    expect(bytes.includes(Buffer.from(token))).toBe(false);
    expect(bytes.includes(Buffer.from(token.slice(4)))).toBe(false);
  });

  it('verify the token, record its use, and stop verifying once revoked', () => {
    const { tokens } = temp.store;
    const { token, record } = tokens.create('extension');
    expect(tokens.verify(token)).toMatchObject({
      state: 'active',
      token: { id: record.id, role: 'operator', lastUsedAt: '2026-11-25T04:00:00.000Z' },
    });
    expect(tokens.verify(`${token}x`)).toEqual({ state: 'unknown' });
    expect(tokens.verify('not-a-token')).toEqual({ state: 'unknown' });

    expect(tokens.revoke('extension')).toMatchObject({ revokedAt: '2026-11-25T04:00:00.000Z' });
    expect(tokens.verify(token)).toEqual({ state: 'unknown' });
    expect(() => tokens.revoke('extension')).toThrow(/not found/);
    expect(tokens.revoke(record.id).revokedAt).not.toBeNull();
  });

  it('allow one active token per name', () => {
    const { tokens } = temp.store;
    tokens.create('ci');
    expect(() => tokens.create('ci')).toThrow(/already exists/);
    tokens.revoke('ci');
    expect(tokens.create('ci').record.name).toBe('ci');
  });

  it('expire at the end of their lifetime, 90 days by default', () => {
    const { tokens } = temp.store;
    const { token, record } = tokens.create('extension', { role: 'owner' });
    expect(record).toMatchObject({ role: 'owner', expiresAt: '2027-02-23T04:00:00.000Z' });
    temp.clock.advance(90 * 24 * 60 * 60 * 1000 - 1);
    expect(tokens.verify(token).state).toBe('active');
    temp.clock.advance(1);
    expect(tokens.verify(token)).toMatchObject({ state: 'expired', token: { id: record.id } });
  });
});
