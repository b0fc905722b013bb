import { randomUUID } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { expenseinKeyContext, staffologyKeyContext } from './connections-repo.ts';
import { deriveBankHashKey } from './derive-bank-hash-key.ts';
import { createSecretBox, type SecretBox } from './secret-box.ts';
import { type LoadedSecretKey, loadSecretKey, nextKeyFile, readKeyFile } from './secret-key.ts';
import { type StoreContext, type StoreDb, type StoreTables, StoreUnavailableError } from './store-context.ts';

const meta = {
  storeId: 'store_id',
  secretCheck: 'secret_check',
  bankHashKey: 'bank_hash_key',
  keyVersion: 'key_version',
} as const;
const secretCheckContext = 'store_meta.secret_check';
const secretCheckPlaintext = 'staffsync';
const bankHashKeyContext = 'store_meta.bank_hash_key';

/** The box every secret goes through, refusing to once another process has rotated the key. */
export interface StoreBox {
  encrypt(plaintext: string, context: string): Promise<string>;
  decrypt(sealed: string, context: string): Promise<string>;
}

/** The key in use: the box every secret goes through, and the bank hash key it unwraps. */
export interface StoreKeys {
  box: StoreBox;
  bankHashKey: Buffer;
  /** Re-encrypts every secret under `newKey` in one transaction (staffsync rotate-key). */
  rekey(newKey: Buffer): Promise<void>;
}

/** A key that does not open this database: a wrong STAFFSYNC_SECRET or key file, or a lost one. */
/** The key given is not the one the database's secrets were encrypted with. */
export class WrongSecretError extends StoreUnavailableError {}

/** The store's database before its keys are known. */
type KeyContext = Pick<StoreContext, 'db' | 'tables' | 'transaction'>;

/** This database's own id, kept in the clear: it names the default key file, so a copy finds the same key. */
export async function storeIdOf(ctx: KeyContext): Promise<string> {
  const { db, tables: t } = ctx;
  const existing = await getMeta(db, t, meta.storeId);
  if (existing !== null) return existing;
  await db.insert(t.storeMeta).values({ key: meta.storeId, value: randomUUID() }).onConflictDoNothing();
  const id = await getMeta(db, t, meta.storeId);
  if (id === null) throw new Error('could not record the store id');
  return id;
}

/**
 * The store's keys, for either database: the key from STAFFSYNC_SECRET or its file (by default
 * `<keyDir>/<database id>.key`), checked against the database. A key file generated here for a database it cannot
 * open is removed again: it would only mislead the next start.
 */
export async function openKeysOf(
  ctx: KeyContext,
  source: { secret?: string | undefined; keyFile?: string | undefined; keyDir?: string | undefined },
  legacyFile: string | null,
): Promise<{ loaded: LoadedSecretKey; keys: StoreKeys }> {
  const defaultKeyFile = source.keyDir
    ? join(source.keyDir, `${await ctx.transaction(() => storeIdOf(ctx))}.key`)
    : null;
  const loaded = loadSecretKey({ secret: source.secret, file: source.keyFile ?? defaultKeyFile, legacyFile });
  try {
    return { loaded, keys: await openStoreKeys(ctx, loaded) };
  } catch (error) {
    if (loaded.created && loaded.file !== null && error instanceof WrongSecretError) {
      rmSync(loaded.file, { force: true });
    }
    throw error;
  }
}

/**
 * Proves the key is the one the database was encrypted with (a wrong STAFFSYNC_SECRET or a lost key file is
 * reported at start, not at the first sync), finishing a rotation a crash interrupted: when the key file does not
 * open the database but the rotation's next key does, that one is moved into place. Returns the keys in use.
 */
