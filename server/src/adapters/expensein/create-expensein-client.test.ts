import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { VendorError } from '../http/vendor-error.ts';
import { createExpenseInClient } from './create-expensein-client.ts';

const apiKey = 'ei-test-key';
const users = JSON.parse(
  readFileSync(new URL('./fixtures/users.json', import.meta.url), 'utf8'),
) as unknown[];

/** An ExpenseIn stand-in answering through `app.request`: header auth, and list shapes a client must accept. */
function fakeExpenseIn(list: unknown) {
  const seen: { method: string; path: string; body: unknown }[] = [];
  const app = new Hono();
  app.use('*', async (c, next) => {
    if (c.req.header('Authorization') !== `ApiKey ${apiKey}`)
      return c.json({ message: 'Invalid API key' }, 401);
    seen.push({
      method: c.req.method,
      path: c.req.path,
      body: c.req.method === 'GET' ? null : await c.req.json(),
    });
    await next();
  });
  app.get('/1.0/users', (c) => c.json(list as object));
  app.post('/1.0/users', (c) =>
    c.json(
      { message: 'The request is invalid', errors: { email: ['Email is already in use by user 1'] } },
      409,
    ),
  );
  app.patch('/1.0/users/:id', async (c) => c.json({ ...(users[1] as object), ...(await c.req.json()) }));
  app.get('/1.0/departments', (c) => c.json([{ id: 3, name: 'Sales', reference: null, approvalFlowId: 1 }]));
  app.get('/1.0/settings', (c) => c.json({ userReferencesMustBeUnique: true }));
  return { app, seen };
}

function clientFor(fake: ReturnType<typeof fakeExpenseIn>, key = apiKey, baseUrl = 'http://expensein.test') {
  return createExpenseInClient({
    baseUrl,
    apiKey: key,
    fetch: async (input, init) => fake.app.request(String(input), init),
    http: { retries: 0 },
  });
}

async function failure(promise: Promise<unknown>): Promise<VendorError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof VendorError)) throw new Error(`expected a VendorError, got ${String(error)}`);
  return error;
}

describe('createExpenseInClient', () => {
  it('lists users from a bare array, keeping invalid users as invalid records', async () => {
    const { users: valid, invalidRecords } = await clientFor(fakeExpenseIn(users)).listUsers();
    expect(valid.map((u) => u.id)).toEqual([1, 2, 3]);
    expect(invalidRecords.map((r) => r.userId)).toEqual([4, null]);
  });

  it('accepts a complete envelope but refuses a paged one rather than miss users', async () => {
    await expect(clientFor(fakeExpenseIn({ items: users.slice(0, 2) })).listUsers()).resolves.toMatchObject({
      users: [{ id: 1 }, { id: 2 }],
    });
    const paged = await failure(
      clientFor(fakeExpenseIn({ items: users.slice(0, 2), total: 40 })).listUsers(),
    );
    expect(paged).toMatchObject({ kind: 'bad_response' });
    expect(paged.message).toContain('paged list');
  });

  it('reports an email conflict on create as a conflict with the field, after one attempt', async () => {
    const fake = fakeExpenseIn(users);
    const error = await failure(
      clientFor(fake).createUser({
        firstName: 'A',
        lastName: 'B',
        email: 'priya.shah@example.co.uk',
        reference: 'E9',
      }),
    );
    expect(error).toMatchObject({
      kind: 'conflict',
      status: 409,
      fieldErrors: { email: [expect.any(String)] },
    });
    expect(fake.seen.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(fake.seen[0]?.body).toMatchObject({ inviteStatus: 'NotInvited', expensePolicyId: null });
  });

  it('patches only the given fields and returns the user', async () => {
    const fake = fakeExpenseIn(users);
    const user = await clientFor(fake).updateUser(2, { leaveDate: null, lastName: 'Nowak' });
    expect(user).toMatchObject({ id: 2, lastName: 'Nowak', leaveDate: null });
    expect(fake.seen).toEqual([
      { method: 'PATCH', path: '/1.0/users/2', body: { leaveDate: null, lastName: 'Nowak' } },
    ]);
  });

  it('reads users with nulls, numbers as ids and unknown fields, and a base URL that already ends in /1.0', async () => {
    const fake = fakeExpenseIn([
      {
        id: 7,
        firstName: 'Ann',
        lastName: 'Lee',
        email: 'ann@example.co.uk',
        reference: null,
        departmentId: null,
        leaveDate: '2025-03-31T00:00:00',
        bankDetails: null,
        inviteStatus: 'Invited',
        expensePolicyId: null,
        approvalFlowId: null,
        phone: null,
        customFields: { costCentre: 'X1' },
      },
    ]);
    const { users: read, invalidRecords } = await clientFor(
      fake,
      apiKey,
      'http://expensein.test/1.0/',
    ).listUsers();
    expect(invalidRecords).toEqual([]);
    expect(read).toEqual([
      {
        id: 7,
        firstName: 'Ann',
        lastName: 'Lee',
        email: 'ann@example.co.uk',
        reference: null,
        departmentId: null,
        leaveDate: '2025-03-31',
        bankDetails: null,
        inviteStatus: 'Invited',
        expensePolicyId: null,
        approvalFlowId: null,
      },
    ]);
    expect(fake.seen.map((r) => r.path)).toEqual(['/1.0/users']);
  });

  it('reads departments and settings, and a wrong key is an auth error', async () => {
    const client = clientFor(fakeExpenseIn(users));
    await expect(client.listDepartments()).resolves.toEqual([{ id: 3, name: 'Sales', reference: null }]);
    await expect(client.getSettings()).resolves.toEqual({ userReferencesMustBeUnique: true });
    await expect(failure(clientFor(fakeExpenseIn(users), 'nope').listUsers())).resolves.toMatchObject({
      kind: 'auth',
      status: 401,
    });
  });
});
