import { chmodSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from './open-store.ts';
import { openTempStore, type TempStore, testConnection, testSecret } from './open-temp-store.ts';

const migrationFiles = readdirSync(new URL('../../drizzle', import.meta.url)).filter((f) =>
  f.endsWith('.sql'),
);

function rawBytes(file: string): Buffer {
  // After close, WAL content is checkpointed into the main file; read the side files too in case one is left.
  return Buffer.concat(
    [file, `${file}-wal`, `${file}-journal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)),
  );
}

let temp: TempStore | undefined;
afterEach(() => {
  temp?.cleanup();
  temp = undefined;
});

describe('openStore', () => {
  it('applies the migrations to a fresh file, and re-opening applies nothing again', () => {
    temp = openTempStore();
    const { id } = temp.store.connections.create(testConnection());
    temp.reopen();
    temp.store.close();

    const sqlite = new Database(temp.file, { readonly: true });
    const applied = sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number };
    expect(applied.n).toBe(migrationFiles.length);
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    sqlite.close();

    const store = temp.reopen();
    expect(store.connections.get(id)?.name).toBe('Acme');
  });

  it('turns foreign keys on', () => {
    temp = openTempStore();
    expect(() => temp?.store.runs.start({ connectionId: 999, trigger: 'manual', dryRun: false })).toThrow(
      /FOREIGN KEY/,
    );
  });

  it('encrypts vendor keys: they decrypt after re-opening and never appear in the database file', () => {
    temp = openTempStore();
    const input = testConnection();
    const { id } = temp.store.connections.create(input);
    expect(temp.store.connections.credentials(id)).toEqual({
      staffologyApiKey: input.staffology.apiKey,
      expenseinApiKey: input.expensein.apiKey,
    });
    const store = temp.reopen();
    expect(store.connections.credentials(id).expenseinApiKey).toBe(input.expensein.apiKey);
    store.close();

    const bytes = rawBytes(temp.file);
    expect(bytes.includes(Buffer.from('Acme'))).toBe(true); // the search itself works on this file
    expect(bytes.includes(Buffer.from(input.staffology.apiKey))).toBe(false);
    expect(bytes.includes(Buffer.from(input.expensein.apiKey))).toBe(false);
    expect(bytes.includes(Buffer.from(testSecret))).toBe(false);
  });

  it('refuses a different key for an existing database, naming where the key came from', () => {
    temp = openTempStore();
    temp.store.connections.create(testConnection());
    expect(() => temp?.reopen({ secret: 'ff'.repeat(32) })).toThrow(
      /STAFFSYNC_SECRET is not the key this database was created with/,
    );
  });

  it('names STAFFSYNC_SECRET when it has the wrong length', () => {
    temp = openTempStore();
    temp.store.close();
    expect(() => openStore({ file: temp?.file ?? '', secret: 'abcd' })).toThrow(
      /STAFFSYNC_SECRET must be 32 bytes/,
    );
    expect(() => openStore({ file: temp?.file ?? '', secret: Buffer.alloc(16).toString('base64') })).toThrow(
      /STAFFSYNC_SECRET must be 32 bytes.*decodes to 16 bytes/,
    );
  });

  it('needs an explicit key for an in-memory database', () => {
    expect(() => openStore({ file: ':memory:' })).toThrow(/STAFFSYNC_SECRET/);
    const store = openStore({ file: ':memory:', secret: testSecret });
    expect(store.connections.list()).toEqual([]);
    store.close();
  });
});

describe('the key file', () => {
  it('is created beside the database with mode 0600 and reused on the next open', () => {
    temp = openTempStore({ secret: undefined });
    const keyFile = `${temp.file}.key`;
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const { id } = temp.store.connections.create(testConnection());
    const key = readFileSync(keyFile, 'utf8');

    const store = temp.reopen();
    expect(readFileSync(keyFile, 'utf8')).toBe(key);
    expect(store.connections.credentials(id).staffologyApiKey).toBe('staffology-key-7f3a9c');
  });

  it('is refused when other users can read it', () => {
    temp = openTempStore({ secret: undefined });
    temp.store.close();
    const keyFile = `${temp.file}.key`;
    chmodSync(keyFile, 0o644);
    expect(() => openStore({ file: temp?.file ?? '' })).toThrow(
      new RegExp(`key file ${keyFile} is readable by other users \\(mode 0644\\); run \`chmod 600`),
    );
  });

  it('is not silently replaced when lost: the database refuses the new key and the new file is removed', () => {
    temp = openTempStore({ secret: undefined });
    temp.store.connections.create(testConnection());
    temp.store.close();
    const keyFile = `${temp.file}.key`;
    const original = readFileSync(keyFile, 'utf8');
    // The loss: a copy of the database where no key file sits beside it.
    const moved = join(temp.dir, 'moved.db');
    const sqlite = new Database(temp.file);
    sqlite.exec(`VACUUM INTO '${moved}'`);
    sqlite.close();

    expect(() => openStore({ file: moved })).toThrow(/is not the key this database was created with/);
    expect(existsSync(`${moved}.key`)).toBe(false);
    expect(readFileSync(keyFile, 'utf8')).toBe(original);
  });
});
