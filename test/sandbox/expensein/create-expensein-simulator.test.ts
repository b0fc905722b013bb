import { describe, expect, it } from 'vitest';
import type { FaultConfig } from '../core/faults.ts';
import { newUser as expenseInUser } from '../data/expensein-user.ts';
import { createExpenseInSimulator } from './create-expensein-simulator.ts';
import type { ExpenseInState, ExpenseInUserRecord } from './types.ts';

const ADMIN_KEY = 'admin-key';
const READ_KEY = 'read-key';
const NOW = new Date('2026-03-10T09:00:00Z');

function user(id: number, fields: Partial<ExpenseInUserRecord>): ExpenseInUserRecord {
  return expenseInUser({
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: `user${id}@example.com`,
    reference: `E${id}`,
    settings: {},
    ...fields,
    id,
  });
}

function state(overrides: Partial<ExpenseInState> = {}): ExpenseInState {
  return {
    apiKeys: [
      { key: ADMIN_KEY, permissions: ['Account Administrator'] },
      { key: READ_KEY, permissions: ['Finance User'] },
    ],
    settings: { userReferencesMustBeUnique: true },
    departments: [{ id: 7, name: 'Sales', reference: 'S1' }],
    users: [
      user(1, { email: 'Grace.Hopper@example.com', reference: 'E1' }),
      user(2, {
        reference: 'E2',
        bankDetails: { accountName: 'A Lovelace', sortCode: '112233', accountNumber: '11112222' },
      }),
    ],
    eventLog: [],
    accountName: 'Acme Ltd',
    ...overrides,
  };
}

