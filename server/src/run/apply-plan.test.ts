import type { EiUser, Plan, PlannedAction, UserWrite } from '@staffsync/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VendorError, type VendorErrorKind } from '../adapters/index.ts';
import { createLogger } from '../logging/create-logger.ts';
import { openTempStore, type TempStore, testConnection } from '../store/open-temp-store.ts';
import { applyPlan } from './apply-plan.ts';
import type { ExpenseInWriter } from './expensein-writer.ts';
import { reconcileIntents } from './reconcile-intents.ts';

/**
 * ExpenseIn as the applier sees it: POST and PATCH on a user table. A stand-in for the vendor (STYLE.md 11: fake
 * the platform, not our code), with a switch per employee or user to refuse, or to lose the answer after writing.
 */
function fakeExpenseIn() {
  const users = new Map<number, EiUser>();
  const faults = new Map<string, { kind: VendorErrorKind; status: number | null; landed: boolean }>();
  let nextId = 100;
  const calls: string[] = [];
  const fail = (key: string, method: string) => {
    const fault = faults.get(key);
    if (!fault) return null;
    return {
      landed: fault.landed,
      error: new VendorError({
        vendor: 'expensein',
        method,
        path: '/1.0/users',
        status: fault.status,
        kind: fault.kind,
        message: `expensein ${method} /1.0/users: ${fault.kind}`,
      }),
    };
  };
  const writer: ExpenseInWriter = {
    async createUser(write: UserWrite) {
      calls.push(`POST ${write.reference}`);
      const fault = fail(`create:${write.reference}`, 'POST');
      if (fault && !fault.landed) throw fault.error;
      const user: EiUser = {
        id: nextId++,
        firstName: write.firstName ?? '',
        lastName: write.lastName ?? '',
        email: write.email ?? '',
        reference: write.reference ?? null,
        departmentId: write.departmentId ?? null,
        leaveDate: write.leaveDate ?? null,
        bankDetails: write.bankDetails ?? null,
        inviteStatus: 'NotInvited',
        expensePolicyId: null,
        approvalFlowId: null,
      };
      users.set(user.id, user);
      if (fault) throw fault.error;
      return user;
    },
    async updateUser(userId: number, write: UserWrite) {
      calls.push(`PATCH ${userId}`);
      const fault = fail(`update:${userId}`, 'PATCH');
      if (fault) throw fault.error;
      const user = users.get(userId);
      if (!user) throw new Error(`no user ${userId}`);
      const { reference: _reference, ...fields } = write;
      Object.assign(user, fields);
      return user;
    },
  };
  return { writer, users, faults, calls };
}

const subject = (employeeNumber: string, userId: number | null = null) => ({
  employeeNumber,
  userId,
  sourceId: `hr-${employeeNumber}`,
  name: `Employee ${employeeNumber}`,
});

function createAction(employeeNumber: string): PlannedAction {
  const email = `${employeeNumber.toLowerCase()}@acme.test`;
  return {
    kind: 'create',
    rule: 'R10',
    subject: subject(employeeNumber),
    userId: null,
    write: { firstName: 'Ann', lastName: employeeNumber, email, reference: employeeNumber },
    changes: [{ field: 'email', rule: 'R10', before: null, after: email, overwritten: false }],
    link: {
      employeeNumber,
      lastWritten: { firstName: 'Ann', lastName: employeeNumber, email },
      leaveDateSetBySync: null,
    },
  };
}

function updateAction(employeeNumber: string, userId: number, lastName: string): PlannedAction {
  return {
    kind: 'update',
    rule: 'R7',
    subject: subject(employeeNumber, userId),
    userId,
    write: { lastName },
    changes: [{ field: 'lastName', rule: 'R7', before: 'Old', after: lastName, overwritten: true }],
    link: { employeeNumber, lastWritten: { lastName }, leaveDateSetBySync: null },
  };
}

