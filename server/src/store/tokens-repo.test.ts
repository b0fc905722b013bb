import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore, testDialects } from './open-temp-store.ts';
import { hashToken } from './tokens-repo.ts';

// Part of the store's contract suite: the same tests on every dialect (open-temp-store.ts testDialects).
describe.each(testDialects())('tokens on %s', (dialect) => {
  let temp: TempStore;
  beforeEach(async () => {
    temp = await openTempStore({ dialect });
  });
  afterEach(() => temp.cleanup());

  describe('API tokens', () => {
    it('are stored only as a hash: the token is returned once and is not in the database file', async () => {
      const { token, record } = await temp.store.tokens.create('extension');
      expect(token).toMatch(/^sst_[A-Za-z0-9_-]{43}$/);
      expect(await temp.store.tokens.list()).toEqual([record]);
      const bytes = await temp.storedBytes();
      expect(bytes.includes(Buffer.from(hashToken(token)))).toBe(true);
      expect(bytes.includes(Buffer.from(token))).toBe(false);
      expect(bytes.includes(Buffer.from(token.slice(4)))).toBe(false);
    });

    it('verify the token, record its use, and stop verifying once revoked', async () => {
      const { tokens } = temp.store;
      const { token, record } = await tokens.create('extension');
      expect(await tokens.verify(token)).toMatchObject({
        state: 'active',
        token: { id: record.id, role: 'operator', lastUsedAt: '2026-11-25T04:00:00.000Z' },
      });
      expect(await tokens.verify(`${token}x`)).toEqual({ state: 'unknown' });
      expect(await tokens.verify('not-a-token')).toEqual({ state: 'unknown' });

      expect(await tokens.revoke('extension')).toMatchObject({ revokedAt: '2026-11-25T04:00:00.000Z' });
      expect(await tokens.verify(token)).toEqual({ state: 'unknown' });
      await expect(tokens.revoke('extension')).rejects.toThrow(/not found/);
      expect((await tokens.revoke(record.id)).revokedAt).not.toBeNull();
    });

    it('allow one active token per name', async () => {
      const { tokens } = temp.store;
      await tokens.create('ci');
      await expect(tokens.create('ci')).rejects.toThrow(/already exists/);
      await tokens.revoke('ci');
      expect((await tokens.create('ci')).record.name).toBe('ci');
    });

    it('expire at the end of their lifetime, 90 days by default', async () => {
      const { tokens } = temp.store;
      const { token, record } = await tokens.create('extension', { role: 'owner' });
      expect(record).toMatchObject({ role: 'owner', expiresAt: '2027-02-23T04:00:00.000Z' });
      temp.clock.advance(90 * 24 * 60 * 60 * 1000 - 1);
      expect((await tokens.verify(token)).state).toBe('active');
      temp.clock.advance(1);
      expect(await tokens.verify(token)).toMatchObject({ state: 'expired', token: { id: record.id } });
    });
  });
});
