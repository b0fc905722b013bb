import { describe, expect, it } from 'vitest';
import { newUser } from '../data/expensein-user.ts';
import { createExpenseInAccount, type ExpenseInAccount } from './expensein-account.ts';
import type { ExpenseInAccountState } from './types.ts';

function account(users: ExpenseInAccountState['users'], referencesUnique = true): ExpenseInAccount {
  let next = 1 + Math.max(0, ...users.map((user) => user.id));
  return createExpenseInAccount(
    {
      apiKeys: [],
      settings: { userReferencesMustBeUnique: referencesUnique },
      departments: [],
      users,
      eventLog: [],
      accountName: 'Acme Ltd',
    },
    { now: () => new Date('2026-03-10T09:00:00Z'), nextUserId: () => next++ },
  );
}

const person = (id: number, email: string, reference: string | null) =>
  newUser({ id, firstName: 'A', lastName: 'B', email, reference });

describe('the uniqueness rules follow every write (indexed, not scanned)', () => {
  it('frees an email and a reference once their user moves off them', () => {
    const acme = account([person(1, 'ada@acme.test', 'E1'), person(2, 'bob@acme.test', 'E2')]);
    expect(acme.updateUser(2, { email: 'ada@acme.test' }, 'api')).toMatchObject({ ok: false, status: 409 });
    expect(acme.updateUser(1, { email: 'ada.l@acme.test', reference: 'E9' }, 'api').ok).toBe(true);
    expect(acme.updateUser(2, { email: 'ADA@acme.test', reference: 'E1' }, 'api').ok).toBe(true);
    expect(
      acme.createUser({ firstName: 'C', lastName: 'D', email: 'ada.L@ACME.test', reference: 'E3' }, 'api'),
    ).toMatchObject({ ok: false, status: 409, body: { errors: { email: expect.any(Array) } } });
    expect(
      acme.createUser({ firstName: 'C', lastName: 'D', email: 'c@acme.test', reference: 'E9' }, 'api'),
    ).toMatchObject({ ok: false, status: 409, body: { errors: { reference: expect.any(Array) } } });
  });

  it('lets a user keep or re-case its own email, and draws ids only for creates that succeed', () => {
    const acme = account([person(1, 'ada@acme.test', 'E1')]);
    expect(acme.updateUser(1, { email: 'Ada@Acme.test', reference: 'E1' }, 'api').ok).toBe(true);
    expect(
      acme.createUser({ firstName: 'C', lastName: 'D', email: 'ADA@acme.test', reference: 'E2' }, 'api').ok,
    ).toBe(false);
    expect(
      acme.createUser({ firstName: 'C', lastName: 'D', email: 'c@acme.test', reference: 'E2' }, 'api'),
    ).toMatchObject({ ok: true, value: { id: 2 } });
  });

  it('still sees legacy duplicates loaded with the account (R4): each holder blocks the reference', () => {
    const acme = account([person(1, 'a@acme.test', 'E1'), person(2, 'b@acme.test', 'E1')]);
    expect(acme.updateUser(1, { reference: 'E1' }, 'api')).toMatchObject({ ok: false, status: 409 });
    expect(acme.updateUser(2, { reference: 'E2' }, 'api').ok).toBe(true);
    expect(acme.updateUser(1, { reference: 'E1' }, 'api').ok).toBe(true);
  });

  it('finds users by id in an account of 50,000 and keeps list order', () => {
    const users = Array.from({ length: 50_000 }, (_, index) =>
      person(index + 1, `u${index}@acme.test`, `E${index}`),
    );
    const big = account(users);
    const started = performance.now();
    for (let index = 0; index < 2_000; index++) {
      const created = big.createUser(
        { firstName: 'N', lastName: 'S', email: `n${index}@acme.test`, reference: `N${index}` },
        'api',
      );
      if (!created.ok) throw new Error(created.body.message);
    }
    // A scan per create took minutes for this; an index takes milliseconds. The bound is loose for slow machines.
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(big.getUser(49_999)?.email).toBe('u49998@acme.test');
    expect(big.listUsers().at(-1)?.reference).toBe('N1999');
  });
});