function setup(initial: ExpenseInState = state(), faults: FaultConfig = {}) {
  const simulator = createExpenseInSimulator(initial, () => faults, { now: () => NOW });
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    simulator.app.request(path, {
      method,
      headers: { Authorization: `ApiKey ${ADMIN_KEY}`, 'Content-Type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return { simulator, call };
}

const newUser = { firstName: 'Alan', lastName: 'Turing', email: 'alan@example.com', reference: 'E9' };

describe('ExpenseIn simulator API', () => {
  it('serves every user as a bare array, and one user by id', async () => {
    const { call } = setup();
    const list = await call('GET', '/1.0/users');
    expect(list.status).toBe(200);
    expect((await list.json()).map((u: { id: number }) => u.id)).toEqual([1, 2]);
    expect(await (await call('GET', '/1.0/users/2')).json()).toMatchObject({ id: 2, reference: 'E2' });
    expect((await call('GET', '/1.0/users/99')).status).toBe(404);
  });

  it('refuses a missing key and an unknown key with 401', async () => {
    const { simulator, call } = setup();
    expect((await simulator.app.request('/1.0/users')).status).toBe(401);
    expect((await call('GET', '/1.0/users', undefined, { Authorization: 'ApiKey nope' })).status).toBe(401);
    expect(
      (await call('GET', '/1.0/users', undefined, { Authorization: `Bearer ${ADMIN_KEY}` })).status,
    ).toBe(401);
  });

  it('lets a key without Account Administrator read but not write (403)', async () => {
    const { simulator, call } = setup();
    const asReader = { Authorization: `ApiKey ${READ_KEY}` };
    expect((await call('GET', '/1.0/users', undefined, asReader)).status).toBe(200);
    expect((await call('POST', '/1.0/users', newUser, asReader)).status).toBe(403);
    expect((await call('PATCH', '/1.0/users/1', { firstName: 'X' }, asReader)).status).toBe(403);
    expect(simulator.store.listUsers()).toHaveLength(2);
  });

  it('accepts the admin UI session cookie and logs its bank changes as admin-ui', async () => {
    const { simulator } = setup();
    const response = await simulator.app.request('/1.0/users/1', {
      method: 'PATCH',
      headers: {
        Cookie: `ei_session=${simulator.store.adminSessionToken}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        bankDetails: { accountName: 'G Hopper', sortCode: '12 34 56', accountNumber: '87654321' },
      }),
    });
    expect(response.status).toBe(200);
    expect(simulator.store.eventLog()).toEqual([
      { at: NOW.toISOString(), userId: 1, accountNumberEnding: '4321', changedBy: 'admin-ui' },
    ]);
    const wrongCookie = await simulator.app.request('/1.0/users', {
      headers: { Cookie: 'ei_session=guess' },
    });
    expect(wrongCookie.status).toBe(401);
  });

  it('creates a user with ExpenseIn defaults: not invited, no policy, no approval flow', async () => {
    const { call } = setup();
    const response = await call('POST', '/1.0/users', { ...newUser, firstName: '  Alan ', departmentId: 7 });
    expect(response.status).toBe(201);
    const created = await response.json();
    expect(created).toMatchObject({
      id: 3,
      firstName: 'Alan',
      lastName: 'Turing',
      email: 'alan@example.com',
      reference: 'E9',
      departmentId: 7,
      leaveDate: null,
      bankDetails: null,
      inviteStatus: 'NotInvited',
      expensePolicyId: null,
      approvalFlowId: null,
    });
    expect(await (await call('GET', '/1.0/users/3')).json()).toEqual(created);
  });

  it('refuses an email already in use, whatever its case (409)', async () => {
    const { call } = setup();
    const response = await call('POST', '/1.0/users', { ...newUser, email: 'grace.hopper@EXAMPLE.com' });
    expect(response.status).toBe(409);
    expect((await response.json()).errors).toEqual({ email: [expect.any(String)] });
    const patch = await call('PATCH', '/1.0/users/2', { email: 'GRACE.HOPPER@example.com' });
    expect(patch.status).toBe(409);
  });

  it('enforces unique references only while the setting is on', async () => {
    const on = setup();
    const refused = await on.call('POST', '/1.0/users', { ...newUser, reference: 'E1' });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({
      message: expect.any(String),
      errors: { reference: [expect.any(String)] },
    });

    const off = setup(state({ settings: { userReferencesMustBeUnique: false } }));
    expect((await off.call('POST', '/1.0/users', { ...newUser, reference: 'E1' })).status).toBe(201);
    expect(
      (await off.call('POST', '/1.0/users', { ...newUser, email: 'x@example.com', reference: undefined }))
        .status,
    ).toBe(201);
  });

  it('requires a reference while the setting is on (400)', async () => {
    const { call } = setup();
    const { reference: _reference, ...withoutReference } = newUser;
    const response = await call('POST', '/1.0/users', withoutReference);
    expect(response.status).toBe(400);
    expect(Object.keys((await response.json()).errors)).toEqual(['reference']);
    expect((await call('PATCH', '/1.0/users/1', { reference: '   ' })).status).toBe(400);
  });

  it('names the field of invalid bank details and stores sort codes as 6 digits', async () => {
    const { call } = setup();
    const bank = { accountName: 'A Turing', sortCode: '12-34-56', accountNumber: '12345678' };
    const badSort = await call('POST', '/1.0/users', {
      ...newUser,
      bankDetails: { ...bank, sortCode: '12-34-5' },
    });
    expect(badSort.status).toBe(400);
    expect(Object.keys((await badSort.json()).errors)).toEqual(['bankDetails.sortCode']);

    const badAccount = await call('PATCH', '/1.0/users/1', {
      bankDetails: { ...bank, accountNumber: '1234567' },
    });
    expect(badAccount.status).toBe(400);
    expect(Object.keys((await badAccount.json()).errors)).toEqual(['bankDetails.accountNumber']);

    const good = await call('POST', '/1.0/users', { ...newUser, bankDetails: bank });
    expect((await good.json()).bankDetails.sortCode).toBe('123456');
  });

  it('rejects unknown fields, a written id, bad dates, unknown departments and malformed JSON (400)', async () => {
    const { simulator, call } = setup();
    const cases: [unknown, string][] = [
      [{ nickname: 'Al' }, 'nickname'],
      [{ id: 5 }, 'id'],
      [{ leaveDate: '2026-02-30' }, 'leaveDate'],
      [{ departmentId: 99 }, 'departmentId'],
      [{ email: 'not-an-email' }, 'email'],
      [{ firstName: '' }, 'firstName'],
    ];
    for (const [patch, field] of cases) {
      const response = await call('PATCH', '/1.0/users/1', patch);
      expect(response.status).toBe(400);
      expect(Object.keys((await response.json()).errors)).toEqual([field]);
    }
    const malformed = await simulator.app.request('/1.0/users', {
      method: 'POST',
      headers: { Authorization: `ApiKey ${ADMIN_KEY}` },
      body: '{"firstName":',
    });
    expect(malformed.status).toBe(400);
  });

  it('changes only the fields a PATCH names', async () => {
    const { call } = setup();
    const before = await (await call('GET', '/1.0/users/2')).json();
    const response = await call('PATCH', '/1.0/users/2', { lastName: 'Byron', leaveDate: '2026-04-01' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ...before, lastName: 'Byron', leaveDate: '2026-04-01' });
    expect((await call('PATCH', '/1.0/users/99', { lastName: 'X' })).status).toBe(404);
  });

  it('logs every bank-detail change from the API, and nothing else', async () => {
    const { simulator, call } = setup();
    await call('PATCH', '/1.0/users/2', { firstName: 'Augusta' });
    await call('PATCH', '/1.0/users/2', {
      bankDetails: { accountName: 'A Lovelace', sortCode: '11-22-33', accountNumber: '11112222' },
    });
    expect(simulator.store.eventLog()).toEqual([]);

    await call('PATCH', '/1.0/users/2', {
      bankDetails: { accountName: 'A Lovelace', sortCode: '112233', accountNumber: '99998888' },
    });
    await call('POST', '/1.0/users', {
      ...newUser,
      bankDetails: { accountName: 'A Turing', sortCode: '123456', accountNumber: '12345678' },
    });
    expect(simulator.store.eventLog()).toEqual([
      { at: NOW.toISOString(), userId: 2, accountNumberEnding: '8888', changedBy: 'api' },
      { at: NOW.toISOString(), userId: 3, accountNumberEnding: '5678', changedBy: 'api' },
    ]);
  });

  it('serves the users named in malformedRecords broken, and the others intact', async () => {
    const { call } = setup(state(), { malformedRecords: ['2'] });
    const [first, second] = await (await call('GET', '/1.0/users')).json();
    expect(typeof first.email).toBe('string');
    expect(typeof second.email).not.toBe('string');
    expect(typeof (await (await call('GET', '/1.0/users/2')).json()).email).not.toBe('string');
  });

  it('serves departments and settings, and updates settings', async () => {
    const { call } = setup();
    expect(await (await call('GET', '/1.0/departments')).json()).toEqual([
      { id: 7, name: 'Sales', reference: 'S1' },
    ]);
    expect(await (await call('GET', '/1.0/settings')).json()).toEqual({ userReferencesMustBeUnique: true });
    const patched = await call('PATCH', '/1.0/settings', { userReferencesMustBeUnique: false });
    expect(await patched.json()).toEqual({ userReferencesMustBeUnique: false });
    expect((await call('PATCH', '/1.0/settings', { userReferencesMustBeUnique: 'yes' })).status).toBe(400);
  });

  it('answers unknown routes with 404 JSON', async () => {
    const { call } = setup();
    const response = await call('GET', '/1.0/expenses');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: expect.any(String) });
  });

  it('loads, snapshots and resets its state', async () => {
    const { simulator, call } = setup();
    await call('POST', '/1.0/users', newUser);
    expect(simulator.snapshot().users).toHaveLength(3);

    simulator.load(state({ users: [] }));
    expect(await (await call('GET', '/1.0/users')).json()).toEqual([]);

    const snapshot = simulator.snapshot();
    snapshot.users.push(user(50, {}));
    expect(simulator.snapshot().users).toEqual([]);

    simulator.reset();
    expect(simulator.snapshot()).toEqual(state());
  });
});

describe('several accounts, each opened by its own keys', () => {
  const OTHER_KEY = 'other-admin-key';

  function twoAccounts(): ExpenseInState {
    return {
      ...state(),
      otherAccounts: [
        {
          apiKeys: [{ key: OTHER_KEY, permissions: ['Account Administrator'] }],
          settings: { userReferencesMustBeUnique: false },
          departments: [{ id: 7, name: 'Warehouse', reference: null }],
          // The same email and reference as the first account's user 1: accounts never see each other.
          users: [user(3, { email: 'Grace.Hopper@example.com', reference: 'E1' })],
          eventLog: [],
          accountName: 'Other Co Ltd',
        },
      ],
    };
  }

  const asOther = { Authorization: `ApiKey ${OTHER_KEY}` };
  const ids = async (response: Response) => ((await response.json()) as { id: number }[]).map((u) => u.id);

  it('serves each key its own account only: users, departments and settings', async () => {
    const { call } = setup(twoAccounts());
    expect(await ids(await call('GET', '/1.0/users'))).toEqual([1, 2]);
    expect(await ids(await call('GET', '/1.0/users', undefined, asOther))).toEqual([3]);
    expect(await (await call('GET', '/1.0/departments', undefined, asOther)).json()).toEqual([
      { id: 7, name: 'Warehouse', reference: null },
    ]);
    expect(await (await call('GET', '/1.0/settings', undefined, asOther)).json()).toEqual({
      userReferencesMustBeUnique: false,
    });
  });

  it("answers 404 to another account's user, for reads and writes alike", async () => {
    const { simulator, call } = setup(twoAccounts());
    expect((await call('GET', '/1.0/users/3')).status).toBe(404);
    expect((await call('PATCH', '/1.0/users/3', { firstName: 'X' })).status).toBe(404);
    expect((await call('PATCH', '/1.0/users/1', { firstName: 'X' }, asOther)).status).toBe(404);
    expect(simulator.snapshot().users[0]?.firstName).toBe('Ada');
  });

  it('checks uniqueness within the account, and numbers users from one sequence across accounts', async () => {
    const { simulator, call } = setup(twoAccounts());
    const taken = await call(
      'POST',
      '/1.0/users',
      { ...newUser, email: 'grace.hopper@example.com' },
      asOther,
    );
    expect(taken.status).toBe(409);
    const inOther = await call(
      'POST',
      '/1.0/users',
      { ...newUser, email: 'new@example.com', reference: 'E1' },
      asOther,
    );
    expect(inOther.status).toBe(201);
    expect(await inOther.json()).toMatchObject({ id: 4 });
    const inFirst = await call('POST', '/1.0/users', newUser);
    expect(await inFirst.json()).toMatchObject({ id: 5 });
    const snapshot = simulator.snapshot();
    expect(snapshot.users.map((u) => u.id)).toEqual([1, 2, 5]);
    expect(snapshot.otherAccounts?.[0]?.users.map((u) => u.id)).toEqual([3, 4]);
  });

  it('keeps the admin UI session on the default account', async () => {
    const { simulator } = setup(twoAccounts());
    const response = await simulator.app.request('/1.0/users', {
      headers: { Cookie: `ei_session=${simulator.store.adminSessionToken}` },
    });
    expect(await ids(response)).toEqual([1, 2]);
  });

  it('snapshots and loads every account, and a single-account state leaves just that account', async () => {
    const { simulator, call } = setup(twoAccounts());
    await call('POST', '/1.0/users', { ...newUser, email: 'x@example.com' }, asOther);
    const snapshot = simulator.snapshot();
    simulator.reset();
    expect(simulator.snapshot()).toEqual(twoAccounts());
    simulator.load(snapshot);
    expect(simulator.snapshot()).toEqual(snapshot);

    const { otherAccounts: _others, ...single } = snapshot;
    simulator.load(single);
    expect((await call('GET', '/1.0/users', undefined, asOther)).status).toBe(401);
    expect(simulator.snapshot()).toEqual(single);
  });

  it('refuses a state in which a key opens two accounts or a user id is used twice', () => {
    const { simulator } = setup(twoAccounts());
    const sharedKey = twoAccounts();
    sharedKey.otherAccounts?.[0]?.apiKeys.push({ key: ADMIN_KEY, permissions: [] });
    expect(() => simulator.load(sharedKey)).toThrow(/API key/);
    const sharedId = twoAccounts();
    sharedId.otherAccounts?.[0]?.users.push(user(1, { email: 'again@example.com' }));
    expect(() => simulator.load(sharedId)).toThrow(/user id 1/);
    expect(simulator.snapshot()).toEqual(twoAccounts());
  });
});
