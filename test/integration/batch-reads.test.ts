import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../sandbox/index.ts';
import { cliEnvironment, killLeftoverClis, runCli } from './support/cli-process.ts';
import { sharedIdentities, usersIgnoringIds } from './support/compare-users.ts';

// PRODUCT.md 3.1: a sync reads employees 100 per call; "when the route itself is refused (404, 405, 403), the client
// falls back to one GET per employee for the rest of the run and says so once in the log". The real CLI syncs the
// same company twice, in two sandboxes, the batch route on in one and switched off in the other: the same end state.

const batchRead = 'POST /employers/:employerId/employees/list';
const employeeRead = 'GET /employers/:employerId/employees/:id';
const fallbackLine = /Staffology refused the batch read/g;

let batched: Sandbox;
let oneByOne: Sandbox;
let dir: string;

beforeAll(async () => {
  [batched, oneByOne] = await Promise.all([
    startSandbox({ seed: 23, employees: 250 }),
    startSandbox({ seed: 23, employees: 250 }),
  ]);
  dir = mkdtempSync(join(tmpdir(), 'staffsync-batch-'));
});

afterEach(() => killLeftoverClis());

afterAll(async () => {
  await Promise.all([batched?.stop(), oneByOne?.stop()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function sync(sandbox: Sandbox, name: string) {
  return runCli(
    ['sync', '--json'],
    cliEnvironment(sandbox, join(dir, `${name}.db`), { INCLUDE_BANK_DETAILS: 'true' }),
  );
}

describe('a full sync through the CLI with the batch read refused', () => {
  it('ends in the same ExpenseIn state as one with batch reads, reading each employee with one GET', async () => {
    expect(oneByOne.expensein.control.backend.snapshot()).toEqual(
      batched.expensein.control.backend.snapshot(),
    );
    oneByOne.staffology.control.setFaults({ routes: { [batchRead]: { refuseWith: 404 } } });

    const [withBatches, withGets] = await Promise.all([
      sync(batched, 'batched'),
      sync(oneByOne, 'one-by-one'),
    ]);

    const report = JSON.parse(withBatches.stdout);
    expect(report.counts.created + report.counts.updated).toBeGreaterThan(0);
    const { status, counts } = JSON.parse(withGets.stdout);
    expect({ status, counts }).toEqual({ status: report.status, counts: report.counts });
    expect(withGets.code).toBe(withBatches.code);
    const expected = batched.expensein.control.backend.snapshot().users;
    const actual = oneByOne.expensein.control.backend.snapshot().users;
    expect(usersIgnoringIds(actual)).toEqual(usersIgnoringIds(expected));
    expect(actual).toHaveLength(expected.length);
    // The company's own duplicate references (R4) are shared alike; no employee was created twice.
    expect(sharedIdentities(actual)).toEqual(sharedIdentities(expected));

    // 250 employees: 3 batch reads, or one GET each once the route is refused.
    expect(batched.staffology.control.requests().byRoute).toMatchObject({ [batchRead]: 3 });
    expect(batched.staffology.control.requests().byRoute[employeeRead]).toBeUndefined();
    const refused = oneByOne.staffology.control.requests();
    expect(refused.byRoute[employeeRead]).toBe(250);
    expect(refused.byRoute[batchRead]).toBeLessThanOrEqual(3);
    // Said once in the run's log (stderr), and only where it happened.
    expect(withGets.stderr.match(fallbackLine)).toHaveLength(1);
    expect(withBatches.stderr).not.toMatch(fallbackLine);
  });
});
