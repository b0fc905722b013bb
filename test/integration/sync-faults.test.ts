import { afterEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../sandbox/index.ts';
import { sharedIdentities, usersIgnoringIds } from './support/compare-users.ts';
import {
  type EmployeeSpec,
  loadCompany,
  sourceIdFor,
  userById,
  userFor,
  usersByReference,
} from './support/crafted-company.ts';
import { loseTrackOfEmployees } from './support/lose-track-of-employees.ts';
import { actionsOf, outcomesOf } from './support/run-records.ts';
import { createSyncHarness, type SyncHarness, syncAgainWritesNothing } from './support/sync-harness.ts';

// PRODUCT.md 3: every client retries 429 (honouring Retry-After), 502-504 and network errors; a record that fails
// validation is that subject's `invalid_record`, not a crashed run. PRODUCT.md 4.2: faults lose and duplicate nothing.

const sandboxes: Sandbox[] = [];
const harnesses: SyncHarness[] = [];

afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.close();
  await Promise.all(sandboxes.splice(0).map((sandbox) => sandbox.stop()));
});

async function sandboxWith(options: Parameters<typeof startSandbox>[0]): Promise<Sandbox> {
  const sandbox = await startSandbox(options);
  sandboxes.push(sandbox);
  return sandbox;
}

async function harnessFor(
  sandbox: Sandbox,
  settings: { includeBankDetails?: boolean } = {},
): Promise<SyncHarness> {
  const harness = await createSyncHarness(sandbox, { settings });
  harnesses.push(harness);
  return harness;
}

const batchRead = 'POST /employers/:employerId/employees/list';

describe('429 with Retry-After', () => {
  it('waits as long as Staffology asks, and the run succeeds', async () => {
    const sandbox = await sandboxWith({ seed: 31, employees: 4, scenarios: false });
    const staff: EmployeeSpec[] = Array.from({ length: 8 }, (_, index) => ({
      number: String(1501 + index),
      firstName: `Person${String.fromCharCode(65 + index)}`,
      lastName: 'Example',
    }));
    loadCompany(sandbox, {
      employees: staff,
      // Half of them renamed in HR since: updates to make once everyone is read.
      users: staff.map((employee, index) =>
        userFor(2 + index, employee, index % 2 ? { lastName: 'Old' } : {}),
      ),
    });
    // Two Staffology requests a second; past that, 429 with Retry-After: 1 (the sandbox's sliding window). The
    // run needs four: three list pages of 4 (the last one empty) and one batch read.
    sandbox.staffology.control.setFaults({ routes: { '*': { rateLimitPerSecond: 2 } } });
    const h = await harnessFor(sandbox);

    const run = await h.sync();

    expect(run.status).toBe('succeeded');
    expect(run.counts.updated).toBe(4);
    const hr = sandbox.staffology.control.requests();
    const limited = hr.byStatus['429'] ?? 0;
    expect(limited).toBeGreaterThan(0);
    // Answered: the three list pages (page 3, asked ahead with the empty page 2, too unless it was still waiting
    // when the list ended and was cancelled), then the batch read.
    const answered = hr.entries.filter((entry) => entry.status === 200).map((entry) => entry.routeKey);
    expect(answered.at(-1)).toBe(batchRead);
    expect(answered.slice(0, -1).every((route) => route === 'GET /employers/:employerId/employees')).toBe(
      true,
    );
    expect(answered.length - 1).toBeGreaterThanOrEqual(3);
    expect(answered.length - 1).toBeLessThanOrEqual(4);
    // Each 429 was followed by a wait of at least the Retry-After second, whatever the (5 ms) backoff step.
    // Had the client retried on its backoff alone, its retries would all have fallen inside the same second and
    // the run would have failed.
    const rateLimited = h.events.filter((event) => event.kind === 'rate_limited');
    expect(rateLimited).toHaveLength(limited);
    expect(h.waits).toHaveLength(limited);
    for (const wait of h.waits) expect(wait).toBeGreaterThanOrEqual(1000);

    sandbox.staffology.control.setFaults({});
    await syncAgainWritesNothing(sandbox, h);
  });
});

