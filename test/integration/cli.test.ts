import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../sandbox/index.ts';
import { connectionEnv } from './support/connection-env.ts';

// The real CLI as `pnpm staffsync ...` runs it (server/scripts/build-cli.mjs builds dist/staffsync.mjs, which node
// runs), spawned against the sandbox with a temp database and only the environment of PRODUCT.md 4.1: no flags are
// needed to sync.
const serverDir = fileURLToPath(new URL('../../server/', import.meta.url));
const builtCli = join(serverDir, 'dist/staffsync.mjs');

let sandbox: Sandbox;
let dir: string;

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: serverDir });
  sandbox = await startSandbox({ seed: 3, employees: 40 });
  dir = mkdtempSync(join(tmpdir(), 'staffsync-cli-'));
}, 60_000);

afterAll(async () => {
  await sandbox?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function environment(overrides: Record<string, string> = {}): Record<string, string> {
  return connectionEnv(sandbox, join(dir, 'staffsync.db'), { INCLUDE_BANK_DETAILS: 'true', ...overrides });
}

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function staffsync(args: string[], env = environment()): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [builtCli, ...args], { cwd: serverDir, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function writes(): number {
  const { byMethod } = sandbox.expensein.control.requests();
  return (byMethod.POST ?? 0) + (byMethod.PATCH ?? 0) + (byMethod.PUT ?? 0) + (byMethod.DELETE ?? 0);
}

describe('pnpm staffsync', () => {
  it('previews with --dry-run and changes nothing in ExpenseIn', async () => {
    const before = sandbox.expensein.control.backend.snapshot();
    sandbox.expensein.control.clearRequests();
    const result = await staffsync(['sync', '--dry-run', '--json']);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ dryRun: true, status: 'partial' });
    // The demo company has employees to create: the preview says so, and writes none of them.
    expect(report.counts.created).toBeGreaterThan(0);
    expect(writes()).toBe(0);
    expect(sandbox.expensein.control.backend.snapshot()).toEqual(before);
  });

  it('syncs with --json: one JSON object on stdout, exit 2 for a partial run; a second run writes nothing', async () => {
    const first = await staffsync(['sync', '--json']);
    expect(first.code).toBe(2);
    const lines = first.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const report = JSON.parse(lines[0] ?? '');
    expect(report).toMatchObject({ status: 'partial', dryRun: false, trigger: 'manual', error: null });
    expect(report.runId).toEqual(expect.any(Number));
    expect(report.counts.created).toBeGreaterThan(0);
    expect(
      Object.keys(report.counts.skipped).length + Object.keys(report.counts.conflicts).length,
    ).toBeGreaterThan(0);
    expect(report.timings).toEqual({
      fetchMs: expect.any(Number),
      planMs: expect.any(Number),
      applyMs: expect.any(Number),
    });

    sandbox.expensein.control.clearRequests();
    const second = await staffsync(['sync', '--json']);
    expect(second.code).toBe(2);
    expect(JSON.parse(second.stdout)).toMatchObject({
      status: 'partial',
      counts: { created: 0, updated: 0, leavers: 0 },
    });
    expect(writes()).toBe(0);
    expect(sandbox.expensein.control.requests().total).toBeGreaterThan(0);
  });

  it('lists runs and shows one run as a table of its outcomes', async () => {
    const runs = await staffsync(['runs']);
    expect(runs.code).toBe(0);
    expect(runs.stdout).toMatch(/^run\s+conn\s+started/m);
    expect(runs.stdout.match(/^\d+\s+\d+\s+\d{4}-/gm)).toHaveLength(3);

    const run = await staffsync(['run', '2']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Run 2: partial');
    expect(run.stdout).toMatch(/R10\s+create\s+applied/);
    expect(run.stdout).toMatch(/R1\s+missing_required_fields\s+skipped/);
  });

  it('refuses a bad INCLUDE_BANK_DETAILS, naming it, before touching anything', async () => {
    sandbox.staffology.control.clearRequests();
    const result = await staffsync(['sync', '--json'], environment({ INCLUDE_BANK_DETAILS: 'yes' }));
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('INCLUDE_BANK_DETAILS');
    expect(sandbox.staffology.control.requests().total).toBe(0);
  });
});
