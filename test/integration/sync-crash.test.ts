import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '@staffsync/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ExpenseInUserRecord } from '../sandbox/expensein/types.ts';
import { type Sandbox, startSandbox } from '../sandbox/index.ts';
import { cliEnvironment, killLeftoverClis, runCli, startCli, waitUntil } from './support/cli-process.ts';
import { sharedIdentities, usersIgnoringIds } from './support/compare-users.ts';
import { envKeyFile } from './support/connection-env.ts';
import {
  type CraftedCompany,
  type EmployeeSpec,
  loadCompany,
  userFor,
  usersByReference,
} from './support/crafted-company.ts';

// PRODUCT.md 4.2: "A crash or kill at any point loses nothing and duplicates nothing: the next run converges to the
// same end state, and never creates a second user for one employee." The real CLI, killed with SIGKILL mid-run,
// then run again; compared with an uninterrupted run of the same company in a second sandbox.

const starters: EmployeeSpec[] = Array.from({ length: 12 }, (_, index) => ({
  number: String(1701 + index),
  firstName: `Starter${String.fromCharCode(65 + index)}`,
  lastName: 'New',
  department: 'Operations',
}));
const linked: EmployeeSpec[] = Array.from({ length: 4 }, (_, index) => ({
  number: String(1801 + index),
  firstName: `Linked${String.fromCharCode(65 + index)}`,
  lastName: 'Current',
}));
const company: CraftedCompany = {
  employees: [...starters, ...linked],
  users: linked.map((employee, index) => userFor(2 + index, employee, { lastName: 'Stale' })),
};
const createRoute = 'POST /1.0/users';

let reference: Sandbox;
let crashed: Sandbox;
let dir: string;
let expectedUsers: ExpenseInUserRecord[];
const watchers: Store[] = [];

beforeAll(async () => {
  [reference, crashed] = await Promise.all([
    startSandbox({ seed: 41, employees: 4, scenarios: false }),
    startSandbox({ seed: 41, employees: 4, scenarios: false }),
  ]);
  dir = mkdtempSync(join(tmpdir(), 'staffsync-crash-'));
  loadCompany(reference, company);
  const uninterrupted = await runCli(
    ['sync', '--json'],
    cliEnvironment(reference, join(dir, 'reference.db')),
  );
  expect(uninterrupted.code, uninterrupted.stderr).toBe(0);
  expect(JSON.parse(uninterrupted.stdout)).toMatchObject({
    status: 'succeeded',
    counts: { created: 12, updated: 4 },
  });
  expectedUsers = reference.expensein.control.backend.snapshot().users;
});

afterEach(async () => {
  killLeftoverClis();
  for (const store of watchers.splice(0)) await store.close();
});

