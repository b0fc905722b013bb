import { runCountsSchema } from '@staffsync/shared';
import { describe, expect, it } from 'vitest';
import { planSync } from './plan-sync.ts';
import { summarisePlan } from './summarise-plan.ts';
import { employee, link, planInput, user } from './test-fixtures.ts';

describe('summarisePlan', () => {
  it.each([
    [
      'succeeded: actions, warnings, needs_setup and R13 only',
      planInput({
        employees: [
          employee({ knownAs: 'Annie', department: 'Marketing' }),
          employee({ employeeNumber: 'E002', workEmail: 'b@acme.test' }),
          employee({ employeeNumber: 'E003', workEmail: 'c@acme.test', isLeaver: true }),
        ],
        users: [user()],
      }),
      'succeeded',
    ],
    ['partial: a skip', planInput({ employees: [employee({ surname: '' })] }), 'partial'],
    [
      'partial: a conflict',
      planInput({
        employees: [employee({ workEmail: 'x@acme.test' })],
        users: [user({ reference: null, email: 'x@acme.test' })],
      }),
      'partial',
    ],
    ['failed: R18', planInput({ links: [link()] }), 'failed'],
    ['succeeded: nothing to do', planInput(), 'succeeded'],
  ])('%s', (_name, input, status) => {
    expect(summarisePlan(planSync(input), input.employees.length).status).toBe(status);
  });

  it('is held when R17 held leavers, even with skips', () => {
    const employees = [];
    const users = [];
    for (let i = 0; i < 6; i += 1) {
      employees.push(employee({ employeeNumber: `E${i}`, workEmail: `p${i}@acme.test`, isLeaver: true }));
      users.push(user({ id: i + 1, reference: `E${i}`, email: `p${i}@acme.test` }));
    }
    employees.push(employee({ employeeNumber: 'E9', surname: null }));
    const summary = summarisePlan(planSync(planInput({ employees, users })), employees.length);
    expect(summary.status).toBe('held');
    expect(summary.counts).toMatchObject({ held: 6, leavers: 0, skipped: { missing_required_fields: 1 } });
  });

  it('turns partial when the applier adds a failed action', () => {
    const plan = planSync(planInput({ employees: [employee()] }));
    plan.outcomes.push({
      rule: null,
      code: 'action_failed',
      severity: 'failed',
      subject: { employeeNumber: 'E001', userId: null, sourceId: 'hr-E001', name: 'Ann Lee' },
      message: '409',
      details: {},
    });
    const summary = summarisePlan(plan, 1);
    expect(summary.status).toBe('partial');
    expect(summary.counts.failed).toBe(1);
  });

  it('counts actions, fields, unchanged users and outcomes by code', () => {
    const input = planInput({
      employees: [
        employee({ knownAs: 'Annie', surname: 'Lee-Smith' }),
        employee({ employeeNumber: 'E002', workEmail: 'b@acme.test', department: 'Sales' }),
        employee({ employeeNumber: 'E003', workEmail: 'c@acme.test', isLeaver: true }),
        employee({ employeeNumber: 'E004', workEmail: 'd@acme.test' }),
        employee({ employeeNumber: 'E005', workEmail: 'e@acme.test' }),
        employee({ employeeNumber: 'E006', workEmail: 'f@acme.test', department: 'Nowhere' }),
        employee({ employeeNumber: 'E007', workEmail: 'bad' }),
        employee({ employeeNumber: 'E008', workEmail: 'taken@acme.test' }),
      ],
      users: [
        user(),
        user({ id: 2, reference: 'E002', email: 'b@acme.test' }),
        user({ id: 3, reference: 'E003', email: 'c@acme.test' }),
        user({ id: 4, reference: 'E004', email: 'd@acme.test', leaveDate: '2026-01-01' }),
        user({ id: 5, reference: 'E005', email: 'e@acme.test' }),
        user({ id: 8, reference: null, email: 'taken@acme.test' }),
      ],
      links: [link({ employeeNumber: 'E004', userId: 4, leaveDateSetBySync: '2026-01-01' })],
    });
    const summary = summarisePlan(planSync(input), input.employees.length);
    expect(runCountsSchema.parse(summary.counts)).toEqual({
      employees: 8,
      created: 1,
      updated: 2,
      updatedByField: { firstName: 1, lastName: 1, departmentId: 1, leaveDate: 1 },
      leavers: 1,
      reinstated: 1,
      unchanged: 1,
      skipped: { invalid_email: 1 },
      conflicts: { email_in_use: 1 },
      warnings: { department_not_found: 1 },
      held: 0,
      failed: 0,
    });
    expect(summary.status).toBe('partial');
  });
});
