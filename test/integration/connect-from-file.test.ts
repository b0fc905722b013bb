import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@staffsync/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../sandbox/index.ts';
import { cliEnvironment, runCli } from './support/cli-process.ts';

// README "Running for many accounts": `staffsync connect --from-file` adds connections in bulk from a JSON list,
// keys in the file and never on the command line; a bad entry is named, and no key is ever printed.
let sandbox: Sandbox;
let dir: string;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 31, companies: 3, employees: 6, scenarios: false });
  dir = mkdtempSync(join(tmpdir(), 'staffsync-from-file-'));
});
afterAll(async () => {
  await sandbox?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function env(db: string): Record<string, string> {
  // No connection declared by the environment: the file is the only source.
  const { STAFFSYNC_DB, STAFFSYNC_KEY_FILE, STAFFSYNC_ALLOWED_HOSTS } = cliEnvironment(sandbox, db);
  return { STAFFSYNC_DB, STAFFSYNC_KEY_FILE, STAFFSYNC_ALLOWED_HOSTS } as Record<string, string>;
}

function entry(index: number, overrides: Record<string, unknown> = {}) {
  const company = sandbox.companies[index];
  if (!company) throw new Error(`no company ${index}`);
  return {
    name: `Company ${index + 1}`,
    staffology: { baseUrl: sandbox.staffology.baseUrl, ...company.staffology },
    expensein: { baseUrl: sandbox.expensein.baseUrl, apiKey: company.expensein.apiKey },
    ...overrides,
  };
}

const allKeys = () => sandbox.companies.flatMap((c) => [c.staffology.apiKey, c.expensein.apiKey]);

describe('staffsync connect --from-file', () => {
  it('connects every entry, names the one a vendor refuses, and prints no key', async () => {
    const db = join(dir, 'bulk.db');
    const file = join(dir, 'connections.json');
    const refused = entry(2, {
      name: 'Wrong key',
      expensein: { baseUrl: sandbox.expensein.baseUrl, apiKey: 'nope-1234' },
    });
    // A base URL written with a trailing slash is the same address: stored without it.
    const slashed = entry(1, {
      staffology: { ...entry(1).staffology, baseUrl: `${sandbox.staffology.baseUrl}/` },
    });
    writeFileSync(file, JSON.stringify([entry(0), slashed, refused]), { mode: 0o600 });
    const result = await runCli(['connect', '--from-file', file], env(db));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Connected 2 of 3');
    expect(result.stderr).toMatch(/entry 1 \("Company 1"\): connected 1/);
    expect(result.stderr).toMatch(/entry 3 \("Wrong key"\): .*ExpenseIn/);
    for (const key of [...allKeys(), 'nope-1234']) {
      expect(result.stdout + result.stderr).not.toContain(key);
    }
    const listed = await runCli(['connections'], env(db));
    expect(listed.stdout).toContain('Company 1');
    expect(listed.stdout).toContain('Company 2');
    expect(listed.stdout).not.toContain('Wrong key');
    const store = await openStore({ file: db, keyFile: env(db).STAFFSYNC_KEY_FILE });
    try {
      const stored = await store.connections.list();
      expect(stored.map((connection) => connection.staffology.baseUrl)).toEqual([
        sandbox.staffology.baseUrl,
        sandbox.staffology.baseUrl,
      ]);
    } finally {
      await store.close();
    }
  });

  it('refuses a file with a bad entry before connecting anything, naming the entry and the field', async () => {
    const db = join(dir, 'invalid.db');
    const file = join(dir, 'invalid.json');
    const { apiKey: _dropped, ...noKey } = entry(1).staffology;
    writeFileSync(file, JSON.stringify([entry(0), { ...entry(1), staffology: noKey }]), { mode: 0o600 });
    const result = await runCli(['connect', '--from-file', file], env(db));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('nothing was connected');
    expect(result.stderr).toContain('entry 2 ("Company 2"): staffology.apiKey');
    for (const key of allKeys()) expect(result.stderr).not.toContain(key);
    const listed = await runCli(['connections'], env(db));
    expect(listed.stdout).not.toContain('Company 1');
  });
});
