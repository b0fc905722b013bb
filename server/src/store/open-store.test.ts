import {
  chmodSync,
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from './open-store.ts';
import { openTempStore, type TempStore, testConnection, testSecret } from './open-temp-store.ts';

const migrationFiles = readdirSync(new URL('../../drizzle', import.meta.url)).filter((f) =>
  f.endsWith('.sql'),
);

let temp: TempStore | undefined;
afterEach(async () => {
  await temp?.cleanup();
  temp = undefined;
});

describe('openStore', () => {
  it('applies the migrations to a fresh file, and re-opening applies nothing again', async () => {
    temp = await openTempStore();
    const { id } = await temp.store.connections.create(testConnection());
    await temp.reopen();
    await temp.store.close();

    const sqlite = new Database(temp.file, { readonly: true });
    const applied = sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number };
    expect(applied.n).toBe(migrationFiles.length);
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    sqlite.close();

    const store = await temp.reopen();
    expect((await store.connections.get(id))?.name).toBe('Acme');
  });

  it('turns foreign keys on', async () => {
    temp = await openTempStore();
    await expect(
      temp.store.runs.start({ connectionId: 999, trigger: 'manual', dryRun: false }),
    ).rejects.toThrow(/FOREIGN KEY/);
  });

  it('encrypts vendor keys: they decrypt after re-opening and never appear in the database file', async () => {
    temp = await openTempStore();
    const input = testConnection();
    const { id } = await temp.store.connections.create(input);
    expect(await temp.store.connections.credentials(id)).toEqual({
      staffologyApiKey: input.staffology.apiKey,
      expenseinApiKey: input.expensein.apiKey,
    });
    const store = await temp.reopen();
    expect((await store.connections.credentials(id)).expenseinApiKey).toBe(input.expensein.apiKey);
    await store.close();

    const bytes = await temp.storedBytes();
    expect(bytes.includes(Buffer.from('Acme'))).toBe(true); // the search itself works on this file
    expect(bytes.includes(Buffer.from(input.staffology.apiKey))).toBe(false);
    expect(bytes.includes(Buffer.from(input.expensein.apiKey))).toBe(false);
    expect(bytes.includes(Buffer.from(testSecret))).toBe(false);
  });

  it('refuses a different key for an existing database, naming where the key came from', async () => {
    temp = await openTempStore();
    await temp.store.connections.create(testConnection());
    await expect(temp.reopen({ secret: 'ff'.repeat(32) })).rejects.toThrow(
      /STAFFSYNC_SECRET is not the key this database was created with/,
    );
  });

  it('names STAFFSYNC_SECRET when it has the wrong length', async () => {
    temp = await openTempStore();
    await temp.store.close();
    await expect(openStore({ file: temp?.file ?? '', secret: 'abcd' })).rejects.toThrow(
      /STAFFSYNC_SECRET must be 32 bytes/,
    );
    await expect(
      openStore({ file: temp?.file ?? '', secret: Buffer.alloc(16).toString('base64') }),
    ).rejects.toThrow(/STAFFSYNC_SECRET must be 32 bytes.*decodes to 16 bytes/);
  });

  it('needs an explicit key for an in-memory database', async () => {
    await expect(openStore({ file: ':memory:' })).rejects.toThrow(/STAFFSYNC_SECRET/);
    const store = await openStore({ file: ':memory:', secret: testSecret });
    expect(await store.connections.list()).toEqual([]);
    await store.close();
  });
});

describe('file modes (PRODUCT.md 4.3)', () => {
  it('creates the database folder 0700, and the database, its WAL and shared memory 0600', async () => {
    temp = await openTempStore();
    await temp.store.close();
    const nested = join(temp.dir, 'data', 'sub', 'staffsync.db');
    const store = await openStore({ file: nested, secret: testSecret });
    await store.connections.create(testConnection());
    const modes = Object.fromEntries(
      [nested, `${nested}-wal`, `${nested}-shm`, join(temp.dir, 'data', 'sub'), join(temp.dir, 'data')].map(
        (path) => [path.slice(temp?.dir.length ?? 0), (statSync(path).mode & 0o777).toString(8)],
      ),
    );
    await store.close();
    expect(modes).toEqual({
      '/data/sub/staffsync.db': '600',
      '/data/sub/staffsync.db-wal': '600',
      '/data/sub/staffsync.db-shm': '600',
      '/data/sub': '700',
      '/data': '700',
    });
  });

  it('tightens an existing database file to 0600, and notes a folder others can read without changing it', async () => {
    temp = await openTempStore();
    await temp.store.close();
    const folder = dirname(temp.file);
    chmodSync(temp.file, 0o644);
    chmodSync(folder, 0o755);
    const store = await temp.reopen();
    expect(statSync(temp.file).mode & 0o777).toBe(0o600);
    expect(statSync(folder).mode & 0o777).toBe(0o755);
    expect(store.notices.join('\n')).toContain(`chmod 700 ${folder}`);
  });
});

