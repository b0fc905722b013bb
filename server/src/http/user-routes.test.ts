import {
  apiErrorSchema,
  batchStatusResponseSchema,
  type Outcome,
  resyncResponseSchema,
  type UserKey,
} from '@staffsync/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
// ExpenseIn is the sandbox's simulator over real HTTP (STYLE.md 11).
import { newUser } from '../../../test/sandbox/data/expensein-user.ts';
import { type Sandbox, startSandbox } from '../../../test/sandbox/index.ts';
import { sandboxAllowedHosts } from '../../../test/sandbox/sandbox-allowed-hosts.ts';
import type { RunItemInput, Store } from '../store/index.ts';
import { testConnection } from '../store/open-temp-store.ts';
import { createExpenseInSnapshots } from '../users/expensein-snapshots.ts';
import { createTestApp, type TestApp } from './create-test-app.ts';

function outcome(
  partial: Partial<Outcome> & Pick<Outcome, 'code' | 'severity' | 'rule'>,
  employeeNumber: string,
): RunItemInput {
  return {
    kind: 'outcome',
    outcome: {
      subject: { employeeNumber, userId: null, sourceId: null, name: null },
      message: `${partial.code} for ${employeeNumber}`,
      details: {},
      ...partial,
    },
  };
}

async function finishedRun(
  store: Store,
  connectionId: number,
  trigger: 'schedule' | 'single-user',
  items: RunItemInput[],
): Promise<number> {
  const { run } = await store.runs.start({ connectionId, trigger, dryRun: false });
  await store.runItems.add(run.id, items);
  await store.runs.finish(run.id, { status: 'partial' });
  return run.id;
}

/** What a day of runs leaves in the store: links, a full run's items, a later resync, a held leaver. */
async function seedStoredState(store: Store, connectionId: number): Promise<{ resyncRunId: number }> {
  await store.links.upsertMany(connectionId, [
    { employeeNumber: 'E001', userId: 7, lastWritten: { email: 'ann@acme.test' }, leaveDateSetBySync: null },
    {
      employeeNumber: 'E003',
      userId: 9,
      lastWritten: { leaveDate: '2026-01-31' },
      leaveDateSetBySync: '2026-01-31',
    },
    {
      employeeNumber: 'E004',
      userId: 10,
      lastWritten: { leaveDate: '2027-01-31' },
      leaveDateSetBySync: '2027-01-31',
    },
    { employeeNumber: 'E010', userId: 16, lastWritten: {}, leaveDateSetBySync: null },
  ]);
  const full = await finishedRun(store, connectionId, 'schedule', [
    outcome(
      { code: 'invalid_email', severity: 'skipped', rule: 'R2', message: 'Work Email "bo@" is not valid' },
      'E002',
    ),
    outcome({ code: 'duplicate_user_reference', severity: 'conflict', rule: 'R4' }, 'E005'),
    outcome(
      {
        code: 'email_in_use',
        severity: 'conflict',
        rule: 'R11',
        message: 'Not created: cy@acme.test is used by user 12',
        details: { email: 'cy@acme.test', userId: 12 },
      },
      'E006',
    ),
    {
      kind: 'action',
      actionKind: 'create',
      rule: 'R10',
      subject: { employeeNumber: 'E008', userId: 14, sourceId: null, name: 'Dee Oh' },
      changes: [{ field: 'email', rule: 'R10', before: null, after: 'dee@acme.test', overwritten: false }],
      message: 'Created user 14',
      result: 'applied',
    },
    {
      kind: 'outcome',
      outcome: {
        rule: 'R10',
        code: 'needs_setup',
        severity: 'info',
        subject: { employeeNumber: 'E008', userId: 14, sourceId: null, name: 'Dee Oh' },
        message: 'Created in ExpenseIn, not invited',
        details: {},
      },
    },
    {
      kind: 'action',
      actionKind: 'update',
      rule: 'R7',
      subject: { employeeNumber: 'E009', userId: 15, sourceId: null, name: 'Eve Ray' },
      changes: [{ field: 'lastName', rule: 'R7', before: 'Raye', after: 'Ray', overwritten: true }],
      message: 'Could not update user 15: Last Name',
      result: 'failed',
      error: 'ExpenseIn: HTTP 400',
    },
  ]);
  // A resync of E002 after the full run: its skip is gone.
  await store.links.upsertMany(connectionId, [
    { employeeNumber: 'E002', userId: 8, lastWritten: {}, leaveDateSetBySync: null },
  ]);
  const resyncRunId = await finishedRun(store, connectionId, 'single-user', [
    {
      kind: 'action',
      actionKind: 'update',
      rule: 'R7',
      subject: { employeeNumber: 'E002', userId: 8, sourceId: null, name: 'Bo Li' },
      changes: [{ field: 'email', rule: 'R7', before: 'bo@', after: 'bo@acme.test', overwritten: false }],
      message: 'Updated user 8: Email',
      result: 'applied',
    },
  ]);
  await store.held.add(full, [
    { employeeNumber: 'E010', userId: 16, leaveDate: '2026-11-30', subjectName: 'Fay Ng' },
  ]);
  return { resyncRunId };
}

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 17, employees: 34, scenarios: false });
}, 60_000);
afterAll(async () => sandbox?.stop());

