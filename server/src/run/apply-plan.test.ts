import type { ChangeAction, CreateAction, Plan, PlannedAction } from '@staffsync/shared';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FaultConfig } from '../../../test/sandbox/index.ts';
// ExpenseIn is the sandbox's simulator over real HTTP, with its own faults (STYLE.md 11: fake the platform).
import { type Sandbox, startSandbox } from '../../../test/sandbox/index.ts';
import { createExpenseInClient, type ExpenseInClient } from '../adapters/index.ts';
import { createLogger } from '../logging/create-logger.ts';
import { openTempStore, type TempStore, testConnection } from '../store/open-temp-store.ts';
import { applyPlan } from './apply-plan.ts';
import { hashBank } from './hash-bank.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 8, employees: 34, scenarios: false });
}, 60_000);
afterAll(async () => sandbox?.stop());

const logger = createLogger({ level: 'silent' });

function expensein(options: { apiKey?: string; retries?: number; timeoutMs?: number } = {}): ExpenseInClient {
  return createExpenseInClient({
    baseUrl: sandbox.expensein.baseUrl,
    apiKey: options.apiKey ?? sandbox.expensein.apiKey,
    http: {
      retries: options.retries ?? 2,
      timeoutMs: options.timeoutMs ?? 5_000,
      concurrency: 4,
      backoffBaseMs: 1,
    },
  });
}

function users() {
  return sandbox.expensein.control.backend.snapshot().users;
}

function userWith(reference: string) {
  return users().filter((user) => user.reference === reference);
}

/** The sandbox's request counts by route key and status, for the writes this test made. */
function writes(): { method: string; status: number | string; fault?: string }[] {
  return sandbox.expensein.control
    .requests()
    .entries.filter((entry) => entry.method === 'POST' || entry.method === 'PATCH')
    .map((entry) => ({
      method: entry.method,
      status: entry.status,
      ...(entry.fault ? { fault: entry.fault } : {}),
    }));
}

const subject = (employeeNumber: string, userId: number | null = null) => ({
  employeeNumber,
  userId,
  sourceId: `hr-${employeeNumber}`,
  name: `Employee ${employeeNumber}`,
});

function createAction(
  employeeNumber: string,
  email = `${employeeNumber.toLowerCase()}@apply.test`,
): CreateAction {
  return {
    kind: 'create',
    rule: 'R10',
    subject: subject(employeeNumber),
    userId: null,
    write: { firstName: 'Ann', lastName: employeeNumber, email, reference: employeeNumber },
  };
}

function updateAction(employeeNumber: string, userId: number, write: PlannedAction['write']): ChangeAction {
  return {
    kind: 'update',
    rule: 'R7',
    subject: subject(employeeNumber, userId),
    userId,
    write,
    changes: Object.entries(write).map(([field, after]) => ({
      field: field as 'lastName',
      rule: 'R7' as const,
      before: 'Old',
      after: typeof after === 'string' || typeof after === 'number' ? after : null,
      overwritten: false,
    })),
    link: { employeeNumber, lastWritten: { ...write }, leaveDateSetBySync: null },
  };
}

function leaverAction(employeeNumber: string, userId: number, leaveDate: string): ChangeAction {
  return {
    kind: 'mark_leaver',
    rule: 'R12',
    subject: subject(employeeNumber, userId),
    userId,
    write: { leaveDate },
    changes: [{ field: 'leaveDate', rule: 'R12', before: null, after: leaveDate, overwritten: false }],
    link: { employeeNumber, lastWritten: { leaveDate }, leaveDateSetBySync: leaveDate },
  };
}

const plan = (overrides: Partial<Plan>): Plan => ({
  actions: [],
  held: [],
  outcomes: [],
  abort: null,
  links: [],
  ...overrides,
});

