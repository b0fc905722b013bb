import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@staffsync/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExpenseInUserRecord } from '../sandbox/expensein/types.ts';
import { type Sandbox, startSandbox } from '../sandbox/index.ts';
import { cliEnvironment, killLeftoverClis, runCli, startCli, waitUntil } from './support/cli-process.ts';
import { sharedIdentities, usersIgnoringIds } from './support/compare-users.ts';
import { envKeyFile } from './support/connection-env.ts';
import { type CraftedCompany, type EmployeeSpec, loadCompany, userFor } from './support/crafted-company.ts';
import { expenseInWrites } from './support/sync-harness.ts';

// Issue "Converge in one run": kill -9 at 20 points spread over one run (creates, updates, leaver PATCHes), then
// one more run: the same end state as an uninterrupted run, no duplicate, and every leave date the sync set still
// owned by the sync (PRODUCT.md 2, R14), so a later reinstatement in HR clears it.

const spec = (
  prefix: string,
  start: number,
  count: number,
  extra: Partial<EmployeeSpec> = {},
): EmployeeSpec[] =>
  Array.from({ length: count }, (_, index) => ({
    number: String(start + index),
    firstName: `${prefix}${String.fromCharCode(65 + (index % 26))}${Math.floor(index / 26)}`,
    lastName: 'Person',
    ...extra,
  }));
const starters = spec('Starter', 3001, 24);
const renamed = spec('Renamed', 3101, 18);
const leavers = spec('Leaver', 3201, 18, { status: 'Former', hasLeft: true, leaveDate: '2026-10-31' });
const company: CraftedCompany = {
  employees: [...starters, ...renamed, ...leavers],
  users: [
    ...renamed.map((employee, index) => userFor(10 + index, employee, { lastName: 'Before' })),
    ...leavers.map((employee, index) => userFor(40 + index, employee, { leaveDate: null })),
  ],
};

let reference: Sandbox;
let crashed: Sandbox;
let dir: string;
let expected: ExpenseInUserRecord[];
const kills = 20;

beforeAll(async () => {
  [reference, crashed] = await Promise.all([
    startSandbox({ seed: 71, employees: 4, scenarios: false }),
    startSandbox({ seed: 71, employees: 4, scenarios: false }),
  ]);
  dir = mkdtempSync(join(tmpdir(), 'staffsync-kills-'));
  loadCompany(reference, company);
  loadCompany(crashed, company);
  // The leaver guard would hold 18 of 36 linked users: this test is about kills, not R17.
  const env = { LEAVER_GUARD_PERCENT: '100' };
  const uninterrupted = await runCli(
    ['sync', '--json'],
    cliEnvironment(reference, join(dir, 'reference.db'), env),
  );
  expect(JSON.parse(uninterrupted.stdout)).toMatchObject({
    status: 'succeeded',
    counts: { created: 24, updated: 18, leavers: 18 },
  });
  expected = reference.expensein.control.backend.snapshot().users;
}, 120_000);

afterAll(async () => {
  killLeftoverClis();
  await Promise.all([reference?.stop(), crashed?.stop()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('kill -9 at 20 points of one run', () => {
  it('ends, after one more run, where an uninterrupted run ends: no duplicate, leave dates still the sync’s', async () => {
    const db = join(dir, 'killed.db');
    // One write at a time, each slow enough that a kill lands with it on its way (sent but not answered, or answered
    // but not recorded), the worst windows, and close to each of the 20 points.
    const env = cliEnvironment(crashed, db, { LEAVER_GUARD_PERCENT: '100', EXPENSEIN_CONCURRENCY: '1' });
    const total = 24 + 18 + 18;
    // Every write slow enough that a kill lands with some on their way (sent but not answered, or answered but not
    // recorded), the worst windows.
    crashed.expensein.control.setFaults({
      routes: { 'POST /1.0/users': { latencyMs: 40 }, 'PATCH /1.0/users/:id': { latencyMs: 40 } },
    });
    let killedAt: number[] = [];
    for (let kill = 1; kill <= kills; kill++) {
      const target = Math.round((kill * total) / (kills + 1));
      if (expenseInWrites(crashed) >= target) continue;
      const cli = startCli(['sync', '--json'], env);
      await waitUntil(() => expenseInWrites(crashed) >= target, `write ${target}`, 60_000);
      cli.child.kill('SIGKILL');
      const result = await cli.done;
      expect(result.signal).toBe('SIGKILL');
      killedAt = [...killedAt, expenseInWrites(crashed)];
    }
    crashed.expensein.control.setFaults({});
    expect(killedAt.length).toBeGreaterThanOrEqual(kills - 2);

    const last = await runCli(['sync', '--json'], env);
    expect(last.code, last.stderr).toBe(0);
    expect(JSON.parse(last.stdout)).toMatchObject({ status: 'succeeded' });
    const users = crashed.expensein.control.backend.snapshot().users;
    expect(sharedIdentities(users)).toEqual([]);
    expect(usersIgnoringIds(users)).toEqual(usersIgnoringIds(expected));

    // R14: every leave date is the sync's, so HR reinstating an employee clears it.
    const store = await openStore({ file: db, keyFile: envKeyFile(db) });
    const [connection] = await store.connections.list();
    for (const leaver of leavers) {
      const link = await store.links.get(connection?.id ?? 0, { employeeNumber: leaver.number });
      expect(link?.leaveDateSetBySync, leaver.number).toBe('2026-10-31');
    }
    await store.close();
    const back = leavers[0];
    if (!back) throw new Error('no leaver');
    // HR reinstates one of them: the sync clears the leave date it set (R14).
    const hr = crashed.staffology.control.backend.snapshot();
    for (const employee of Object.values(hr.employees).flat()) {
      if (employee.employmentDetails.payrollCode !== back.number) continue;
      employee.status = 'Current';
      employee.employmentDetails.leaverDetails = null;
    }
    crashed.staffology.control.backend.load(hr);
    const reinstated = await runCli(['sync', '--json'], env);
    expect(JSON.parse(reinstated.stdout)).toMatchObject({ counts: { reinstated: 1 } });
    expect(
      crashed.expensein.control.backend.snapshot().users.find((user) => user.reference === back.number)
        ?.leaveDate,
    ).toBeNull();
  }, 180_000);
});
