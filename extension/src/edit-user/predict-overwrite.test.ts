import type { UserStatus } from '@staffsync/shared';
import { describe, expect, it } from 'vitest';
import { sampleUserStatus } from '../testing/sample-responses.ts';
import { type EditedField, isMarked, predictOverwrite } from './predict-overwrite.ts';

const linked = (fields: Partial<UserStatus> = {}) =>
  sampleUserStatus({ pendingOverwrites: [], recentChanges: [], badge: 'linked', ...fields });
const edit = (field: EditedField['field'], value: string, original: string): EditedField => ({
  field,
  value,
  text: value,
  original,
  originalText: original,
});

describe('predictOverwrite', () => {
  it.each<[string, EditedField, UserStatus, { rule: string; hrValue: string | number | null } | null]>([
    [
      'an edited first name goes back to the value HR holds',
      edit('firstName', 'Augusta', 'Ada'),
      linked(),
      { rule: 'R7', hrValue: 'Ada' },
    ],
    ['a first name edited back to HR is kept', edit('firstName', ' Ada ', 'Ada'), linked(), null],
    [
      'a case change of a name is overwritten (names compare exactly)',
      edit('lastName', 'LOVELACE', 'Lovelace'),
      linked(),
      { rule: 'R7', hrValue: 'Lovelace' },
    ],
    [
      'a case change of an email is not (emails compare without case)',
      edit('email', 'ADA@X.EXAMPLE', 'ada@x.example'),
      linked(),
      null,
    ],
    [
      'a pending overwrite gives HR value',
      edit('firstName', 'Gus', 'Augusta'),
      sampleUserStatus(),
      { rule: 'R7', hrValue: 'Ada' },
    ],
    [
      'typing the pending HR value ends the warning',
      edit('firstName', 'Ada', 'Augusta'),
      sampleUserStatus(),
      null,
    ],
    [
      'a user with no employee is never changed (R15)',
      edit('firstName', 'X', 'Ada'),
      linked({
        badge: 'not_in_staffology',
        link: { linked: false, employeeNumber: null, employeeName: null },
      }),
      null,
    ],
    ['a skipped employee is not written', edit('firstName', 'X', 'Ada'), linked({ badge: 'skipped' }), null],
    ['a leaver keeps their name (R12)', edit('firstName', 'X', 'Ada'), linked({ badge: 'leaver' }), null],
    [
      'a leaver gets the HR leave date back (R12)',
      edit('leaveDate', '2026-05-01', '2026-04-30'),
      linked({ badge: 'scheduled_leaver' }),
      { rule: 'R12', hrValue: '2026-04-30' },
    ],
    [
      'a leave date typed for a current employee stays (R14)',
      edit('leaveDate', '2026-05-01', ''),
      linked(),
      null,
    ],
    [
      'a department HR sets goes back (R9)',
      edit('departmentId', '2', '3'),
      linked(),
      { rule: 'R9', hrValue: '3' },
    ],
    ['a department HR does not set stays', edit('departmentId', '2', ''), linked(), null],
    [
      'bank details the sync never wrote stay (R8 may be off)',
      edit('bankDetails.sortCode', '99-99-99', '11-22-33'),
      linked(),
      null,
    ],
    [
      'bank details the sync wrote go back (R8)',
      edit('bankDetails.sortCode', '99-99-99', '11-22-33'),
      linked({
        recentChanges: [
          {
            runId: 1,
            at: '2026-03-01T04:00:00Z',
            rule: 'R8',
            changes: [
              {
                field: 'bankDetails',
                rule: 'R8',
                before: null,
                after: 'A Lovelace ••••••78',
                overwritten: false,
              },
            ],
          },
        ],
      }),
      { rule: 'R8', hrValue: '11-22-33' },
    ],
    [
      'a sort code retyped with spaces is the same',
      edit('bankDetails.sortCode', '11 22 33', '11-22-33'),
      linked({
        recentChanges: [
          {
            runId: 1,
            at: '2026-03-01T04:00:00Z',
            rule: 'R8',
            changes: [{ field: 'bankDetails', rule: 'R8', before: null, after: 'x', overwritten: false }],
          },
        ],
      }),
      null,
    ],
  ])('%s', (_name, edited, status, expected) => {
    const warning = predictOverwrite(edited, status);
    if (expected === null) expect(warning).toBeNull();
    else expect(warning).toMatchObject(expected);
  });
});