describe('the key file', () => {
  it('is created apart from the database, 0600 in a 0700 folder, named by the database id, and reused', async () => {
    const t = await openTempStore({ secret: undefined });
    temp = t;
    const keyFile = t.store.keyFile ?? '';
    expect(dirname(keyFile)).toBe(join(t.dir, 'keys'));
    expect(keyFile).toMatch(/[0-9a-f-]{36}\.key$/);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(keyFile)).mode & 0o777).toBe(0o700);
    expect(readdirSync(dirname(t.file)).filter((name) => name.endsWith('.key'))).toEqual([]);
    const { id } = await t.store.connections.create(testConnection());
    const key = readFileSync(keyFile, 'utf8');
    const store = await t.reopen();
    expect(store.keyFile).toBe(keyFile);
    expect(readFileSync(keyFile, 'utf8')).toBe(key);
    expect((await store.connections.credentials(id)).staffologyApiKey).toBe('staffology-key-7f3a9c');
  });

  it('is the one STAFFSYNC_KEY_FILE names, when it does', async () => {
    const t = await openTempStore({ secret: undefined });
    temp = t;
    const named = join(t.dir, 'elsewhere', 'my.key');
    const file = join(t.dir, 'other', 'staffsync.db');
    const store = await openStore({ file, keyFile: named });
    try {
      expect(store.keyFile).toBe(named);
      expect(statSync(named).mode & 0o777).toBe(0o600);
      expect(existsSync(join(t.dir, 'keys'))).toBe(true);
      expect(readdirSync(join(t.dir, 'keys'))).toHaveLength(1);
    } finally {
      store.close();
    }
  });

  it('is moved out of the database folder when an earlier version left it there', async () => {
    const t = await openTempStore({ secret: undefined });
    temp = t;
    const { id } = await t.store.connections.create(testConnection());
    const keyFile = t.store.keyFile ?? '';
    await t.store.close();
    renameSync(keyFile, `${t.file}.key`);
    const store = await t.reopen();
    expect(existsSync(`${t.file}.key`)).toBe(false);
    expect(existsSync(keyFile)).toBe(true);
    expect(store.notices.join('\n')).toContain(`moved the key file ${t.file}.key`);
    expect((await store.connections.credentials(id)).expenseinApiKey).toBe('expensein-key-b81e44');
  });

  it('is refused when other users can read it', async () => {
    const t = await openTempStore({ secret: undefined });
    temp = t;
    const keyFile = t.store.keyFile ?? '';
    await t.store.close();
    chmodSync(keyFile, 0o644);
    await expect(t.reopen()).rejects.toThrow(
      new RegExp(`key file ${keyFile} is readable by other users \\(mode 0644\\); run \`chmod 600`),
    );
  });

  it('is not silently replaced when lost: the database refuses a new key and the new file is removed', async () => {
    const t = await openTempStore({ secret: undefined });
    temp = t;
    await t.store.connections.create(testConnection());
    const keyFile = t.store.keyFile ?? '';
    await t.store.close();
    rmSync(keyFile);
    await expect(t.reopen()).rejects.toThrow(/is not the key this database was created with/);
    expect(existsSync(keyFile)).toBe(false);
  });
});

describe('rekey (staffsync rotate-key)', () => {
  it('re-encrypts every secret: the old key opens nothing, the new one everything, bank hashes unchanged', async () => {
    const t = await openTempStore();
    temp = t;
    const { id } = await t.store.connections.create(testConnection());
    const bankHashKey = Buffer.from(t.store.bankHashKey);
    const newKey = Buffer.alloc(32, 7);
    await t.store.rekey(newKey);
    expect((await t.store.connections.credentials(id)).staffologyApiKey).toBe('staffology-key-7f3a9c');
    await t.store.close();
    await expect(openStore({ file: t.file, secret: testSecret })).rejects.toThrow(
      /not the key this database was created with/,
    );
    const store = await t.reopen({ secret: newKey.toString('hex') });
    expect((await store.connections.credentials(id)).expenseinApiKey).toBe('expensein-key-b81e44');
    expect(store.bankHashKey.equals(bankHashKey)).toBe(true);
  });

  it('makes another process that still holds the old key refuse to encrypt or decrypt, rather than mix keys', async () => {
    const t = await openTempStore();
    temp = t;
    const { id } = await t.store.connections.create(testConnection());
    const other = await openStore({ file: t.file, secret: testSecret, now: t.clock.now });
    try {
      await t.store.rekey(Buffer.alloc(32, 9));
      await expect(other.connections.credentials(id)).rejects.toThrow(/rotated.*restart/);
      await expect(other.connections.create(testConnection({ name: 'B' }))).rejects.toThrow(
        /rotated.*restart/,
      );
    } finally {
      await other.close();
    }
  });

  it('finishes a rotation a crash interrupted after the database was re-encrypted', async () => {
    const t = await openTempStore({ secret: undefined });
    temp = t;
    const { id } = await t.store.connections.create(testConnection());
    const keyFile = t.store.keyFile ?? '';
    const newKey = Buffer.alloc(32, 3);
    writeFileSync(`${keyFile}.next`, newKey.toString('hex'), { mode: 0o600 });
    await t.store.rekey(newKey);
    await t.store.close();
    const store = await t.reopen();
    expect((await store.connections.credentials(id)).staffologyApiKey).toBe('staffology-key-7f3a9c');
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(newKey.toString('hex'));
    expect(existsSync(`${keyFile}.next`)).toBe(false);
  });
});
