import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapUser, toCreateBody, toPatchBody } from './map-user.ts';

const users = JSON.parse(
  readFileSync(new URL('./fixtures/users.json', import.meta.url), 'utf8'),
) as unknown[];

describe('mapUser (PRODUCT.md 3.2)', () => {
  it('maps a recorded user, dropping the fields the sync does not use', () => {
    expect(mapUser(users[0])).toEqual({
      ok: true,
      user: {
        id: 1,
        firstName: 'Priya',
        lastName: 'Shah',
        email: 'priya.shah@example.co.uk',
        reference: 'E0042',
        departmentId: 3,
        leaveDate: null,
        bankDetails: { accountName: 'P Shah', sortCode: '200000', accountNumber: '12345678' },
        inviteStatus: 'Active',
        expensePolicyId: 1,
        approvalFlowId: 2,
      },
    });
  });

  it('reads a leaver, and absent nullable fields as null', () => {
    expect(mapUser(users[1])).toMatchObject({
      ok: true,
      user: { leaveDate: '2025-03-31', bankDetails: null },
    });
    expect(mapUser(users[2])).toMatchObject({
      ok: true,
      user: {
        reference: null,
        departmentId: null,
        leaveDate: null,
        bankDetails: null,
        expensePolicyId: null,
      },
    });
  });

  it('turns a user failing the schema into an invalid record naming the user and its reference', () => {
    const result = mapUser(users[3]);
    expect(result).toMatchObject({
      ok: false,
      invalid: { vendor: 'expensein', userId: 4, employeeNumber: 'E0099', sourceId: null },
    });
    if (!result.ok) expect(result.invalid.reason).toMatch(/email.*departmentId/);
  });

  it('names no user when the id cannot be read', () => {
    expect(mapUser(users[4])).toMatchObject({ ok: false, invalid: { userId: null, employeeNumber: null } });
  });
});

describe('write bodies', () => {
  it('creates a full User without id: not invited, no policy, no approval flow (R10)', () => {
    expect(
      toCreateBody({
        firstName: 'Bob',
        lastName: 'Jones',
        email: 'bob@example.co.uk',
        reference: 'E7',
        departmentId: 4,
      }),
    ).toEqual({
      firstName: 'Bob',
      lastName: 'Jones',
      email: 'bob@example.co.uk',
      reference: 'E7',
      departmentId: 4,
      leaveDate: null,
      bankDetails: null,
      inviteStatus: 'NotInvited',
      expensePolicyId: null,
      approvalFlowId: null,
    });
  });

  it('refuses a create without the names and email', () => {
    expect(() => toCreateBody({ firstName: 'Bob', lastName: 'Jones' })).toThrow(TypeError);
  });

  it('patches only the fields given, keeping explicit nulls (reinstate clears the leave date)', () => {
    expect(toPatchBody({ leaveDate: null })).toEqual({ leaveDate: null });
    expect(toPatchBody({ lastName: 'Smith', departmentId: undefined, email: undefined })).toEqual({
      lastName: 'Smith',
    });
    const bank = { accountName: 'B', sortCode: '200000', accountNumber: '12345678', iban: 'x' };
    expect(toPatchBody({ bankDetails: bank })).toEqual({
      bankDetails: { accountName: 'B', sortCode: '200000', accountNumber: '12345678' },
    });
    expect(() => toPatchBody({})).toThrow(TypeError);
  });
});
