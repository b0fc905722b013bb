import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname } from 'node:path';

export const keyBytes = 32;

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
  /** The key file, or null when the key came from STAFFSYNC_SECRET. */
  file: string | null;
  /** True when this call generated a new key file. */
  created: boolean;
  /** Set when a key file found beside the database was moved to `file`. */
  movedFrom: string | null;
}

export interface KeySource {
  /** STAFFSYNC_SECRET as the caller read it from the environment. */
  secret?: string | undefined;
  /** The key file to use (STAFFSYNC_KEY_FILE, or the default the caller chose, outside the database's folder). */
  file: string | null;
  /** Where earlier versions kept the key: beside the database. Moved to `file` when found there. */
  legacyFile: string | null;
}

/**
 * The key that encrypts vendor API keys at rest (PRODUCT.md 4.2, 4.3): STAFFSYNC_SECRET, else a key file created
 * 0600 in a 0700 folder, apart from the database so that a copy of the database's folder is not also a copy of its
 * key. A key file other users can read is refused rather than trusted.
 */
export function loadSecretKey(source: KeySource): LoadedSecretKey {
  if (source.secret !== undefined && source.secret.trim() !== '') {
    return {
      key: parseSecretKey(source.secret, 'STAFFSYNC_SECRET'),
      origin: 'STAFFSYNC_SECRET',
      file: null,
      created: false,
      movedFrom: null,
    };
  }
  const file = source.file;
  if (file === null) throw new Error('no key: set STAFFSYNC_SECRET or STAFFSYNC_KEY_FILE');
  let movedFrom: string | null = null;
  if (!existsSync(file) && source.legacyFile !== null && existsSync(source.legacyFile)) {
    moveFile(source.legacyFile, file);
    movedFrom = source.legacyFile;
  }
  const created = writeKeyFile(file, randomBytes(keyBytes), 'wx');
  return { key: readKeyFile(file), origin: file, file, created, movedFrom };
}

/** The key in a key file, refusing one that other users can read. */
export function readKeyFile(file: string): Buffer {
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new Error(
      `key file ${file} is readable by other users (mode ${mode.toString(8).padStart(4, '0')}); ` +
        `run \`chmod 600 ${file}\` or set STAFFSYNC_SECRET`,
    );
  }
  return parseSecretKey(readFileSync(file, 'utf8'), `key file ${file}`);
}

/**
 * Writes a key file 0600 in a 0700 folder. With flag 'wx' an existing file is kept (false is returned), so two
 * processes starting at once cannot overwrite each other's key. The key is written whole to a file of this process
 * first, then put in place in one step (a hard link, which fails if the file exists, or a rename): a process
 * starting at the same moment reads a whole key or none, never the empty file of one being written.
 */
export function writeKeyFile(file: string, key: Buffer, flag: 'wx' | 'w'): boolean {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const whole = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.partial`;
  writeFileSync(whole, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    chmodSync(whole, 0o600);
    if (flag === 'w') {
      renameSync(whole, file);
      return true;
    }
    try {
      linkSync(whole, file);
      return true;
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'EEXIST') return false;
      throw error;
    }
  } finally {
    rmSync(whole, { force: true });
  }
}

/** The key file a rotation writes before the database is re-encrypted, and renames over the key file after. */
export function nextKeyFile(file: string): string {
  return `${file}.next`;
}

function moveFile(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true, mode: 0o700 });
  try {
    renameSync(from, to);
  } catch (error) {
    // Another file system (data/ on its own volume): copy, then remove the original.
    if (!(error instanceof Error && 'code' in error && error.code === 'EXDEV')) throw error;
    copyFileSync(from, to);
    chmodSync(to, 0o600);
    rmSync(from);
  }
}