afterAll(async () => {
  await Promise.all([reference?.stop(), crashed?.stop()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The store as a second process sees it (with the key file the CLI uses). */
async function watchStore(file: string): Promise<{ store: Store }> {
  const store = await openStore({ file, keyFile: envKeyFile(file) });
  watchers.push(store);
  return { store };
}

/** The killed run was abandoned by the rerun at once (its process is gone), not after the lease ran out. */
async function expectKilledRunAbandoned(store: Store): Promise<void> {
  const killed = await store.runs.get(1);
  expect(killed).toMatchObject({ status: 'failed' });
  expect(killed?.error).toMatch(/is gone/);
}

/** Waits until the sandbox has answered nothing new for a while: an in-flight create has landed or died. */
async function quiet(sandbox: Sandbox, ms: number): Promise<void> {
  let seen = -1;
  let since = Date.now();
  await waitUntil(() => {
    const total = sandbox.expensein.control.requests(1).total;
    if (total !== seen) {
      seen = total;
      since = Date.now();
    }
    return Date.now() - since >= ms;
  }, 'ExpenseIn to go quiet');
}

function expectSameEndState(): void {
  const users = crashed.expensein.control.backend.snapshot().users;
  expect(sharedIdentities(users)).toEqual([]);
  expect(usersIgnoringIds(users)).toEqual(usersIgnoringIds(expectedUsers));
}

describe('a sync killed with SIGKILL', () => {
  it('mid-create: the next run converges on the uninterrupted end state, with no duplicate user', async () => {
    loadCompany(crashed, company);
    crashed.expensein.control.setFaults({ routes: { [createRoute]: { latencyMs: 150 } } });
    const db = join(dir, 'killed.db');
    const env = cliEnvironment(crashed, db);

    const cli = startCli(['sync', '--json'], env);
    await waitUntil(
      () => (crashed.expensein.control.requests().byRoute[createRoute] ?? 0) >= 3,
      'three creates',
    );
    cli.child.kill('SIGKILL');
    const killed = await cli.done;
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.stdout).toBe('');
    await quiet(crashed, 500);
    const createdBeforeKill = crashed.expensein.control.requests().byRoute[createRoute] ?? 0;
    expect(createdBeforeKill).toBeLessThan(starters.length);
    const watcher = await watchStore(db);

    crashed.expensein.control.clearRequests();
    const rerun = await runCli(['sync', '--json'], env);

    expect(rerun.code, rerun.stderr).toBe(0);
    expect(JSON.parse(rerun.stdout)).toMatchObject({ status: 'succeeded' });
    // Only the creates the killed run did not make were made now.
    const created = crashed.expensein.control.requests().byRoute[createRoute] ?? 0;
    expect(created).toBe(starters.length - createdBeforeKill);
    expectSameEndState();
    await expectKilledRunAbandoned(watcher.store);

    crashed.expensein.control.clearRequests();
    const settled = await runCli(['sync', '--json'], env);
    expect(JSON.parse(settled.stdout)).toMatchObject({
      status: 'succeeded',
      counts: { created: 0, updated: 0 },
    });
    const { byMethod } = crashed.expensein.control.requests();
    expect(byMethod).not.toHaveProperty('POST');
    expect(byMethod).not.toHaveProperty('PATCH');
  });

  it('after the create reached ExpenseIn but before the store recorded it: found by Reference, not created twice', async () => {
    loadCompany(crashed, company);
    // Slow creates: the kill lands while the first POSTs are on their way, so ExpenseIn makes the users after the
    // process that asked for them is gone.
    crashed.expensein.control.setFaults({ routes: { [createRoute]: { latencyMs: 1500 } } });
    const db = join(dir, 'worst.db');
    const watcher = await watchStore(db);
    const env = cliEnvironment(crashed, db);

    const cli = startCli(['sync', '--json'], env);
    // The applier records a create intent just before its POST (apply-plan.ts).
    await waitUntil(async () => (await watcher.store.intents.pending(1)).length > 0, 'a create intent');
    await new Promise((resolve) => setTimeout(resolve, 200));
    cli.child.kill('SIGKILL');
    expect((await cli.done).signal).toBe('SIGKILL');
    // The applier writes several users at once (as many as the client allows), so several creates may be in flight.
    const intents = await watcher.store.intents.pending(1);
    expect(intents.length).toBeGreaterThan(0);
    const numbers = intents.map((intent) => intent.employeeNumber);
    await waitUntil(
      () => numbers.every((number) => usersByReference(crashed, number).length > 0),
      'the orphaned creates to land',
    );

    // The worst window: ExpenseIn has the users, the store knows only that their creates were attempted.
    expect(crashed.expensein.control.requests().byRoute[createRoute]).toBe(numbers.length);
    for (const number of numbers)
      expect(await watcher.store.links.get(1, { employeeNumber: number })).toBeNull();
    const orphans = numbers.map((number) => usersByReference(crashed, number)[0]);
    crashed.expensein.control.setFaults({});

    const rerun = await runCli(['sync', '--json'], env);

    expect(rerun.code, rerun.stderr).toBe(0);
    expect(JSON.parse(rerun.stdout)).toMatchObject({
      status: 'succeeded',
      counts: { created: starters.length - numbers.length },
    });
    for (const [i, number] of numbers.entries()) {
      expect(usersByReference(crashed, number).map((user) => user.id)).toEqual([orphans[i]?.id]);
      expect(await watcher.store.links.get(1, { employeeNumber: number })).toMatchObject({
        userId: orphans[i]?.id,
      });
    }
    expect(await watcher.store.intents.pending(1)).toEqual([]);
    expectSameEndState();
    await expectKilledRunAbandoned(watcher.store);
  });
});
