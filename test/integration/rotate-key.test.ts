import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@staffsync/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../sandbox/index.ts';
import { cliEnvironment, runCli } from './support/cli-process.ts';
import { envKeyFile } from './support/connection-env.ts';

// PRODUCT.md 4.3: `staffsync rotate-key` re-encrypts the stored keys under a new one; the old key opens nothing.

let sandbox: Sandbox;
let dir: string;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 21, employees: 40 });
  dir = mkdtempSync(join(tmpdir(), 'staffsync-rotate-'));
});

afterAll(async () => {
  await sandbox?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('staffsync rotate-key', () => {
  it('leaves the old key file opening nothing, and the next sync works with the new key', async () => {
    const db = join(dir, 'data', 'staffsync.db');
    const env = cliEnvironment(sandbox, db);
    const keyFile = envKeyFile(db);
    const first = await runCli(['sync', '--json'], env);
    expect([0, 2]).toContain(first.code);
    const oldKey = join(dir, 'old.key');
    copyFileSync(keyFile, oldKey);

    const rotated = await runCli(['rotate-key'], env);
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toContain('the old key opens nothing');
    expect(readFileSync(keyFile, 'utf8')).not.toBe(readFileSync(oldKey, 'utf8'));
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);

    await expect(openStore({ file: db, keyFile: oldKey })).rejects.toThrow(
      /not the key this database was created with/,
    );
    const second = await runCli(['sync', '--json'], env);
    expect([0, 2]).toContain(second.code);
    const report = JSON.parse(second.stdout);
    expect(report.status).not.toBe('failed');
    expect(report.counts.employees).toBeGreaterThan(30);
  });
});
