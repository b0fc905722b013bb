import { describe, expect, it } from 'vitest';
import { type AccountEvidence, compareAccount } from './compare-account.ts';

const links = Array.from({ length: 10 }, (_, i) => ({ employeeNumber: `E${100 + i}`, userId: 500 + i }));
const account = links.map((link) => ({ id: link.userId, reference: link.employeeNumber }));

const cases: [string, AccountEvidence, { id: number; reference: string | null }[], boolean, string][] = [
  ['the same account', { links, userSample: [] }, account, true, 'links'],
  [
    'the same account, references with spaces around',
    { links, userSample: [] },
    account.map((u) => ({ ...u, reference: ` ${u.reference} ` })),
    true,
    'links',
  ],
  [
    'the same account after a few users were deleted',
    { links, userSample: [] },
    account.slice(3),
    true,
    'links',
  ],
  [
    'the same account after half the references changed',
    { links, userSample: [] },
    account.map((u, i) => (i < 5 ? u : { ...u, reference: 'X' })),
    true,
    'links',
  ],
  [
    'another account: none of the linked ids',
    { links, userSample: [] },
    [
      { id: 9001, reference: 'E100' },
      { id: 9002, reference: 'E101' },
    ],
    false,
    'links',
  ],
  [
    'another account reusing the ids with other references',
    { links, userSample: [] },
    account.map((u) => ({ ...u, reference: `Z${u.id}` })),
    false,
    'links',
  ],
  [
    'another account with one id and reference in common',
    { links, userSample: [] },
    [account[0] ?? { id: 0, reference: null }],
    false,
    'links',
  ],
  ['an empty account for a connection with links', { links, userSample: [] }, [], false, 'links'],
  [
    'no links yet, the ids last read are there',
    { links: [], userSample: [1, 2, 3, 4] },
    [1, 2, 3, 4, 5].map((id) => ({ id, reference: null })),
    true,
    'user_sample',
  ],
  [
    'no links yet, other ids',
    { links: [], userSample: [1, 2, 3, 4] },
    [7, 8].map((id) => ({ id, reference: null })),
    false,
    'user_sample',
  ],
  [
    'nothing known: a new empty account',
    { links: [], userSample: [] },
    [{ id: 1, reference: null }],
    true,
    'nothing',
  ],
];

describe('compareAccount', () => {
  it.each(cases)('%s', (_name, evidence, users, same, basis) => {
    expect(compareAccount(evidence, users)).toMatchObject({ same, basis });
  });

  it('compares at most 200 links, so a 50,000-user account is checked quickly', () => {
    const many = Array.from({ length: 50_000 }, (_, i) => ({ employeeNumber: `N${i}`, userId: i + 1 }));
    const result = compareAccount(
      { links: many, userSample: [] },
      many.map((l) => ({ id: l.userId, reference: l.employeeNumber })),
    );
    expect(result).toEqual({ same: true, basis: 'links', compared: 200, matched: 200 });
  });
});
