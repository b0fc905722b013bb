import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@staffsync/server';
import { afterAll, describe, expect, it } from 'vitest';
import { killLeftoverClis, startAllAtOnce } from './support/cli-process.ts';
import { envKeyFile } from './support/connection-env.ts';

// Processes that find no database (a first start, or a cron line fired twice) each create it: the key file and
// the migrations must come out whole and once, whoever gets there first. This races them for real; it has not been
// seen to hit the narrowest interleaving (drizzle's migrator reading what ran just before another process applies
// it, which open-store.ts retries), so that retry is still covered only by the one CI run that met it.

const dir = mkdtempSync(join(tmpdir(), 'staffsync-new-db-'));
afterAll(() => {
  killLeftoverClis();
  rmSync(dir, { recursive: true, force: true });
});

describe('20 CLI processes opening a database that does not exist yet', () => {
  it('all succeed, and the database they made opens with the key file they made', async () => {
    const db = join(dir, 'data', 'staffsync.db');
    // All 20 go at once: the key file and the migrations are raced for, not taken in turn as the OS starts them.
    const env = { PATH: process.env.PATH ?? '', STAFFSYNC_DB: db, STAFFSYNC_KEY_FILE: envKeyFile(db) };
    const processes = await startAllAtOnce(20, ['token', 'list'], env, mkdtempSync(join(dir, 'gate-')));
    const results = await Promise.all(processes.map((process) => process.done));
    expect(results.map((result) => [result.code, result.stderr.slice(0, 300)])).toEqual(
      results.map(() => [0, '']),
    );
    const store = await openStore({ file: db, keyFile: envKeyFile(db) });
    try {
      expect(await store.connections.list()).toEqual([]);
    } finally {
      await store.close();
    }
  }, 120_000);
});