describe('10% of requests failing on both vendors', () => {
  it('ends in the same ExpenseIn state as a fault-free run of the same company', async () => {
    const [clean, faulty] = await Promise.all([
      sandboxWith({ seed: 9, employees: 40 }),
      sandboxWith({ seed: 9, employees: 40 }),
    ]);
    for (const sandbox of [clean, faulty]) loseTrackOfEmployees(sandbox);
    expect(faulty.expensein.control.backend.snapshot()).toEqual(clean.expensein.control.backend.snapshot());
    // Half 503, half dropped connections, on every route of both vendors; seeded, so the run is repeatable. Staffology
    // answers a run in a dozen requests (batch reads, PRODUCT.md 3.1): its seed is one whose dice hit both faults.
    const faults = { '*': { errorRates: { '503': 0.05 }, dropRate: 0.05 } } as const;
    faulty.staffology.control.setFaults({ routes: faults, seed: 2 });
    faulty.expensein.control.setFaults({ routes: faults, seed: 8 });

    const cleanRun = await (await harnessFor(clean, { includeBankDetails: true })).sync();
    const h = await harnessFor(faulty, { includeBankDetails: true });
    // PRODUCT.md 3: a run converges in one pass when the faults are transient; a create whose answer was lost is
    // settled before the run ends (found by Reference, or created again).
    const run = await h.sync();

    expect(cleanRun.counts.created + cleanRun.counts.updated).toBeGreaterThan(15);
    expect(run.counts.failed).toBe(0);
    expect(run.status).toBe(cleanRun.status);
    expect(await h.store.intents.pending(h.connectionId)).toEqual([]);
    const hrStatuses = faulty.staffology.control.requests().byStatus;
    const eiStatuses = faulty.expensein.control.requests().byStatus;
    for (const statuses of [hrStatuses, eiStatuses]) {
      expect(statuses['503'] ?? 0).toBeGreaterThan(0);
      expect(statuses.dropped ?? 0).toBeGreaterThan(0);
    }
    const expected = clean.expensein.control.backend.snapshot().users;
    const actual = faulty.expensein.control.backend.snapshot().users;
    expect(usersIgnoringIds(actual)).toEqual(usersIgnoringIds(expected));
    expect(actual).toHaveLength(expected.length);
    expect(sharedIdentities(actual)).toEqual(sharedIdentities(expected));

    faulty.staffology.control.setFaults({});
    faulty.expensein.control.setFaults({});
    await syncAgainWritesNothing(faulty, h);
  });
});

describe('malformed records', () => {
  it('gives a malformed employee invalid_record and syncs everyone else', async () => {
    const sandbox = await sandboxWith({ seed: 33, employees: 4, scenarios: false });
    const ada: EmployeeSpec = { number: '1601', firstName: 'Ada', lastName: 'Lane' };
    const bea: EmployeeSpec = { number: '1602', firstName: 'Bea', lastName: 'Moor' };
    const cal: EmployeeSpec = { number: '1603', firstName: 'Cal', lastName: 'Nash' };
    const dot: EmployeeSpec = { number: '1604', firstName: 'Dot', lastName: 'Oakes' };
    loadCompany(sandbox, {
      employees: [ada, bea, cal, dot],
      users: [
        userFor(2, ada, { lastName: 'Lane-Old' }),
        userFor(3, bea, { lastName: 'Moore' }),
        userFor(5, dot, { lastName: 'Oak' }),
      ],
    });
    // Ada's Staffology record fails the schema; so does ExpenseIn's user 5, Dot's user.
    sandbox.staffology.control.setFaults({ malformedRecords: [sourceIdFor('1601')] });
    sandbox.expensein.control.setFaults({ malformedRecords: ['5'] });
    const ada2 = userById(sandbox, 2);
    const h = await harnessFor(sandbox);

    const run = await h.sync();

    expect(run.status).toBe('partial');
    const invalid = await outcomesOf(h, run.runId, 'invalid_record');
    // Ada's record and user 5 are reported as unreadable; Dot, whose user may be user 5, waits for a readable
    // record instead of being planned without it: not updated, and above all not created a second time.
    expect(
      invalid.map((item) => [
        item.subject.employeeNumber,
        item.subject.sourceId,
        item.subject.userId,
        item.details.vendor ?? null,
      ]),
    ).toEqual([
      ['1601', sourceIdFor('1601'), null, 'staffology'],
      ['1604', sourceIdFor('1604'), null, null],
      ['1604', null, 5, 'expensein'],
    ]);
    expect(usersByReference(sandbox, '1604').map((user) => user.id)).toEqual([5]);
    expect(userById(sandbox, 2)).toEqual(ada2);
    expect(userById(sandbox, 3).lastName).toBe('Moor');
    expect(usersByReference(sandbox, '1603')).toHaveLength(1);
    expect(
      (await actionsOf(h, run.runId)).map((item) => [
        item.subject.employeeNumber,
        item.actionKind,
        item.result,
      ]),
    ).toEqual([
      ['1602', 'update', 'applied'],
      ['1603', 'create', 'applied'],
    ]);

    const again = await syncAgainWritesNothing(sandbox, h);
    expect(again.counts.skipped).toEqual(run.counts.skipped);
  });
});
