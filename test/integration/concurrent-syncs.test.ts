import { mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@staffsync/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFreshAccount } from '../bench/fresh-account.ts';
import { type Sandbox, startSandbox } from '../sandbox/index.ts';
import { cliEnvironment, killLeftoverClis, startCli, waitUntil } from './support/cli-process.ts';
import { sharedIdentities } from './support/compare-users.ts';
import { envKeyFile } from './support/connection-env.ts';

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
    // "At once" made exact: the database is held busy until every process has opened it (so has taken the time it
    // asked at), so none can begin a run before another has asked. Without it, on 2 loaded cores the OS sometimes
    // ran a process only after the run had begun and ended, and that process rightly got a run of its own.
    const gate = await openStore({ file: db, keyFile: envKeyFile(db) });
    let processes: ReturnType<typeof startCli>[] = [];
    await gate.transaction(async () => {
      processes = Array.from({ length: 20 }, () => startCli(['sync', '--json'], env));
      await waitUntil(
        () => processes.every((process) => hasOpened(process.child.pid, db)),
        'the 20 processes to open the database',
        60_000,
        20,
      );
    });
    await gate.close();
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

/**
 * The process has opened the database: its node has started, so its "asked at" time (performance.timeOrigin) is
 * taken. A process merely exec'd may not have run a line yet on loaded cores, and would ask after the run began.
 */
function hasOpened(pid: number | undefined, file: string): boolean {
  if (pid === undefined) return false;
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`) === file;
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}