function leaverAction(employeeNumber: string, userId: number): PlannedAction {
  return {
    kind: 'mark_leaver',
    rule: 'R12',
    subject: subject(employeeNumber, userId),
    userId,
    write: { leaveDate: '2026-11-30' },
    changes: [{ field: 'leaveDate', rule: 'R12', before: null, after: '2026-11-30', overwritten: false }],
    link: { employeeNumber, lastWritten: { leaveDate: '2026-11-30' }, leaveDateSetBySync: '2026-11-30' },
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

describe('applyPlan', () => {
  let temp: TempStore;
  let connectionId: number;
  const logger = createLogger({ level: 'silent' });

  beforeEach(() => {
    temp = openTempStore();
    connectionId = temp.store.connections.create(testConnection()).id;
  });
  afterEach(() => temp.cleanup());

  function newRun(): number {
    const started = temp.store.runs.start({ connectionId, trigger: 'manual', dryRun: false });
    if (!started.started) throw new Error('a run is already running');
    return started.run.id;
  }

  function finish(runId: number) {
    temp.store.runs.finish(runId, { status: 'succeeded' });
  }

  it('creates with a settled intent, links the new user, and records each action as applied', async () => {
    const vendor = fakeExpenseIn();
    const existing = await vendor.writer.createUser({
      firstName: 'Bo',
      lastName: 'Old',
      email: 'bo@acme.test',
      reference: 'E2',
    });
    vendor.calls.length = 0;
    const runId = newRun();
    const result = await applyPlan(
      { store: temp.store, connectionId, runId, expensein: vendor.writer, logger },
      plan({
        actions: [createAction('E1'), updateAction('E2', existing.id, 'New')],
        outcomes: [
          {
            rule: 'R10',
            code: 'needs_setup',
            severity: 'info',
            subject: subject('E1'),
            message: 'needs a policy',
            details: {},
          },
        ],
      }),
    );

    expect(vendor.calls).toEqual(['POST E1', `PATCH ${existing.id}`]);
    expect(result.actions.map((a) => [a.kind, a.result])).toEqual([
      ['create', 'applied'],
      ['update', 'applied'],
    ]);
    const created = [...vendor.users.values()].find((user) => user.reference === 'E1');
    expect(temp.store.links.get(connectionId, { employeeNumber: 'E1' })?.userId).toBe(created?.id);
    expect(temp.store.links.get(connectionId, { employeeNumber: 'E2' })?.lastWritten).toEqual({
      lastName: 'New',
    });
    expect(temp.store.intents.pending(connectionId)).toEqual([]);
    const items = temp.store.runItems.list(runId).items;
    // needs_setup is recorded once the user exists, with its id.
    expect(
      items.map((item) => [item.kind, item.code ?? item.actionKind, item.result, item.subject.userId]),
    ).toEqual([
      ['action', 'create', 'applied', created?.id],
      ['outcome', 'needs_setup', 'recorded', created?.id],
      ['action', 'update', 'applied', existing.id],
    ]);
  });

  it("makes one employee's refused write its action_failed outcome, and goes on with the others", async () => {
    const vendor = fakeExpenseIn();
    const a = await vendor.writer.createUser({
      firstName: 'A',
      lastName: 'A',
      email: 'a@acme.test',
      reference: 'E1',
    });
    const b = await vendor.writer.createUser({
      firstName: 'B',
      lastName: 'B',
      email: 'b@acme.test',
      reference: 'E2',
    });
    vendor.faults.set(`update:${a.id}`, { kind: 'invalid', status: 400, landed: false });
    const runId = newRun();
    const result = await applyPlan(
      { store: temp.store, connectionId, runId, expensein: vendor.writer, logger },
      plan({ actions: [updateAction('E1', a.id, 'X'), updateAction('E2', b.id, 'Y')] }),
    );

    expect(result.actions.map((action) => action.result)).toEqual(['failed', 'applied']);
    expect(result.outcomes.map((outcome) => [outcome.code, outcome.subject.employeeNumber])).toEqual([
      ['action_failed', 'E1'],
    ]);
    expect(vendor.users.get(b.id)?.lastName).toBe('Y');
    const failed = temp.store.runItems.list(runId, { result: 'failed' }).items;
    expect(failed[0]?.error).toContain('invalid');
    // The link of the failed write keeps what was last written before it.
    expect(temp.store.links.get(connectionId, { employeeNumber: 'E1' })).toBeNull();
  });

  it('stops the run on a 401: the key is bad for every write', async () => {
    const vendor = fakeExpenseIn();
    const a = await vendor.writer.createUser({
      firstName: 'A',
      lastName: 'A',
      email: 'a@acme.test',
      reference: 'E1',
    });
    vendor.faults.set(`update:${a.id}`, { kind: 'auth', status: 401, landed: false });
    await expect(
      applyPlan(
        { store: temp.store, connectionId, runId: newRun(), expensein: vendor.writer, logger },
        plan({ actions: [updateAction('E1', a.id, 'X'), createAction('E2')] }),
      ),
    ).rejects.toThrow(VendorError);
    expect(vendor.calls).not.toContain('POST E2');
  });

  it('writes as many actions at once as the client allows, and records every one', async () => {
    const vendor = fakeExpenseIn();
    let inFlight = 0;
    let most = 0;
    const slow: ExpenseInWriter = {
      concurrency: 3,
      async createUser(write) {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight -= 1;
        return vendor.writer.createUser(write);
      },
      updateUser: vendor.writer.updateUser,
    };
    const runId = newRun();
    const numbers = Array.from({ length: 10 }, (_, i) => `E${i + 1}`);
    const result = await applyPlan(
      { store: temp.store, connectionId, runId, expensein: slow, logger },
      plan({ actions: numbers.map(createAction) }),
    );
    expect(most).toBe(3);
    expect(result.actions.filter((a) => a.result === 'applied')).toHaveLength(10);
    expect(
      temp.store.links
        .forConnection(connectionId)
        .map((l) => l.employeeNumber)
        .sort(),
    ).toEqual([...numbers].sort());
    expect(temp.store.intents.pending(connectionId)).toEqual([]);
  });

  it('on a 401 with writes under way, starts nothing new, lets those finish and be recorded, then stops', async () => {
    const vendor = fakeExpenseIn();
    vendor.faults.set('create:E1', { kind: 'auth', status: 401, landed: false });
    const slowWriter: ExpenseInWriter = {
      concurrency: 2,
      async createUser(write) {
        // E2 is under way when E1's 401 comes back.
        if (write.reference === 'E2') await new Promise((resolve) => setTimeout(resolve, 20));
        return vendor.writer.createUser(write);
      },
      updateUser: vendor.writer.updateUser,
    };
    const runId = newRun();
    await expect(
      applyPlan(
        { store: temp.store, connectionId, runId, expensein: slowWriter, logger },
        plan({ actions: ['E1', 'E2', 'E3', 'E4'].map(createAction) }),
      ),
    ).rejects.toThrow(VendorError);
    expect(vendor.calls).toEqual(['POST E1', 'POST E2']);
    expect(temp.store.links.get(connectionId, { employeeNumber: 'E2' })).not.toBeNull();
  });

  it('never creates a second user when the answer to a create is lost: the next run finds it by Reference', async () => {
    const vendor = fakeExpenseIn();
    // The POST lands but the connection drops before the answer: the applier cannot know the user exists.
    vendor.faults.set('create:E1', { kind: 'network', status: null, landed: true });
    const first = newRun();
    const result = await applyPlan(
      { store: temp.store, connectionId, runId: first, expensein: vendor.writer, logger },
      plan({ actions: [createAction('E1')] }),
    );
    finish(first);
    expect(result.actions[0]?.result).toBe('failed');
    expect(temp.store.intents.pending(connectionId).map((intent) => intent.employeeNumber)).toEqual(['E1']);

    // A careless next run that planned the create again is refused while the intent is unsettled...
    vendor.faults.clear();
    const second = newRun();
    const retried = await applyPlan(
      { store: temp.store, connectionId, runId: second, expensein: vendor.writer, logger },
      plan({ actions: [createAction('E1')] }),
    );
    finish(second);
    expect(retried.actions[0]?.result).toBe('failed');
    expect([...vendor.users.values()].filter((user) => user.reference === 'E1')).toHaveLength(1);

    // ...and reconciliation settles it from the users ExpenseIn holds.
    const settled = reconcileIntents(temp.store, connectionId, [...vendor.users.values()], []);
    expect(settled.found).toEqual([{ employeeNumber: 'E1', userId: [...vendor.users.keys()][0] }]);
    expect(temp.store.intents.pending(connectionId)).toEqual([]);
  });

  it('fails the intent of a refused create, so the employee can be created once the cause is fixed', async () => {
    const vendor = fakeExpenseIn();
    vendor.faults.set('create:E1', { kind: 'conflict', status: 409, landed: false });
    const runId = newRun();
    await applyPlan(
      { store: temp.store, connectionId, runId, expensein: vendor.writer, logger },
      plan({ actions: [createAction('E1')] }),
    );
    expect(temp.store.intents.pending(connectionId)).toEqual([]);
    expect(vendor.users.size).toBe(0);
  });

  it('leaves an intent pending when an unreadable ExpenseIn user may be the one created', () => {
    const runId = newRun();
    temp.store.intents.record({ connectionId, employeeNumber: 'E1', runId, email: 'e1@acme.test' });
    const unreadable = [
      { vendor: 'expensein' as const, sourceId: null, employeeNumber: null, userId: 7, reason: 'bad' },
    ];
    expect(reconcileIntents(temp.store, connectionId, [], unreadable).unsure).toEqual(['E1']);
    expect(reconcileIntents(temp.store, connectionId, [], []).lost).toEqual(['E1']);
    expect(temp.store.intents.pending(connectionId)).toEqual([]);
  });

  it('holds R17 leavers in the store and writes nothing for them', async () => {
    const vendor = fakeExpenseIn();
    const a = await vendor.writer.createUser({
      firstName: 'A',
      lastName: 'A',
      email: 'a@acme.test',
      reference: 'E1',
    });
    vendor.calls.length = 0;
    const runId = newRun();
    const result = await applyPlan(
      { store: temp.store, connectionId, runId, expensein: vendor.writer, logger },
      plan({ held: [leaverAction('E1', a.id)] }),
    );
    expect(vendor.calls).toEqual([]);
    expect(result.actions.map((action) => action.result)).toEqual(['held']);
    expect(temp.store.held.list(connectionId, { status: 'pending' })).toMatchObject([
      { employeeNumber: 'E1', userId: a.id, leaveDate: '2026-11-30', runId },
    ]);
  });
});
