import { hkdfSync } from 'node:crypto';

/**
 * The key bank details were hashed with before it was kept wrapped in the database (store-keys.ts): derived from
 * the secret key so that it is never the encryption key itself. A database from then gets the same key again.
 */
export function deriveBankHashKey(secretKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), 'staffsync bank hash v1', 32));
}
