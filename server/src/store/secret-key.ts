import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';

const keyBytes = 32;

/**
 * Parses a 32-byte key written as 64 hex characters or as base64. `label` names where it came from, so the error
 * tells an operator which setting to fix (PRODUCT.md 4.1: a bad value names the variable). The value itself is
 * never echoed.
 */
export function parseSecretKey(text: string, label: string): Buffer {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) {
    // Node's base64 decoder also accepts the URL-safe alphabet.
    const decoded = Buffer.from(value, 'base64');
    if (decoded.length === keyBytes) return decoded;
    throw new Error(
      `${label} must be ${keyBytes} bytes, as base64 or 64 hex characters (it decodes to ${decoded.length} bytes)`,
    );
  }
  throw new Error(`${label} must be ${keyBytes} bytes, as base64 or 64 hex characters`);
}

export interface LoadedSecretKey {
  key: Buffer;
  /** Where the key came from, for error messages: `STAFFSYNC_SECRET` or the key file's path. */
  origin: string;
  /** True when this call generated a new key file. */
  created: boolean;
}

/**
 * The key that encrypts vendor API keys at rest (PRODUCT.md 4.2). `secret` is STAFFSYNC_SECRET as the caller read
 * it from the environment; without one, a key file `<db file>.key` beside the database is used, generated with
 * mode 0600 on first use. A key file that other users can read is refused rather than trusted.
 */
export function loadSecretKey(options: { file: string; secret?: string | undefined }): LoadedSecretKey {
  if (options.secret !== undefined && options.secret.trim() !== '') {
    return {
      key: parseSecretKey(options.secret, 'STAFFSYNC_SECRET'),
      origin: 'STAFFSYNC_SECRET',
      created: false,
    };
  }
  if (options.file === ':memory:' || options.file === '') {
    throw new Error('an in-memory database needs an explicit key: pass STAFFSYNC_SECRET');
  }
  const keyFile = `${options.file}.key`;
  const created = createKeyFileIfMissing(keyFile);
  const mode = statSync(keyFile).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new Error(
      `key file ${keyFile} is readable by other users (mode ${mode.toString(8).padStart(4, '0')}); ` +
        `run \`chmod 600 ${keyFile}\` or set STAFFSYNC_SECRET`,
    );
  }
  return {
    key: parseSecretKey(readFileSync(keyFile, 'utf8'), `key file ${keyFile}`),
    origin: keyFile,
    created,
  };
}

function createKeyFileIfMissing(keyFile: string): boolean {
  try {
    // 'wx' fails if the file exists, so two processes starting at once cannot overwrite each other's key.
    writeFileSync(keyFile, `${randomBytes(keyBytes).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    return true;
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'EEXIST') return false;
    throw error;
  }
}
