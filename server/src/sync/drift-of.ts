import type {
  BankDetails,
  DriftLabel,
  EiUser,
  FieldChange,
  LastWritten,
  Link,
  PendingOverwrite,
  PlannedAction,
  UserWrite,
} from '@staffsync/shared';
import { changesOf } from './changes-of.ts';
import { normaliseBank, sameEmail, sameName } from './normalise.ts';

/**
 * Pending overwrites for one linked user (PRODUCT.md 2, "Drift"): the changes the planned `action` makes to it. They
 * come from the plan a run would make, so drift can never disagree with what a sync does (an email R7a would refuse
 * is no pending overwrite); each is labelled by what changed since the sync last wrote the field.
 */
export function driftOf(
  action: PlannedAction,
  user: EiUser,
  link: Link | null,
  hashBank: (bank: BankDetails) => string,
): PendingOverwrite[] {
  // A link to another user records writes to someone else: no record for this user.
  const recorded = link?.userId === user.id ? link.lastWritten : {};
  return changesOf(action).map((change) => ({
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