export async function openStoreKeys(ctx: KeyContext, loaded: LoadedSecretKey): Promise<StoreKeys> {
  const { tables: t, transaction } = ctx;
  // Read at each use: inside a transaction the database is the transaction's.
  const db = () => ctx.db;
  const key = await transaction(async () => {
    const pending = loaded.file === null ? null : nextKeyFile(loaded.file);
    if (await opens(db(), t, loaded.key)) {
      // A rotation that stopped before re-encrypting: its next key was never used.
      if (pending !== null && existsSync(pending)) rmSync(pending);
      return loaded.key;
    }
    if (loaded.file !== null && pending !== null && existsSync(pending)) {
      const next = readKeyFile(pending);
      if (await opens(db(), t, next)) {
        renameSync(pending, loaded.file);
        return next;
      }
    }
    if (!(await hasCheck(db(), t))) return initialise(db(), t, loaded.key, loaded.origin);
    throw new WrongSecretError(
      `the key from ${loaded.origin} is not the key this database was created with: restore the original key file or STAFFSYNC_SECRET`,
    );
  });
  let version = await keyVersion(db(), t);
  let box = createSecretBox(key);
  const bankHashKey = await transaction(() => unwrapBankHashKey(db(), t, box, key));
  const current = async () => {
    if ((await keyVersion(db(), t)) !== version) {
      throw new Error(
        'the encryption key was rotated (staffsync rotate-key) since this process started: restart it',
      );
    }
  };
  return {
    box: {
      encrypt: async (plaintext, context) => {
        await current();
        return box.encrypt(plaintext, context);
      },
      decrypt: async (sealed, context) => {
        await current();
        return box.decrypt(sealed, context);
      },
    },
    bankHashKey,
    async rekey(newKey) {
      await transaction(async () => {
        await current();
        const next = createSecretBox(newKey);
        for (const row of await db().select().from(t.connections)) {
          await db()
            .update(t.connections)
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
            .where(eq(t.connections.id, row.id));
        }
        await setMeta(db(), t, meta.secretCheck, next.encrypt(secretCheckPlaintext, secretCheckContext));
        await setMeta(
          db(),
          t,
          meta.bankHashKey,
          next.encrypt(bankHashKey.toString('hex'), bankHashKeyContext),
        );
        await setMeta(db(), t, meta.keyVersion, String(version + 1));
        version += 1;
        box = next;
      });
    },
  };
}

async function getMeta(db: StoreDb, t: StoreTables, key: string): Promise<string | null> {
  const [row] = await db.select().from(t.storeMeta).where(eq(t.storeMeta.key, key));
  return row?.value ?? null;
}

async function opens(db: StoreDb, t: StoreTables, key: Buffer): Promise<boolean> {
  const check = await getMeta(db, t, meta.secretCheck);
  if (check === null) return false;
  try {
    return createSecretBox(key).decrypt(check, secretCheckContext) === secretCheckPlaintext;
  } catch {
    return false;
  }
}

async function hasCheck(db: StoreDb, t: StoreTables): Promise<boolean> {
  return (await getMeta(db, t, meta.secretCheck)) !== null;
}

/** A database seen for the first time with a key: it holds no secret yet, so this key becomes its key. */
async function initialise(db: StoreDb, t: StoreTables, key: Buffer, origin: string): Promise<Buffer> {
  const [counted] = await db.select({ n: count() }).from(t.connections);
  if ((counted?.n ?? 0) > 0) {
    throw new WrongSecretError(
      `the database holds encrypted secrets but no key check; cannot verify ${origin}`,
    );
  }
  await setMeta(
    db,
    t,
    meta.secretCheck,
    createSecretBox(key).encrypt(secretCheckPlaintext, secretCheckContext),
  );
  return key;
}

/**
 * The key bank details are hashed with. Kept wrapped by the encryption key, so a rotation does not change the
 * hashes already stored in the links (which would read as bank details edited in ExpenseIn). Databases from before
 * it was kept derived it from the encryption key: the same derivation gives the same hashes.
 */
async function unwrapBankHashKey(db: StoreDb, t: StoreTables, box: SecretBox, key: Buffer): Promise<Buffer> {
  const wrapped = await getMeta(db, t, meta.bankHashKey);
  if (wrapped !== null) return Buffer.from(box.decrypt(wrapped, bankHashKeyContext), 'hex');
  const derived = deriveBankHashKey(key);
  await setMeta(db, t, meta.bankHashKey, box.encrypt(derived.toString('hex'), bankHashKeyContext));
  return derived;
}

async function keyVersion(db: StoreDb, t: StoreTables): Promise<number> {
  const version = await getMeta(db, t, meta.keyVersion);
  return version === null ? 0 : Number(version);
}

async function setMeta(db: StoreDb, t: StoreTables, key: string, value: string): Promise<void> {
  await db
    .insert(t.storeMeta)
    .values({ key, value })
    .onConflictDoUpdate({ target: t.storeMeta.key, set: { value } });
}
