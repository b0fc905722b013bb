import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const version = 'v1';
const ivBytes = 12;
const tagBytes = 16;

/** Encrypts and decrypts secrets at rest with AES-256-GCM (PRODUCT.md 4.2). */
export interface SecretBox {
  /** `context` (e.g. the column) is bound as additional data, so a ciphertext cannot be moved to another field. */
  encrypt(plaintext: string, context: string): string;
  decrypt(sealed: string, context: string): string;
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error(`AES-256-GCM needs a 32-byte key, got ${key.length} bytes`);
  return {
    encrypt(plaintext, context) {
      const iv = randomBytes(ivBytes);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `${version}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    decrypt(sealed, context) {
      const [prefix, payload] = sealed.split(':', 2);
      if (prefix !== version || payload === undefined) throw new Error(`unknown secret format (${context})`);
      const bytes = Buffer.from(payload, 'base64');
      if (bytes.length < ivBytes + tagBytes) throw new Error(`truncated secret (${context})`);
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, ivBytes));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(bytes.subarray(ivBytes, ivBytes + tagBytes));
      try {
        return Buffer.concat([
          decipher.update(bytes.subarray(ivBytes + tagBytes)),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        // GCM authentication failed: the only causes are a different key or a tampered value.
        throw new Error(
          `cannot decrypt ${context}: wrong key (STAFFSYNC_SECRET or key file) or damaged value`,
        );
      }
    },
  };
}
