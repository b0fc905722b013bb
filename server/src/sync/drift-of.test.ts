import {
  defaultSyncSettings,
  type EiUser,
  type HrEmployee,
  type Link,
  pendingOverwriteSchema,
} from '@staffsync/shared';
import { describe, expect, it } from 'vitest';
import { driftOf } from './drift-of.ts';
import { planSync } from './plan-sync.ts';
import { departments, employee, hashBank, link, today, user } from './test-fixtures.ts';

function drift(
  hr: HrEmployee,
  ei: EiUser,
  stored: Link | null,
  others: EiUser[] = [],
  includeBankDetails = false,
) {
  // Drift is what a run's plan would change on the user: plan the employee as a run does, then read it off.
  const plan = planSync({
    employees: [hr],
    invalidRecords: [],
    users: [ei, ...others],
    departments,
    links: stored ? [stored] : [],
    settings: { ...defaultSyncSettings, includeBankDetails },
    today,
    hashBank,
  });
  const action = [...plan.actions, ...plan.held].find((candidate) => candidate.userId === ei.id);
  const result = action ? driftOf(action, ei, stored, hashBank) : [];
  for (const overwrite of result) pendingOverwriteSchema.parse(overwrite);
  return result;
}

describe('driftOf', () => {
  it.each<[string, string, string, string, string[]]>([
    ['edited in ExpenseIn', 'Ann', 'Annabel', 'Ann', ['edited_in_expensein']],
    ['changed in HR', 'Annie', 'Ann', 'Ann', ['changed_in_hr']],
    ['both', 'Annie', 'Annabel', 'Ann', ['edited_in_expensein', 'changed_in_hr']],
  ])('labels a first name %s', (_name, hrValue, eiValue, lastWritten, labels) => {
    const result = drift(
      employee({ knownAs: hrValue }),
      user({ firstName: eiValue }),
      link({ lastWritten: { firstName: lastWritten } }),
    );
    expect(result).toEqual([{ field: 'firstName', rule: 'R7', expenseInValue: eiValue, hrValue, labels }]);
  });

  it('gives no label when the sync has no record of the field', () => {
    const result = drift(
      employee({ surname: 'Lee-Smith' }),
      user(),
      link({ lastWritten: { firstName: 'Ann' } }),
    );
    expect(result).toEqual([
      { field: 'lastName', rule: 'R7', expenseInValue: 'Lee', hrValue: 'Lee-Smith', labels: [] },
    ]);
  });

  it('gives no label from a stored link to another user', () => {
    const result = drift(
      employee({ knownAs: 'Annie' }),
      user(),
      link({ userId: 99, lastWritten: { firstName: 'Ann' } }),
    );
    expect(result[0]?.labels).toEqual([]);
  });

  it('is empty for a user in agreement with HR', () => {
    expect(drift(employee({ knownAs: ' Ann ', workEmail: 'ANN.LEE@acme.test' }), user(), link())).toEqual([]);
  });

  it('is empty for a user no employee is linked to', () => {
    expect(drift(employee({ knownAs: 'Annie' }), user({ reference: 'X1' }), null)).toEqual([]);
  });

  it('leaves out an email R7a would not change, and compares emails case-insensitively', () => {
    const other = user({ id: 2, reference: null, email: 'taken@acme.test' });
    expect(drift(employee({ workEmail: 'Taken@acme.test' }), user(), link(), [other])).toEqual([]);
    const result = drift(
      employee({ workEmail: 'ann@acme.test' }),
      user({ email: 'ANN.LEE@acme.test' }),
      link({ lastWritten: { email: 'ann.lee@acme.test' } }),
    );
    expect(result).toEqual([
      {
        field: 'email',
        rule: 'R7',
        expenseInValue: 'ANN.LEE@acme.test',
        hrValue: 'ann@acme.test',
        labels: ['changed_in_hr'],
      },
    ]);
  });

  it('labels department, leave date and reinstatement', () => {
    expect(
      drift(
        employee({ department: 'Finance' }),
        user({ departmentId: 10 }),
        link({ lastWritten: { departmentId: 10 } }),
      ),
    ).toEqual([
      { field: 'departmentId', rule: 'R9', expenseInValue: 10, hrValue: 12, labels: ['changed_in_hr'] },
    ]);
    expect(
      drift(
        employee({ isLeaver: true, leaveDate: '2026-02-27' }),
        user({ leaveDate: '2026-03-31' }),
        link({ lastWritten: { leaveDate: '2026-02-27' }, leaveDateSetBySync: '2026-02-27' }),
      ),
    ).toEqual([
      {
        field: 'leaveDate',
        rule: 'R12',
        expenseInValue: '2026-03-31',
        hrValue: '2026-02-27',
        labels: ['edited_in_expensein'],
      },
    ]);
    expect(
      drift(
        employee(),
        user({ leaveDate: '2026-02-27' }),
        link({ lastWritten: { leaveDate: '2026-02-27' }, leaveDateSetBySync: '2026-02-27' }),
      ),
    ).toEqual([
      {
        field: 'leaveDate',
        rule: 'R14',
        expenseInValue: '2026-02-27',
        hrValue: null,
        labels: ['changed_in_hr'],
      },
    ]);
  });

  it('shows bank details masked and labels them from the stored hash', () => {
    const written = { accountName: 'A Lee', sortCode: '123456', accountNumber: '12345678' };
    const result = drift(
      employee({ bank: { accountName: 'A Lee', sortCode: '12-34-56', accountNumber: '12345678' } }),
      user({ bankDetails: { accountName: 'A Lee', sortCode: '65-43-21', accountNumber: '00000011' } }),
      link({ lastWritten: { bankHash: hashBank(written) } }),
      [],
      true,
    );
    expect(result).toEqual([
      {
        field: 'bankDetails',
        rule: 'R8',
        expenseInValue: 'A Lee ••••••11',
        hrValue: 'A Lee ••••••78',
        labels: ['edited_in_expensein'],
      },
    ]);
    expect(JSON.stringify(result)).not.toMatch(/123456|654321|12345678/);
  });
});
