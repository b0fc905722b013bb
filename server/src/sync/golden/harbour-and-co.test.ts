import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { changesOf } from '../changes-of.ts';
import { linkOf } from '../link-of.ts';
import { planSync } from '../plan-sync.ts';
import { summarisePlan } from '../summarise-plan.ts';
import { harbourAndCo } from './harbour-and-co.ts';

/**
 * Golden data (STYLE.md 1): one company in, the whole expected plan out. The expected file was reviewed case by
 * case against PRODUCT.md 2; a change to it is a change of behaviour and should be reviewed the same way.
 */
const expected: unknown = JSON.parse(
  readFileSync(new URL('./harbour-and-co.plan.json', import.meta.url), 'utf8'),
);

describe('golden plan: Harbour & Co, second sync', () => {
  it('plans exactly the reviewed actions, outcomes and links', () => {
    expect(planSync(harbourAndCo)).toEqual(expected);
  });

  it("derives the create's changes and link from its write, as reviewed", () => {
    const create = planSync(harbourAndCo).actions.find((action) => action.kind === 'create');
    if (!create) throw new Error('the golden plan has a create');
    expect(changesOf(create)).toEqual([
      { field: 'firstName', rule: 'R10', before: null, after: 'Priya', overwritten: false },
      { field: 'lastName', rule: 'R10', before: null, after: 'Shah', overwritten: false },
      { field: 'email', rule: 'R10', before: null, after: 'priya.shah@harbour.test', overwritten: false },
    ]);
    expect(linkOf(create)).toEqual({
      employeeNumber: 'H004',
      lastWritten: { firstName: 'Priya', lastName: 'Shah', email: 'priya.shah@harbour.test' },
      leaveDateSetBySync: null,
    });
  });

  it('summarises as partial: R1, R3, R7a and R11 leave employees unsynced', () => {
    const summary = summarisePlan(planSync(harbourAndCo), harbourAndCo.employees.length);
    expect(summary).toEqual({
      status: 'partial',
      counts: {
        employees: 12,
        created: 1,
        updated: 2,
        updatedByField: { firstName: 2, bankDetails: 1, leaveDate: 1 },
        leavers: 1,
        reinstated: 1,
        unchanged: 2,
        skipped: { missing_required_fields: 1, duplicate_employee_number: 2 },
        conflicts: { email_in_use: 2 },
        warnings: { department_not_found: 1, near_miss_reference: 1 },
        held: 0,
        failed: 0,
      },
    });
  });
});
