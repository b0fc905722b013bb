import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../store/index.ts';
import { testConnection, testSecret } from '../store/open-temp-store.ts';
import { runCliInProcess } from './run-cli-in-process.ts';

let dir: string;
let db: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'staffsync-keys-'));
  db = join(dir, 'staffsync.db');
  const store = await openStore({ file: db, secret: testSecret });
  await store.connections.create(testConnection());
  store.close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('staffsync rotate-key with STAFFSYNC_SECRET', () => {
  it('re-encrypts under the secret read from stdin; the old secret opens nothing', async () => {
    const next = 'ab'.repeat(32);
    const run = await runCliInProcess(
      ['rotate-key'],
      { STAFFSYNC_DB: db, STAFFSYNC_SECRET: testSecret },
      `${next}\n`,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Set STAFFSYNC_SECRET');
    expect(run.stdout + run.stderr).not.toContain(next);
    await expect(openStore({ file: db, secret: testSecret })).rejects.toThrow(/not the key/);
    const store = await openStore({ file: db, secret: next });
    expect((await store.connections.credentials(1)).staffologyApiKey).toBe('staffology-key-7f3a9c');
    store.close();
  });

  it('refuses a new secret that is not a key, or is the one in use, changing nothing', async () => {
    for (const input of ['short\n', `${testSecret}\n`, '']) {
      const run = await runCliInProcess(
        ['rotate-key'],
        { STAFFSYNC_DB: db, STAFFSYNC_SECRET: testSecret },
        input,
      );
      expect(run.code, input).not.toBe(0);
    }
    const store = await openStore({ file: db, secret: testSecret });
    expect((await store.connections.credentials(1)).expenseinApiKey).toBe('expensein-key-b81e44');
    store.close();
  });
});
