import { describe, expect, it } from 'vitest';
import { createExpenseInStore, leaverStatus } from './expensein-store.ts';
import type { ExpenseInState } from './types.ts';

const empty: ExpenseInState = {
  apiKeys: [],
  settings: { userReferencesMustBeUnique: false },
  departments: [],
  users: [],
  eventLog: [],
  accountName: 'Acme Ltd',
};

describe('leaverStatus', () => {
  it.each([
    [null, 'active'],
    ['2026-03-11', 'scheduled'],
    ['2026-03-10', 'left'],
    ['2025-12-31', 'left'],
  ] as const)('leave date %s on 2026-03-10 is %s', (leaveDate, expected) => {
    expect(leaverStatus({ leaveDate }, '2026-03-10')).toBe(expected);
  });

  it('compares with the store clock when no day is given', () => {
    const store = createExpenseInStore(empty, { now: () => new Date('2026-03-10T23:30:00Z') });
    expect(store.today()).toBe('2026-03-10');
    expect(store.leaverStatus({ leaveDate: '2026-03-11' })).toBe('scheduled');
    expect(store.leaverStatus({ leaveDate: '2026-03-10' })).toBe('left');
  });

  it('a leave date set through the store moves the user from scheduled to left as the clock passes it', () => {
    let now = new Date('2026-03-01T12:00:00Z');
    const store = createExpenseInStore(empty, { now: () => now });
    const created = store.createUser(
      { firstName: 'A', lastName: 'B', email: 'a@b.co', leaveDate: '2026-03-05' },
      'api',
    );
    if (!created.ok) throw new Error(created.body.message);
    expect(store.leaverStatus(created.value)).toBe('scheduled');
    now = new Date('2026-03-05T00:00:00Z');
    expect(store.leaverStatus(created.value)).toBe('left');
  });
});

describe('createExpenseInStore', () => {
  it('makes a random admin session token per store, kept across load and reset', () => {
    const store = createExpenseInStore(empty);
    const token = store.adminSessionToken;
    expect(token).toMatch(/^[0-9a-f]{48}$/);
    expect(createExpenseInStore(empty).adminSessionToken).not.toBe(token);
    store.load({ ...empty, accountName: 'Other' });
    store.reset();
    expect(store.adminSessionToken).toBe(token);
    expect(store.accountName()).toBe('Acme Ltd');
  });

  it('never hands out its own objects', () => {
    const store = createExpenseInStore(empty);
    const created = store.createUser({ firstName: 'A', lastName: 'B', email: 'a@b.co' }, 'api');
    if (!created.ok) throw new Error(created.body.message);
    created.value.firstName = 'Changed';
    const listed = store.listUsers();
    listed[0]?.permissions.push('Auditor');
    expect(store.getUser(created.value.id)).toMatchObject({
      firstName: 'A',
      permissions: ['Add and Submit Expenses'],
    });
  });

  it('merges the Settings tab flags a patch names and keeps the others', () => {
    const store = createExpenseInStore(empty);
    const created = store.createUser(
      { firstName: 'A', lastName: 'B', email: 'a@b.co', settings: { createTimeExpenses: true } },
      'admin-ui',
    );
    if (!created.ok) throw new Error(created.body.message);
    const updated = store.updateUser(
      created.value.id,
      { settings: { overrideDepartment: true } },
      'admin-ui',
    );
    expect(updated.ok && updated.value.settings).toMatchObject({
      createTimeExpenses: true,
      overrideDepartment: true,
      importCardStatements: false,
    });
    const unknownFlag = store.updateUser(created.value.id, { settings: { flyToTheMoon: true } }, 'admin-ui');
    expect(unknownFlag.ok).toBe(false);
  });
});