describe('predictOverwrite, whatever the form shows', () => {
  const pendingLeaveDate = linked({
    badge: 'scheduled_leaver',
    pendingOverwrites: [
      { field: 'leaveDate', rule: 'R12', expenseInValue: '2027-02-28', hrValue: '2027-01-31', labels: [] },
    ],
  });

  it.each([
    ['31/01/2027', null],
    ['31 Jan 2027', null],
    ['2027-01-31', null],
    ['01/02/2027', '2027-01-31'],
  ])('a leave date typed as %s against HR 2027-01-31', (typed, expected) => {
    const warning = predictOverwrite(edit('leaveDate', typed, '28/02/2027'), pendingLeaveDate);
    expect(warning?.hrValue ?? null).toBe(expected);
  });

  it('a date picker showing the opened date again, in another format, is no edit', () => {
    const scheduled = linked({ badge: 'scheduled_leaver' });
    expect(predictOverwrite(edit('leaveDate', '2027-01-31', '31/01/2027'), scheduled)).toBeNull();
    expect(predictOverwrite(edit('leaveDate', '01/02/2027', '31/01/2027'), scheduled)).toMatchObject({
      rule: 'R12',
      hrValue: '31/01/2027',
    });
  });

  const pendingDepartment = linked({
    badge: 'pending_overwrite',
    pendingOverwrites: [{ field: 'departmentId', rule: 'R9', expenseInValue: 2, hrValue: 3, labels: [] }],
  });
  const names = (id: number) => ({ 2: 'Sales', 3: 'Engineering' })[id] ?? null;

  it('a select holding ids: picking HR department by its id ends the warning', () => {
    const picked = { ...edit('departmentId', '3', '2'), text: 'Engineering', originalText: 'Sales' };
    expect(predictOverwrite(picked, pendingDepartment, names)).toBeNull();
  });

  it('a select holding names: picking HR department by its name ends the warning', () => {
    const picked = {
      ...edit('departmentId', 'Engineering', 'Sales'),
      text: 'Engineering',
      originalText: 'Sales',
    };
    expect(predictOverwrite(picked, pendingDepartment, names)).toBeNull();
    const other = { ...edit('departmentId', 'Finance', 'Sales'), text: 'Finance', originalText: 'Sales' };
    expect(predictOverwrite(other, pendingDepartment, names)).toMatchObject({ rule: 'R9', hrValue: 3 });
  });

  it('a department changed from the one HR set warns with the name the form showed', () => {
    const changed = {
      ...edit('departmentId', 'Sales', 'Engineering'),
      text: 'Sales',
      originalText: 'Engineering',
    };
    expect(predictOverwrite(changed, linked(), names)).toMatchObject({
      rule: 'R9',
      hrValue: 'Engineering',
      hrText: 'Engineering',
    });
  });
});

describe('isMarked', () => {
  it.each<[string, Parameters<typeof isMarked>, boolean]>([
    ["a linked user's first name", ['firstName', linked(), 'Ada'], true],
    [
      "an unlinked user's first name",
      ['firstName', linked({ link: { linked: false, employeeNumber: null, employeeName: null } }), 'Ada'],
      false,
    ],
    ["a leaver's first name", ['firstName', linked({ badge: 'leaver' }), 'Ada'], false],
    ["a leaver's leave date", ['leaveDate', linked({ badge: 'scheduled_leaver' }), '2026-04-30'], true],
    ['a department that is set', ['departmentId', linked(), '3'], true],
    ['no department', ['departmentId', linked(), ''], false],
    ['bank details the sync never wrote', ['bankDetails.sortCode', linked(), '11-22-33'], false],
  ])('%s -> %s', (_name, args, expected) => {
    expect(isMarked(...args)).toBe(expected);
  });
});
