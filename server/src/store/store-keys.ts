import { randomUUID } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { count, eq } from 'drizzle-orm';
import { expenseinKeyContext, staffologyKeyContext } from './connections-repo.ts';
import { deriveBankHashKey } from './derive-bank-hash-key.ts';
import * as schema from './schema.ts';
import { createSecretBox, type SecretBox } from './secret-box.ts';
import { type LoadedSecretKey, nextKeyFile, readKeyFile } from './secret-key.ts';
import type { StoreDb } from './store-context.ts';

const meta = {
  storeId: 'store_id',
  secretCheck: 'secret_check',
  bankHashKey: 'bank_hash_key',
  keyVersion: 'key_version',
} as const;
const secretCheckContext = 'store_meta.secret_check';
const secretCheckPlaintext = 'staffsync';
const bankHashKeyContext = 'store_meta.bank_hash_key';

/** The key in use: the box every secret goes through, and the bank hash key it unwraps. */
export interface StoreKeys {
  /** Encrypts and decrypts, refusing to once another process has rotated the key. */
  box: SecretBox;
  bankHashKey: Buffer;
  /** Re-encrypts every secret under `newKey` in one transaction (staffsync rotate-key). */
  rekey(newKey: Buffer): void;
}

/** A key that does not open this database: a wrong STAFFSYNC_SECRET or key file, or a lost one. */
export class WrongSecretError extends Error {}

type Transaction = <T>(fn: () => T) => T;

/** This database's own id, kept in the clear: it names the default key file, so a copy finds the same key. */
export function storeIdOf(db: StoreDb): string {
  const row = db.select().from(schema.storeMeta).where(eq(schema.storeMeta.key, meta.storeId)).get();
  if (row) return row.value;
  const id = randomUUID();
  db.insert(schema.storeMeta).values({ key: meta.storeId, value: id }).onConflictDoNothing().run();
  return db.select().from(schema.storeMeta).where(eq(schema.storeMeta.key, meta.storeId)).get()?.value ?? id;
}

/**
 * Proves the key is the one the database was encrypted with (a wrong STAFFSYNC_SECRET or a lost key file is
 * reported at start, not at the first sync), finishing a rotation a crash interrupted: when the key file does not
 * open the database but the rotation's next key does, that one is moved into place. Returns the keys in use.
 */
export function openStoreKeys(db: StoreDb, transaction: Transaction, loaded: LoadedSecretKey): StoreKeys {
  const key = transaction(() => {
    const pending = loaded.file === null ? null : nextKeyFile(loaded.file);
    if (opens(db, loaded.key)) {
      // A rotation that stopped before re-encrypting: its next key was never used.
      if (pending !== null && existsSync(pending)) rmSync(pending);
      return loaded.key;
    }
    if (loaded.file !== null && pending !== null && existsSync(pending)) {
      const next = readKeyFile(pending);
      if (opens(db, next)) {
        renameSync(pending, loaded.file);
        return next;
      }
    }
    if (!hasCheck(db)) return initialise(db, loaded.key, loaded.origin);
    throw new WrongSecretError(
      `the key from ${loaded.origin} is not the key this database was created with: restore the original key file or STAFFSYNC_SECRET`,
    );
  });
  let version = keyVersion(db);
  let box = createSecretBox(key);
  const bankHashKey = unwrapBankHashKey(db, box, key);
  const current = () => {
    if (keyVersion(db) !== version) {
      throw new Error(
        'the encryption key was rotated (staffsync rotate-key) since this process started: restart it',
      );
    }
  };
  return {
    box: {
      encrypt: (plaintext, context) => {
        current();
        return box.encrypt(plaintext, context);
      },
      decrypt: (sealed, context) => {
        current();
        return box.decrypt(sealed, context);
      },
    },
    bankHashKey,
    rekey(newKey) {
      transaction(() => {
        current();
        const next = createSecretBox(newKey);
        for (const row of db.select().from(schema.connections).all()) {
          db.update(schema.connections)
            .set({
              staffologyKeyEnc: next.encrypt(
                box.decrypt(row.staffologyKeyEnc, staffologyKeyContext),
                staffologyKeyContext,
              ),
              expenseinKeyEnc: next.encrypt(
                box.decrypt(row.expenseinKeyEnc, expenseinKeyContext),
                expenseinKeyContext,
              ),
            })
            .where(eq(schema.connections.id, row.id))
            .run();
        }
        setMeta(db, meta.secretCheck, next.encrypt(secretCheckPlaintext, secretCheckContext));
        setMeta(db, meta.bankHashKey, next.encrypt(bankHashKey.toString('hex'), bankHashKeyContext));
        version += 1;
        setMeta(db, meta.keyVersion, String(version));
        box = next;
      });
    },
  };
}

function opens(db: StoreDb, key: Buffer): boolean {
  const row = db.select().from(schema.storeMeta).where(eq(schema.storeMeta.key, meta.secretCheck)).get();
  if (!row) return false;
  try {
    return createSecretBox(key).decrypt(row.value, secretCheckContext) === secretCheckPlaintext;
  } catch {
    return false;
  }
}

function hasCheck(db: StoreDb): boolean {
  return (
    db.select().from(schema.storeMeta).where(eq(schema.storeMeta.key, meta.secretCheck)).get() !== undefined
  );
}

/** A database seen for the first time with a key: it holds no secret yet, so this key becomes its key. */
function initialise(db: StoreDb, key: Buffer, origin: string): Buffer {
  const connectionCount = db.select({ n: count() }).from(schema.connections).get()?.n ?? 0;
  if (connectionCount > 0) {
    throw new WrongSecretError(
      `the database holds encrypted secrets but no key check; cannot verify ${origin}`,
    );
  }
  setMeta(db, meta.secretCheck, createSecretBox(key).encrypt(secretCheckPlaintext, secretCheckContext));
  return key;
}

/**
 * The key bank details are hashed with. Kept wrapped by the encryption key, so a rotation does not change the
 * hashes already stored in the links (which would read as bank details edited in ExpenseIn). Databases from before
 * it was kept derived it from the encryption key: the same derivation gives the same hashes.
 */
function unwrapBankHashKey(db: StoreDb, box: SecretBox, key: Buffer): Buffer {
  const row = db.select().from(schema.storeMeta).where(eq(schema.storeMeta.key, meta.bankHashKey)).get();
  if (row) return Buffer.from(box.decrypt(row.value, bankHashKeyContext), 'hex');
  const derived = deriveBankHashKey(key);
  setMeta(db, meta.bankHashKey, box.encrypt(derived.toString('hex'), bankHashKeyContext));
  return derived;
}

function keyVersion(db: StoreDb): number {
  const row = db.select().from(schema.storeMeta).where(eq(schema.storeMeta.key, meta.keyVersion)).get();
  return row ? Number(row.value) : 0;
}

function setMeta(db: StoreDb, key: string, value: string): void {
  db.insert(schema.storeMeta)
    .values({ key, value })
    .onConflictDoUpdate({ target: schema.storeMeta.key, set: { value } })
    .run();
}
