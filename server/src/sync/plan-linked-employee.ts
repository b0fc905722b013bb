import type {
  ActionKind,
  EiUser,
  FieldChange,
  IsoDate,
  LastWritten,
  Link,
  LinkState,
  RuleId,
  UserWrite,
} from '@staffsync/shared';
import type { EmployeePlan } from './employee-plan.ts';
import { inFieldOrder, makeFieldChange } from './make-field-change.ts';
import { makeOutcome } from './make-outcome.ts';
import { needsSetup } from './needs-setup.ts';
import { emailKey, sameEmail, sameName } from './normalise.ts';
import { planBank } from './plan-bank.ts';
import {
  claimEmail,
  describeEmailHolder,
  emailHolderDetails,
  findEmailHolder,
  type PlanContext,
  rejectedLeaveKey,
} from './plan-context.ts';
import { planDepartment } from './plan-department.ts';
import { type ScreenedEmployee, subjectOf } from './screen-employees.ts';

/** R7's names: the ExpenseIn field and the screened HR field it takes its value from. */
const nameFields = [
  ['firstName', 'knownAs'],
  ['lastName', 'surname'],
] as const;

/** R7 to R9, R12, R14 and R16 for an employee linked (R5) to `user`; `stored` is the employee's stored link, if any. */
export function planLinkedEmployee(
  context: PlanContext,
  employee: ScreenedEmployee,
  user: EiUser,
  stored: Link | undefined,
): EmployeePlan {
  const { input } = context;
  const { employeeNumber } = employee;
  // R5 decides the link every run; a stored link to another user describes writes to someone else, so it restarts.
  const prior: LinkState =
    stored !== undefined && stored.userId === user.id
      ? stored
      : { employeeNumber, lastWritten: {}, leaveDateSetBySync: null };
  const recorded = prior.lastWritten;
  // What the user holds in agreement with HR: the record itself until a field of it changes (most employees on
  // most days), so that an unchanged link is neither copied nor compared field by field.
  let base: LastWritten = recorded;
  // R8: with Include Bank Details off nothing about bank details is stored, not even a hash.
  if (!input.settings.includeBankDetails && 'bankHash' in base) {
    base = { ...recorded };
    delete base.bankHash;
  }
  const write: UserWrite = {};
  const changes: FieldChange[] = [];
  const { outcomes } = context;
  const subject = subjectOf(employee, user.id);

  // R14: the sync owns a leave date only while the user still holds exactly the date it set.
  const ownsLeaveDate = user.leaveDate !== null && user.leaveDate === prior.leaveDateSetBySync;
  const baseLeaveDateSetBySync = ownsLeaveDate ? prior.leaveDateSetBySync : null;
  let leaveDateSetBySync = baseLeaveDateSetBySync;
  let kind: ActionKind = 'update';

  if (employee.source.isLeaver) {
    // R12: "no other field changes for a leaver".
    kind = 'mark_leaver';
    const target = leaverDate(employee.source.leaveDate, user.leaveDate, input.today);
    if (target !== null && user.leaveDate === target) base = agreed(base, recorded, 'leaveDate', target);
    const rejected =
      target !== null &&
      context.rejectedLeaveDates.has(rejectedLeaveKey(employeeNumber, employee.source.leaveDate));
    if (rejected && user.leaveDate !== target) {
      outcomes.push(
        makeOutcome(
          'leaver_rejected',
          'R17',
          subject,
          `Not marked as a leaver from ${target}: an administrator rejected that leave date; it is held back until Staffology gives another`,
          { leaveDate: target },
        ),
      );
    } else if (target !== null && user.leaveDate !== target) {
      const overwritten = recorded.leaveDate !== undefined && user.leaveDate !== recorded.leaveDate;
      changes.push(makeFieldChange('leaveDate', 'R12', user.leaveDate, target, overwritten));
      write.leaveDate = target;
      leaveDateSetBySync = target;
    }
  } else {
    for (const [field, hrField] of nameFields) {
      const value = employee[hrField];
      if (sameName(user[field], value)) {
        base = agreed(base, recorded, field, value);
        continue;
      }
      const overwritten = recorded[field] !== undefined && !sameName(user[field], recorded[field]);
      changes.push(makeFieldChange(field, 'R7', user[field], value, overwritten));
      write[field] = value;
    }

    const email = employee.workEmail;
    if (sameEmail(user.email, email)) {
      base = agreed(base, recorded, 'email', email);
    } else {
      const key = emailKey(email);
      const holder = findEmailHolder(context, key, user.id);
      if (holder !== null) {
        outcomes.push(
          makeOutcome(
            'email_in_use',
            'R7a',
            subject,
            `Email not changed to "${email}": it is used by ${describeEmailHolder(holder)}; the other fields still update`,
            { email, ...emailHolderDetails(holder) },
          ),
        );
      } else {
        const overwritten = recorded.email !== undefined && !sameEmail(user.email, recorded.email);
        changes.push(makeFieldChange('email', 'R7', user.email, email, overwritten));
        write.email = email;
        claimEmail(context, key, employeeNumber);
      }
    }

    const department = planDepartment(context, employee.department, subject, {
      current: user.departmentId,
      recorded: recorded.departmentId,
      creating: false,
    });
    if (department.kind === 'not_found') outcomes.push(department.outcome);
    if (department.kind === 'same') base = agreed(base, recorded, 'departmentId', department.departmentId);
    if (department.kind === 'change') {
      changes.push(department.change);
      write.departmentId = department.departmentId;
    }

    const bank = planBank(input, employee.source.bank, subject, {
      current: user.bankDetails,
      recordedHash: recorded.bankHash,
      creating: false,
    });
    if (bank.kind === 'invalid') outcomes.push(bank.outcome);
    if (bank.kind === 'same') base = agreed(base, recorded, 'bankHash', bank.hash);
    if (bank.kind === 'change') {
      changes.push(bank.change);
      write.bankDetails = bank.bank;
    }

    // R10's note, kept while it holds: a user the sync created stays untouched (not invited, no policy, no approval
    // flow) until an administrator sets it up, so each run says so again and the Users list badge stays "Needs setup".
    // needsSetup is the one test of "set up", shared with the badge (users/decide-badge.ts).
    if (needsSetup(user)) {
      outcomes.push(
        makeOutcome(
          'needs_setup',
          'R10',
          subject,
          'Not set up in ExpenseIn yet: assign an expense policy and an approval flow, then send an invite',
        ),
      );
    }

    if (ownsLeaveDate) {
      kind = 'reinstate';
      changes.push(makeFieldChange('leaveDate', 'R14', user.leaveDate, null, false));
      write.leaveDate = null;
      leaveDateSetBySync = null;
    }
  }

  // The stored link itself when nothing in it changes: no second copy of it to keep alive through the run, and the
  // store is told of no change.
  const link =
    prior === stored &&
    base === recorded &&
    stored.employeeNumber === employeeNumber &&
    stored.leaveDateSetBySync === baseLeaveDateSetBySync
      ? stored
      : { employeeNumber, userId: user.id, lastWritten: base, leaveDateSetBySync: baseLeaveDateSetBySync };
  if (changes.length === 0) return { action: null, link };
  inFieldOrder(changes);
  // What the write sets is recorded as written; the applier hashes the bank details it writes (ChangeAction.link),
  // and the hash of the old ones is no record.
  const { bankDetails, ...writtenFields } = write;
  const lastWritten: LastWritten = { ...base, ...writtenFields };
  if (bankDetails !== undefined) delete lastWritten.bankHash;
  return {
    action: {
      kind,
      rule: actionRule(kind, changes),
      subject,
      userId: user.id,
      write,
      changes,
      link: { employeeNumber, lastWritten, leaveDateSetBySync },
      ...(kind === 'mark_leaver' ? { hrLeaveDate: employee.source.leaveDate } : {}),
    },
    link,
  };
}

/**
 * `base` with `field` agreeing at `value` (never undefined): copied from `recorded` the first time it differs from it.
 */
function agreed<F extends keyof LastWritten>(
  base: LastWritten,
  recorded: LastWritten,
  field: F,
  value: LastWritten[F],
): LastWritten {
  if (base[field] === value) return base;
  const copy = base === recorded ? { ...recorded } : base;
  copy[field] = value;
  return copy;
}

/**
 * R12: HR's leave date, or today when HR gives none. When HR gives none and the user already has a leave date,
 * that date stands: "today" would otherwise move it a day later on every daily sync.
 */
function leaverDate(
  hrLeaveDate: IsoDate | null,
  userLeaveDate: IsoDate | null,
  today: IsoDate,
): IsoDate | null {
  if (hrLeaveDate !== null) return hrLeaveDate;
  return userLeaveDate === null ? today : null;
}

function actionRule(kind: ActionKind, changes: FieldChange[]): RuleId {
  if (kind === 'mark_leaver') return 'R12';
  if (kind === 'reinstate') return 'R14';
  return changes[0]?.rule ?? 'R7';
}
