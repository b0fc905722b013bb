import type { NewUserWrite } from '@staffsync/shared';
import type { EmployeePlan } from './employee-plan.ts';
import { makeOutcome } from './make-outcome.ts';
import { emailKey } from './normalise.ts';
import { planBank } from './plan-bank.ts';
import {
  claimEmail,
  describeEmailHolder,
  emailHolderDetails,
  findEmailHolder,
  type PlanContext,
} from './plan-context.ts';
import { planDepartment } from './plan-department.ts';
import { type ScreenedEmployee, subjectOf } from './screen-employees.ts';

/**
 * R10, R11 and R13 for an employee no ExpenseIn user is linked to. The caller has already found that no user
 * holds the Employee Number as Reference, the other half of R10's condition. R13: a leaver whose leave date is
 * still to come (a fixed-term contract, a notice period) is created as R10 says, with that leave date, so ExpenseIn
 * holds a scheduled leaver; one whose date has passed, is today or is not given is never created.
 */
export function planUnlinkedEmployee(context: PlanContext, employee: ScreenedEmployee): EmployeePlan {
  const { employeeNumber, workEmail } = employee;
  const subject = subjectOf(employee, null);
  const { leaveDate } = employee.source;
  const scheduledLeaver = employee.source.isLeaver && leaveDate !== null && leaveDate > context.input.today;
  if (employee.source.isLeaver && !scheduledLeaver) {
    context.outcomes.push(
      makeOutcome(
        'leaver_not_in_expensein',
        'R13',
        subject,
        'Leaver in Staffology with no ExpenseIn user holding this Employee Number as Reference: nothing to do, leavers whose leave date has come are never created',
      ),
    );
    return { action: null, link: null };
  }

  const key = emailKey(workEmail);
  const holder = findEmailHolder(context, key, null);
  if (holder !== null) {
    context.outcomes.push(
      makeOutcome(
        'email_in_use',
        'R11',
        subject,
        `Not created: Work Email "${workEmail}" is used by ${describeEmailHolder(holder)}; if that is this employee, set their Reference to "${employeeNumber}" to link them`,
        { email: workEmail, ...emailHolderDetails(holder) },
      ),
    );
    return { action: null, link: null };
  }

  const write: NewUserWrite = {
    firstName: employee.knownAs,
    lastName: employee.surname,
    email: workEmail,
    reference: employeeNumber,
  };
  const department = planDepartment(context, employee.department, subject, {
    current: null,
    recorded: undefined,
    creating: true,
  });
  if (department.kind === 'set') write.departmentId = department.departmentId;

  const bank = planBank(context.input, employee.source.bank, subject, {
    current: null,
    recordedHash: undefined,
    creating: true,
  });
  if (bank.kind === 'set') write.bankDetails = bank.bank;

  if (scheduledLeaver) write.leaveDate = leaveDate;
  claimEmail(context, key, employeeNumber);
  const { outcomes } = context;
  if (department.kind === 'not_found') outcomes.push(department.outcome);
  if (bank.kind === 'invalid') outcomes.push(bank.outcome);
  outcomes.push(
    makeOutcome(
      'needs_setup',
      'R10',
      subject,
      'Created in ExpenseIn, not invited: assign an expense policy and an approval flow, then send an invite',
    ),
  );
  return {
    action: {
      kind: 'create',
      rule: scheduledLeaver ? 'R13' : 'R10',
      subject,
      userId: null,
      write,
    },
    link: null,
  };
}