describe('user routes', () => {
  let t: TestApp;
  afterEach(async () => t.cleanup());

  it('badges every row from current ExpenseIn values against what the last sync stored, by reference or email', async () => {
    // ExpenseIn as it is now: the sandbox's simulator holding these users.
    const state = sandbox.expensein.control.backend.snapshot();
    const user = (id: number, fields: Parameters<typeof newUser>[0]) => ({ ...newUser(fields), id });
    sandbox.expensein.control.backend.load({
      ...state,
      eventLog: [],
      users: [
        user(7, { firstName: 'Ann', lastName: 'Lee', email: 'ann@acme.test', reference: 'E001' }),
        user(8, { firstName: 'Bo', lastName: 'Li', email: 'bo@acme.test', reference: 'E002' }),
        user(9, {
          firstName: 'Cal',
          lastName: 'Ng',
          email: 'cal@acme.test',
          reference: 'E003',
          leaveDate: '2026-01-31',
        }),
        user(10, {
          firstName: 'Di',
          lastName: 'Oz',
          email: 'di@acme.test',
          reference: 'E004',
          leaveDate: '2027-01-31',
        }),
        user(11, { firstName: 'Ed', lastName: 'Po', email: 'ed@acme.test', reference: 'E005' }),
        user(17, { firstName: 'Ed', lastName: 'Po', email: 'ed2@acme.test', reference: 'E005' }),
        user(12, { firstName: 'Cy', lastName: 'Qu', email: 'cy@acme.test', reference: null }),
        user(14, {
          firstName: 'Dee',
          lastName: 'Oh',
          email: 'dee@acme.test',
          reference: 'E008',
          inviteStatus: 'NotInvited',
          expensePolicyId: null,
          approvalFlowId: null,
        }),
        user(15, { firstName: 'Eve', lastName: 'Raye', email: 'eve@acme.test', reference: 'E009' }),
        user(16, { firstName: 'Fay', lastName: 'Ng', email: 'fay@acme.test', reference: 'E010' }),
        // Edited in ExpenseIn since the last sync wrote "Hart".
        user(19, { firstName: 'Gil', lastName: 'Hartley', email: 'gil@acme.test', reference: 'E011' }),
        user(18, {
          firstName: 'Con',
          lastName: 'Tractor',
          email: 'contractor@elsewhere.test',
          reference: null,
        }),
      ],
    });
    t = await createTestApp({
      allowedHosts: sandboxAllowedHosts(sandbox),
      // The snapshot's freshness on the test's clock (read when a request comes, after `t` is set).
      deps: { snapshots: createExpenseInSnapshots({ clock: () => t.temp.clock.now() }) },
    });
    const id = (
      await t.temp.store.connections.create(
        testConnection({
          staffology: {
            baseUrl: sandbox.staffology.baseUrl,
            employerId: sandbox.staffology.employerId,
            apiKey: sandbox.staffology.apiKey,
          },
          expensein: { baseUrl: sandbox.expensein.baseUrl, apiKey: sandbox.expensein.apiKey },
        }),
      )
    ).id;
    const { resyncRunId } = await seedStoredState(t.temp.store, id);
    await t.temp.store.links.upsertMany(id, [
      { employeeNumber: 'E011', userId: 19, lastWritten: { lastName: 'Hart' }, leaveDateSetBySync: null },
    ]);
    const keys: UserKey[] = [
      { reference: 'E001' },
      { email: 'ANN@acme.test' },
      { reference: 'E002' },
      { reference: 'E003' },
      { reference: 'E004' },
      { reference: 'E005' },
      { email: 'cy@acme.test' },
      { email: 'dee@acme.test' },
      { reference: 'E009' },
      { reference: 'E010' },
      { email: 'gil@acme.test' },
      { email: 'contractor@elsewhere.test' },
    ];
    sandbox.expensein.control.clearRequests();
    const res = await t.call(`/api/connections/${id}/users/badges`, { body: { users: keys } });
    expect(res.status).toBe(200);
    const { asOf, expenseInAsOf, statuses } = batchStatusResponseSchema.parse(res.body);
    expect(asOf).toBe((await t.temp.store.runs.get(resyncRunId))?.finishedAt);
    expect(expenseInAsOf).toBe(t.temp.clock.now().toISOString());
    expect(statuses.map((status) => [status.badge, status.userId, status.rule])).toEqual([
      ['linked', 7, 'R5'],
      ['linked', 7, 'R5'],
      ['linked', 8, 'R5'],
      ['leaver', 9, 'R12'],
      ['scheduled_leaver', 10, 'R12'],
      ['conflict', 11, 'R4'],
      ['conflict', 12, 'R11'],
      ['needs_setup', 14, 'R10'],
      ['pending_overwrite', 15, 'R7'],
      ['pending_overwrite', 16, 'R17'],
      ['pending_overwrite', 19, 'R16'],
      ['not_in_staffology', 18, null],
    ]);
    expect(statuses[6]?.reason).toBe('Not created: cy@acme.test is used by user 12');
    expect(statuses[10]?.reason).toMatch(/^Last Name edited in ExpenseIn since the last sync/);
    expect(statuses.map((status) => status.key)).toEqual(keys);

    // One ExpenseIn read for the page; another request within a few seconds reads nothing more.
    await t.call(`/api/connections/${id}/users/badges`, { body: { users: keys.slice(0, 3) } });
    expect(sandbox.expensein.control.requests().byRoute['GET /1.0/users']).toBe(1);
    t.temp.clock.advance(6_000);
    await t.call(`/api/connections/${id}/users/badges`, { body: { users: keys.slice(0, 3) } });
    expect(sandbox.expensein.control.requests().byRoute['GET /1.0/users']).toBe(2);
  });

  it('refuses more than 500 rows or a row with neither reference nor email, naming the field', async () => {
    t = await createTestApp();
    const id = await t.addConnection();
    const tooMany = Array.from({ length: 501 }, (_, i) => ({ reference: `E${i}` }));
    for (const [users, field] of [
      [tooMany, 'users'],
      [[{ reference: 'E1' }, {}], 'users.1.reference'],
      [[], 'users'],
    ] as const) {
      const res = await t.call(`/api/connections/${id}/users/badges`, { body: { users } });
      expect(res.status).toBe(400);
      expect(apiErrorSchema.parse(res.body).error.field).toBe(field);
    }
    expect(
      (await t.call('/api/connections/42/users/badges', { body: { users: [{ reference: 'E1' }] } })).status,
    ).toBe(404);
  });

  it('needs exactly one of reference or email for one user status, and a known connection', async () => {
    t = await createTestApp();
    const id = await t.addConnection();
    for (const query of ['', '?reference=E1&email=a@b.test', '?reference=']) {
      const res = await t.call(`/api/connections/${id}/users/status${query}`);
      expect(res.status, query).toBe(400);
      expect(apiErrorSchema.parse(res.body).error.field).toBe('reference');
    }
    expect((await t.call('/api/connections/42/users/status?reference=E1')).status).toBe(404);
    const unreachable = await t.call(`/api/connections/${id}/users/status?email=ann@acme.test`);
    expect(unreachable.status).toBe(502);
    expect(apiErrorSchema.parse(unreachable.body).error.code).toBe('vendor_error');
  });

  it('records a resync that cannot reach ExpenseIn as a failed single-user run, with the failing step', async () => {
    t = await createTestApp();
    const id = await t.addConnection();
    const res = await t.call(`/api/connections/${id}/users/resync`, { body: { reference: 'E001' } });
    expect(res.status).toBe(200);
    const resync = resyncResponseSchema.parse(res.body);
    expect(resync.status).toBe('failed');
    expect(resync.trace).toEqual([expect.objectContaining({ step: 'fetched', ok: false })]);
    expect(await t.temp.store.runs.get(resync.runId)).toMatchObject({
      trigger: 'single-user',
      requestedBy: 'route-tests',
      status: 'failed',
    });
  });

  it('refuses a resync with a bad body (400), of an unknown (404) or a disconnected connection (409)', async () => {
    t = await createTestApp({ deps: { rateLimits: { runs: { max: 4, windowMs: 60_000 } } } });
    const id = await t.addConnection();
    const bad = await t.call(`/api/connections/${id}/users/resync`, { body: { reference: '  ' } });
    expect(apiErrorSchema.parse(bad.body).error).toMatchObject({ code: 'bad_request', field: 'reference' });
    expect((await t.call('/api/connections/42/users/resync', { body: { reference: 'E1' } })).status).toBe(
      404,
    );
    await t.temp.store.connections.disconnect(id);
    expect(
      (await t.call(`/api/connections/${id}/users/resync`, { body: { email: 'a@b.test' } })).status,
    ).toBe(409);
    // The limit counts every resync of the token, refused or not: the fifth within the minute is refused.
    expect(
      (await t.call(`/api/connections/${id}/users/resync`, { body: { email: 'a@b.test' } })).status,
    ).toBe(409);
    const limited = await t.call(`/api/connections/${id}/users/resync`, { body: { email: 'a@b.test' } });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
  });
});
