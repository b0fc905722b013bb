import type { PendingOverwrite } from '@staffsync/shared';
import { describe, expect, it } from 'vitest';
import { type BadgeInput, decideBadge } from './decide-badge.ts';

const today = '2026-03-02';
const active = { leaveDate: null, inviteStatus: 'Active', expensePolicyId: 3, approvalFlowId: 4 } as const;
const overwrite: PendingOverwrite = {
  field: 'firstName',
  rule: 'R7',
  expenseInValue: 'Annie',
  hrValue: 'Ann',
  labels: ['edited_in_expensein'],
};
const skip = { severity: 'skipped', rule: 'R2', message: 'Work Email is not valid' } as const;
const conflict = { severity: 'conflict', rule: 'R7a', message: 'Email is used by user 9' } as const;
const warning = { severity: 'warning', rule: 'R9', message: 'Department not found' } as const;

const cases: [string, Partial<BadgeInput>, string][] = [
  ['a linked user in sync', {}, 'linked'],
  ['a warning does not change the badge', { outcomes: [warning] }, 'linked'],
  [
    'a conflict comes before anything else',
    { outcomes: [skip, conflict], pendingOverwrites: [overwrite] },
    'conflict',
  ],
  [
    'a skip comes before a pending overwrite',
    { outcomes: [skip], pendingOverwrites: [overwrite] },
    'skipped',
  ],
  ['a pending overwrite', { pendingOverwrites: [overwrite] }, 'pending_overwrite'],
  ['a leave date before today', { user: { ...active, leaveDate: '2026-01-31' } }, 'leaver'],
  ['a leave date of today', { user: { ...active, leaveDate: today } }, 'leaver'],
  ['a leave date after today', { user: { ...active, leaveDate: '2026-04-30' } }, 'scheduled_leaver'],
  [
    'created and not set up (R10)',
    { user: { ...active, inviteStatus: 'NotInvited', expensePolicyId: null } },
    'needs_setup',
  ],
  ['not invited but set up', { user: { ...active, inviteStatus: 'NotInvited' } }, 'linked'],
  ['no employee', { linked: false }, 'not_in_staffology'],
  ['no employee, left by hand', { linked: false, user: { ...active, leaveDate: '2025-12-31' } }, 'leaver'],
];

describe('decideBadge', () => {
  it.each(cases)('%s', (_name, overrides, badge) => {
    const input: BadgeInput = {
      outcomes: [],
      pendingOverwrites: [],
      user: active,
      linked: true,
      today,
      ...overrides,
    };
    expect(decideBadge(input).badge).toBe(badge);
  });

  it('gives the reason and rule of what blocks the sync', () => {
    const decision = decideBadge({
      outcomes: [conflict],
      pendingOverwrites: [],
      user: active,
      linked: true,
      today,
    });
    expect(decision).toEqual({ badge: 'conflict', reason: 'Email is used by user 9', rule: 'R7a' });
  });
});
