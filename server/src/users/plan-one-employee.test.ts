import { defaultSyncSettings } from '@staffsync/shared';
import { describe, expect, it } from 'vitest';
import { departments, employee, hashBank, link, today, user } from '../sync/test-fixtures.ts';
import { planOneEmployee } from './plan-one-employee.ts';

const base = {
  employeeNumber: 'E001',
  invalidRecords: [],
  departments,
  settings: defaultSyncSettings,
  today,
  hashBank,
};

describe('planOneEmployee', () => {
  it('plans the update a full run would make, overwriting a value edited in ExpenseIn (R7, R16)', () => {
    const plan = planOneEmployee({
      ...base,
      employees: [employee()],
      users: [user({ firstName: 'Annie' })],
      link: link({ lastWritten: { firstName: 'Ann' } }),
    });
    expect(plan.actions).toHaveLength(1);
    expect(plan.actions[0]?.changes).toEqual([
      { field: 'firstName', rule: 'R7', before: 'Annie', after: 'Ann', overwritten: true },
    ]);
  });

  it('marks one leaver even when the leaver guard would hold a single leaver (R17 is for whole runs)', () => {
    const plan = planOneEmployee({
      ...base,
      employees: [employee({ isLeaver: true, leaveDate: '2026-02-28' })],
      users: [user()],
      link: link(),
      settings: { ...defaultSyncSettings, leaverGuardPercent: 0, leaverGuardMin: 0 },
    });
    expect(plan.held).toEqual([]);
    expect(plan.actions.map((action) => action.kind)).toEqual(['mark_leaver']);
  });

  it('plans nothing, and no R18 abort, for an employee Staffology does not have', () => {
    const plan = planOneEmployee({ ...base, employees: [], users: [user()], link: link() });
    expect(plan).toEqual({ actions: [], held: [], outcomes: [], abort: null, links: [] });
  });

  it('skips every holder of a shared employee number when the caller passes them all (R3)', () => {
    const plan = planOneEmployee({
      ...base,
      employees: [
        employee({ sourceId: 'hr-a' }),
        employee({ sourceId: 'hr-b', workEmail: 'other@acme.test' }),
      ],
      users: [user()],
      link: link(),
    });
    expect(plan.actions).toEqual([]);
    expect(plan.outcomes.map((outcome) => outcome.code)).toEqual([
      'duplicate_employee_number',
      'duplicate_employee_number',
    ]);
  });

  it('keeps an unreadable ExpenseIn user from being overlooked, without reporting other unreadable users', () => {
    const unreadable = (userId: number, reference: string) => ({
      vendor: 'expensein' as const,
      sourceId: null,
      employeeNumber: reference,
      userId,
      reason: 'ExpenseIn user failed validation',
    });
    const plan = planOneEmployee({
      ...base,
      employees: [employee()],
      invalidRecords: [unreadable(1, 'E001'), unreadable(2, 'E777')],
      users: [],
      link: link(),
    });
    expect(plan.actions).toEqual([]);
    expect(plan.outcomes.map((outcome) => [outcome.code, outcome.subject.employeeNumber])).toEqual([
      ['invalid_record', 'E001'],
      ['invalid_record', 'E001'],
    ]);
  });
});
