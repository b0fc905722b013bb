import type {
  BankDetails,
  DriftLabel,
  EiDepartment,
  EiUser,
  FieldChange,
  HrEmployee,
  IsoDate,
  LastWritten,
  Link,
  PendingOverwrite,
  PlannedAction,
  SyncSettings,
  UserWrite,
} from '@staffsync/shared';
import { normaliseBank, sameEmail, sameName } from './normalise.ts';
import { planSync } from './plan-sync.ts';

export interface DriftInput {
  /** The HR employee linked to the user. */
  employee: HrEmployee;
  userId: number;
  /** Every ExpenseIn user: R4 and R7a depend on the others. */
  users: EiUser[];
  departments: EiDepartment[];
  /** The stored link for the employee, if any: its `lastWritten` labels each overwrite. */
  link: Link | null;
  settings: SyncSettings;
  today: IsoDate;
  hashBank: (bank: BankDetails) => string;
}

/**
 * Pending overwrites for one linked user (PRODUCT.md 2, "Drift"): the changes the next sync would make to it.
 * They come from `planSync` on this employee alone, so drift can never disagree with what a sync does (an email
 * R7a would refuse is no pending overwrite). Duplicate employee numbers (R3) and the leaver guard (R17) need the
 * whole company and are not seen here: a held leaver still shows as pending, which it is.
 */
export function computeDrift(input: DriftInput): PendingOverwrite[] {
  const plan = planSync({
    employees: [input.employee],
    invalidRecords: [],
    users: input.users,
    departments: input.departments,
    links: input.link ? [input.link] : [],
    settings: input.settings,
    today: input.today,
    hashBank: input.hashBank,
  });
  const action = [...plan.actions, ...plan.held].find((candidate) => candidate.userId === input.userId);
  const user = input.users.find((candidate) => candidate.id === input.userId);
  if (!action || !user) return [];
  return driftOf(action, user, input.link, input.hashBank);
}

/** The pending overwrites of a planned action on `user`, for a caller that holds the plan already. */
export function driftOf(
  action: PlannedAction,
  user: EiUser,
  link: Link | null,
  hashBank: (bank: BankDetails) => string,
): PendingOverwrite[] {
  // A link to another user records writes to someone else: no record for this user.
  const recorded = link?.userId === user.id ? link.lastWritten : {};
  return action.changes.map((change) => ({
    field: change.field,
    rule: change.rule,
    expenseInValue: change.before,
    hrValue: change.after,
    labels: labelsFor(change, user, action.write, recorded, hashBank),
  }));
}

/**
 * With no record of what the sync last wrote to a field (never written, or written before records were kept),
 * neither side can be said to have changed, so the overwrite carries no label rather than a guess.
 */
function labelsFor(
  change: FieldChange,
  user: EiUser,
  write: UserWrite,
  recorded: LastWritten,
  hashBank: (bank: BankDetails) => string,
): DriftLabel[] {
  const differs = differences(change, user, write, recorded, hashBank);
  if (differs === null) return [];
  const labels: DriftLabel[] = [];
  if (differs.expenseIn) labels.push('edited_in_expensein');
  if (differs.hr) labels.push('changed_in_hr');
  return labels;
}

function differences(
  change: FieldChange,
  user: EiUser,
  write: UserWrite,
  recorded: LastWritten,
  hashBank: (bank: BankDetails) => string,
): { expenseIn: boolean; hr: boolean } | null {
  switch (change.field) {
    case 'firstName':
    case 'lastName': {
      const last = recorded[change.field];
      if (last === undefined) return null;
      return { expenseIn: !sameName(user[change.field], last), hr: !sameName(write[change.field], last) };
    }
    case 'email': {
      const last = recorded.email;
      if (last === undefined) return null;
      return { expenseIn: !sameEmail(user.email, last), hr: !sameEmail(write.email, last) };
    }
    case 'departmentId': {
      const last = recorded.departmentId;
      if (last === undefined) return null;
      return { expenseIn: user.departmentId !== last, hr: write.departmentId !== last };
    }
    case 'leaveDate': {
      const last = recorded.leaveDate;
      if (last === undefined) return null;
      return { expenseIn: user.leaveDate !== last, hr: write.leaveDate !== last };
    }
    case 'bankDetails': {
      const last = recorded.bankHash;
      if (last === undefined) return null;
      const userHash = user.bankDetails ? hashBank(normaliseBank(user.bankDetails)) : null;
      const hrHash = write.bankDetails ? hashBank(write.bankDetails) : null;
      return { expenseIn: userHash !== last, hr: hrHash !== last };
    }
  }
}
