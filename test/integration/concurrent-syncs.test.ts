import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFreshAccount } from '../bench/fresh-account.ts';
import { type Sandbox, startSandbox } from '../sandbox/index.ts';
import { cliEnvironment, killLeftoverClis, startAllAtOnce } from './support/cli-process.ts';
import { sharedIdentities } from './support/compare-users.ts';

// Issue "Converge in one run", item 1 (PRODUCT.md 4.2): any number of CLI processes asking at once get one run,
// its id and its final status; none fails, slows or splits it, and none sees "database is locked".

let sandbox: Sandbox;
let dir: string;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 41, employees: 200, scenarios: false });
  expect(makeFreshAccount(sandbox)).toBeGreaterThan(150);
  dir = mkdtempSync(join(tmpdir(), 'staffsync-concurrent-'));
}, 60_000);

afterAll(async () => {
  killLeftoverClis();
  await sandbox?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('20 `staffsync sync --json` processes started at once on one database', () => {
  it('make one run: every process prints its id and final status, and every starter is created once', async () => {
    const db = join(dir, 'data', 'staffsync.db');
    // Latency makes the run long enough for every process to arrive while it is under way, or after it ended.
    sandbox.expensein.control.setFaults({ routes: { 'POST /1.0/users': { latencyMs: 15 } } });
    const env = cliEnvironment(sandbox, db);
    // "At once" made exact: all 20 wait at a gate until every one has started (so has taken the time it asked at),
    // then go together on a database none has made yet. Without the gate, on 2 loaded cores the OS sometimes ran a
    // process only after the run had begun and ended, and that process rightly got a run of its own.
    const processes = await startAllAtOnce(20, ['sync', '--json'], env, mkdtempSync(join(dir, 'gate-')));
    const results = await Promise.all(processes.map((process) => process.done));
    sandbox.expensein.control.setFaults({});

    const empty = results.filter((result) => result.stdout.trim() === '');
    expect(empty.map((result) => result.stderr.slice(0, 500))).toEqual([]);
    const reports = results.map((result) => JSON.parse(result.stdout) as { runId: number; status: string });
    const runIds = new Set(reports.map((report) => report.runId));
    expect(runIds.size).toBe(1);
    expect(new Set(reports.map((report) => report.status))).toEqual(new Set(['succeeded']));
    expect(results.map((result) => result.code)).toEqual(results.map(() => 0));
    for (const result of results) expect(result.stderr).not.toMatch(/database is locked|SQLITE_BUSY/);

    const users = sandbox.expensein.control.backend.snapshot().users;
    const employees = sandbox.company.staffology.employees[sandbox.staffology.employerId] ?? [];
    const current = employees.filter((employee) => employee.status === 'Current');
    for (const employee of current) {
      expect(users.filter((user) => user.reference === employee.employmentDetails.payrollCode)).toHaveLength(
        1,
      );
    }
    expect(sharedIdentities(users)).toEqual([]);
    const posts = sandbox.expensein.control.requests().byMethod.POST ?? 0;
    expect(posts).toBe(current.length);
  }, 180_000);
});