describe('applyPlan against the ExpenseIn simulator', () => {
  let temp: TempStore;
  let connectionId: number;

  beforeEach(async () => {
    sandbox.expensein.control.backend.reset();
    sandbox.expensein.control.setFaults({});
    sandbox.expensein.control.clearRequests();
    temp = await openTempStore();
    connectionId = (await temp.store.connections.create(testConnection())).id;
  });
  afterEach(() => temp.cleanup());

  async function context(client = expensein()) {
    const started = await temp.store.runs.start({ connectionId, trigger: 'manual', dryRun: false });
    if (!started.started) throw new Error('a run is already running');
    return {
      store: temp.store,
      connectionId,
      runId: started.run.id,
      expensein: client,
      logger,
      storedLinks: await temp.store.links.forConnection(connectionId),
    };
  }

  function faults(config: FaultConfig['routes']) {
    sandbox.expensein.control.setFaults({ routes: config ?? {}, seed: 3 });
  }

  function linkedUser(index = 0) {
    const user = users().filter((candidate) => candidate.reference !== null)[index];
    if (!user?.reference) throw new Error('no linked user in the sandbox company');
    return { id: user.id, reference: user.reference };
  }

  it('creates with a settled intent, links the new user, and records needs_setup once the user exists', async () => {
    const target = linkedUser();
    const ctx = await context();
    const result = await applyPlan(
      ctx,
      plan({
        actions: [createAction('N1'), updateAction(target.reference, target.id, { lastName: 'New' })],
        outcomes: [
          {
            rule: 'R10',
            code: 'needs_setup',
            severity: 'info',
            subject: subject('N1'),
            message: 'needs a policy',
            details: {},
          },
        ],
      }),
    );
    expect(result.stopped).toBeNull();
    expect(result.actions.map((a) => [a.kind, a.result]).sort()).toEqual([
      ['create', 'applied'],
      ['update', 'applied'],
    ]);
    const [created] = userWith('N1');
    expect((await temp.store.links.get(connectionId, { employeeNumber: 'N1' }))?.userId).toBe(created?.id);
    expect(await temp.store.intents.pending(connectionId)).toEqual([]);
    const setup = (await temp.store.runItems.list(ctx.runId, { code: 'needs_setup' })).items;
    expect(setup.map((item) => item.subject.userId)).toEqual([created?.id]);
    // Counted with the run's outcomes once its user exists.
    expect(result.outcomes.map((outcome) => outcome.code)).toEqual(['needs_setup']);
  });

  it("stores with each link the hash of the bank details it wrote, once written (not the plan's record)", async () => {
    const target = linkedUser();
    const ctx = await context();
    const bank = { accountName: 'A Lee', sortCode: '123456', accountNumber: '12345678' };
    const change = {
      field: 'bankDetails' as const,
      rule: 'R8' as const,
      before: null,
      after: 'A Lee ••••••78',
    };
    const create = createAction('B1');
    const result = await applyPlan(
      ctx,
      plan({
        actions: [
          {
            ...create,
            write: { ...create.write, bankDetails: bank },
          },
          {
            ...updateAction(target.reference, target.id, {}),
            write: { bankDetails: bank },
            changes: [{ ...change, overwritten: false }],
            link: {
              employeeNumber: target.reference,
              lastWritten: { bankHash: 'old' },
              leaveDateSetBySync: null,
            },
          },
        ],
      }),
    );
    expect(result.actions.map((action) => action.result)).toEqual(['applied', 'applied']);
    const expected = hashBank(temp.store.bankHashKey, bank);
    for (const employeeNumber of ['B1', target.reference]) {
      const link = await temp.store.links.get(connectionId, { employeeNumber });
      expect(link?.lastWritten.bankHash).toBe(expected);
    }
    expect((await temp.store.links.get(connectionId, { employeeNumber: 'B1' }))?.lastWritten).toMatchObject({
      firstName: 'Ann',
      lastName: 'B1',
    });
  });

  it("makes one employee's refused write its action_failed outcome, and goes on with the others", async () => {
    const [a, b] = [linkedUser(0), linkedUser(1)];
    const ctx = await context();
    // ExpenseIn refuses a department it does not have with a 400 naming the field (PRODUCT.md 3.2).
    const result = await applyPlan(
      ctx,
      plan({
        actions: [
          updateAction(a.reference, a.id, { departmentId: 987_654 }),
          updateAction(b.reference, b.id, { lastName: 'Y' }),
        ],
      }),
    );
    expect(result.actions.map((action) => [action.userId, action.result]).sort()).toEqual(
      [
        [a.id, 'failed'],
        [b.id, 'applied'],
      ].sort(),
    );
    expect(result.outcomes.map((outcome) => [outcome.code, outcome.subject.userId])).toEqual([
      ['action_failed', a.id],
    ]);
    expect(users().find((user) => user.id === b.id)?.lastName).toBe('Y');
    expect((await temp.store.runItems.list(ctx.runId, { result: 'failed' })).items[0]?.error).toContain(
      'departmentId',
    );
  });

  it.each([
    ['401: an unknown key', () => 'not-a-key', /rejected|refused the API key on a write \(HTTP 401\)/],
    [
      '403: a key that reads but may not write',
      () => sandbox.company.facts.expenseInKeyWithoutAdmin,
      /HTTP 403.*permission/,
    ],
  ])('stops the run at the first write refused with %s: one write attempted', async (_name, key, message) => {
    const actions = [0, 1, 2, 3, 4, 5].map((index) => {
      const target = linkedUser(index);
      return updateAction(target.reference, target.id, { lastName: `Z${index}` });
    });
    const client = createExpenseInClient({
      baseUrl: sandbox.expensein.baseUrl,
      apiKey: key(),
      http: { retries: 0, timeoutMs: 5_000, concurrency: 1 },
    });
    const result = await applyPlan(await context(client), plan({ actions }));
    expect(result.stopped).toMatch(message);
    expect(result.actions).toEqual([]);
    expect(writes()).toHaveLength(1);
  });

  it('settles a create whose answer was lost after ExpenseIn created the user: found by Reference, recorded once', async () => {
    faults({ 'POST /1.0/users': { lostAnswerRate: 1 } });
    const ctx = await context();
    const result = await applyPlan(ctx, plan({ actions: [createAction('L1'), createAction('L2')] }));
    expect(result.actions.map((action) => action.result)).toEqual(['applied', 'applied']);
    expect(userWith('L1')).toHaveLength(1);
    expect(userWith('L2')).toHaveLength(1);
    // One POST each, no second create: the users were read again once and the creates found.
    expect(writes().map((write) => write.method)).toEqual(['POST', 'POST']);
    const items = (await temp.store.runItems.list(ctx.runId, { kind: 'action' })).items;
    expect(items).toHaveLength(2);
    expect(items.every((item) => item.message.includes('found by Reference'))).toBe(true);
    expect(await temp.store.intents.pending(connectionId)).toEqual([]);
    expect((await temp.store.links.get(connectionId, { employeeNumber: 'L1' }))?.userId).toBe(
      userWith('L1')[0]?.id,
    );
  });

  it('creates again, once, a create whose answer was lost without ExpenseIn creating the user (a stall)', async () => {
    faults({ 'POST /1.0/users': { stallRate: 1, stallMs: 2_000 } });
    const client = expensein({ timeoutMs: 300 });
    const ctx = await context(client);
    const applying = applyPlan(ctx, plan({ actions: [createAction('S1')] }));
    // The stall ends the first POST without creating anybody; the second POST (the settlement) goes through.
    await new Promise((resolve) => setTimeout(resolve, 100));
    sandbox.expensein.control.setFaults({});
    const result = await applying;
    expect(result.actions.map((action) => action.result)).toEqual(['applied']);
    expect(userWith('S1')).toHaveLength(1);
    expect(await temp.store.intents.pending(connectionId)).toEqual([]);
  });

  it('does not create again a create whose answer was lost while an ExpenseIn user cannot be read: it stays pending', async () => {
    faults({ 'POST /1.0/users': { stallRate: 1, stallMs: 2_000 } });
    const client = expensein({ timeoutMs: 300 });
    const ctx = await context(client);
    const applying = applyPlan(ctx, plan({ actions: [createAction('U1')] }));
    // The stall ends the first POST without creating anybody; then one existing user is served broken, and it may be
    // the one the create made, so the settlement must not POST again.
    await new Promise((resolve) => setTimeout(resolve, 100));
    sandbox.expensein.control.setFaults({ malformedRecords: [String(linkedUser(0).id)] });
    const result = await applying;
    expect(result.actions.map((action) => action.result)).toEqual(['failed']);
    expect(userWith('U1')).toHaveLength(0);
    expect(writes().filter((write) => write.method === 'POST')).toHaveLength(1);
    expect((await temp.store.intents.pending(connectionId)).map((intent) => intent.employeeNumber)).toEqual([
      'U1',
    ]);
  });

  it('R7a at write time: a 409 on the email is retried without it, and the other fields still update', async () => {
    const [a, b] = [linkedUser(0), linkedUser(1)];
    const taken = users().find((user) => user.id === b.id)?.email ?? '';
    const ctx = await context();
    const result = await applyPlan(
      ctx,
      plan({ actions: [updateAction(a.reference, a.id, { lastName: 'Renamed', email: taken })] }),
    );
    const after = users().find((user) => user.id === a.id);
    expect(after?.lastName).toBe('Renamed');
    expect(after?.email).not.toBe(taken);
    expect(result.outcomes).toEqual([
      expect.objectContaining({
        code: 'email_in_use',
        rule: 'R7a',
        severity: 'conflict',
        details: { email: taken, atWrite: true },
      }),
    ]);
    expect(result.actions[0]?.changes?.map((change) => change.field)).toEqual(['lastName']);
    expect((await temp.store.links.get(connectionId, { employeeNumber: a.reference }))?.lastWritten).toEqual({
      lastName: 'Renamed',
    });
    expect(writes().map((write) => write.status)).toEqual([409, 200]);
  });

  it('R14: owns a leave date before the PATCH, so a PATCH that lands but whose answer is lost is still the sync’s', async () => {
    const target = linkedUser();
    faults({ 'PATCH /1.0/users/:id': { lostAnswerRate: 1 } });
    const ctx = await context(expensein({ retries: 0 }));
    const result = await applyPlan(
      ctx,
      plan({ actions: [leaverAction(target.reference, target.id, '2026-12-31')] }),
    );
    expect(result.actions.map((action) => action.result)).toEqual(['failed']);
    expect(users().find((user) => user.id === target.id)?.leaveDate).toBe('2026-12-31');
    expect(
      (await temp.store.links.get(connectionId, { employeeNumber: target.reference }))?.leaveDateSetBySync,
    ).toBe('2026-12-31');
  });

  it('retries a PATCH whose answer was lost, as it sets absolute values', async () => {
    const target = linkedUser();
    faults({ 'PATCH /1.0/users/:id': { lostAnswer503Rate: 0.5 } });
    const result = await applyPlan(
      await context(expensein({ retries: 6 })),
      plan({ actions: [updateAction(target.reference, target.id, { firstName: 'Again' })] }),
    );
    expect(result.actions.map((action) => action.result)).toEqual(['applied']);
    expect(users().find((user) => user.id === target.id)?.firstName).toBe('Again');
  });

  it('fails the intent of a refused create, so the employee can be created once the cause is fixed', async () => {
    const taken = users()[0]?.email ?? '';
    const result = await applyPlan(await context(), plan({ actions: [createAction('R1', taken)] }));
    expect(result.actions.map((action) => action.result)).toEqual(['failed']);
    expect(await temp.store.intents.pending(connectionId)).toEqual([]);
    expect(userWith('R1')).toEqual([]);
  });

  it('holds R17 leavers in the store and writes nothing for them', async () => {
    const target = linkedUser();
    const ctx = await context();
    const result = await applyPlan(
      ctx,
      plan({ held: [leaverAction(target.reference, target.id, '2026-11-30')] }),
    );
    expect(result.actions.map((action) => action.result)).toEqual(['held']);
    expect(writes()).toEqual([]);
    expect(await temp.store.held.list(connectionId, { status: 'pending' })).toEqual([
      expect.objectContaining({
        employeeNumber: target.reference,
        userId: target.id,
        leaveDate: '2026-11-30',
      }),
    ]);
  });
});
