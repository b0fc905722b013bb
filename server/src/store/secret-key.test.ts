import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox } from './secret-box.ts';
import { parseSecretKey } from './secret-key.ts';

describe('parseSecretKey', () => {
  const key = randomBytes(32);

  it.each([
    ['64 hex characters', key.toString('hex')],
    ['base64', key.toString('base64')],
    ['base64url', key.toString('base64url')],
    ['base64 with a trailing newline', `${key.toString('base64')}\n`],
  ])('reads %s', (_label, text) => {
    expect(parseSecretKey(text, 'STAFFSYNC_SECRET').equals(key)).toBe(true);
  });

  it.each([
    ['too short', randomBytes(31).toString('base64')],
    ['too long', randomBytes(33).toString('hex')],
    ['not base64', 'this is not a key!'],
  ])('refuses a key that is %s, naming the setting and not echoing the value', (_label, text) => {
    expect(() => parseSecretKey(text, 'STAFFSYNC_SECRET')).toThrow(/^STAFFSYNC_SECRET must be 32 bytes/);
    try {
      parseSecretKey(text, 'STAFFSYNC_SECRET');
    } catch (error) {
      expect(String(error)).not.toContain(text.trim());
    }
  });
});

describe('createSecretBox', () => {
  const box = createSecretBox(randomBytes(32));

  it('round-trips, with a fresh IV each time', () => {
    const a = box.encrypt('api-key-123', 'ctx');
    const b = box.encrypt('api-key-123', 'ctx');
    expect(a).not.toBe(b);
    expect(a).not.toContain('api-key-123');
    expect(box.decrypt(a, 'ctx')).toBe('api-key-123');
  });

  it('refuses a value sealed for another context or with another key', () => {
    const sealed = box.encrypt('api-key-123', 'connections.staffology_key');
    expect(() => box.decrypt(sealed, 'connections.expensein_key')).toThrow(/cannot decrypt/);
    expect(() => createSecretBox(randomBytes(32)).decrypt(sealed, 'connections.staffology_key')).toThrow(
      /wrong key/,
    );
  });
});
