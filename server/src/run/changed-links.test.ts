import type { Link } from '@staffsync/shared';
import { describe, expect, it } from 'vitest';
import { changedLinks } from './changed-links.ts';

const link = (overrides: Partial<Link> = {}): Link => ({
  employeeNumber: 'E1',
  userId: 7,
  lastWritten: { firstName: 'Ann', lastName: 'Lee', departmentId: null },
  leaveDateSetBySync: null,
  ...overrides,
});

describe('changedLinks', () => {
  it('keeps the links that are new or differ in any recorded part, and drops those stored as they are', () => {
    const stored = [
      link(),
      link({ employeeNumber: 'E2', userId: 8 }),
      link({ employeeNumber: 'E3', userId: 9 }),
      link({ employeeNumber: 'E4', userId: 10 }),
      link({ employeeNumber: 'E5', userId: 11 }),
    ];
    const planned = [
      // Same values, keys in another order: unchanged.
      link({ lastWritten: { departmentId: null, lastName: 'Lee', firstName: 'Ann' } }),
      link({ employeeNumber: 'E2', userId: 12 }),
      link({ employeeNumber: 'E3', userId: 9, leaveDateSetBySync: '2026-12-31' }),
      link({ employeeNumber: 'E4', userId: 10, lastWritten: { firstName: 'Ann', lastName: 'Lee' } }),
      link({ employeeNumber: 'E5', userId: 11, lastWritten: { ...link().lastWritten, bankHash: 'h' } }),
      link({ employeeNumber: 'E6', userId: 13 }),
    ];
    expect(changedLinks(planned, stored).map((changed) => changed.employeeNumber)).toEqual([
      'E2',
      'E3',
      'E4',
      'E5',
      'E6',
    ]);
  });
});
