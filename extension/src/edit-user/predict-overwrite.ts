import type { RuleId, SyncedField, UserStatus } from '@staffsync/shared';
import { syncedFieldOf } from '../page/read-edit-user.ts';
import type { FormField } from '../page/selectors.ts';

/** What the next sync will do to a field the administrator is editing, shown before Update is pressed. */
export interface OverwriteWarning {
  field: FormField;
  syncedField: SyncedField;
  rule: RuleId;
  /**
   * The value the sync will set: HR's as the server gave it (a department id, a masked bank account) when the field
   * was a pending overwrite, else the value the form opened with (the field agreed with HR).
   */
  hrValue: string | number | null;
}

export interface EditedField {
  field: FormField;
  value: string;
  /** The value the pop-up opened with. */
  original: string;
}

const ruleOf: Record<SyncedField, RuleId> = {
  firstName: 'R7',
  lastName: 'R7',
  email: 'R7',
  departmentId: 'R9',
  bankDetails: 'R8',
  leaveDate: 'R12',
};

const same: Record<SyncedField, (a: string, b: string) => boolean> = {
  // PRODUCT.md 2: strings trimmed; names exact; emails case-insensitive; sort codes as their digits.
  firstName: (a, b) => a.normalize('NFC').trim() === b.normalize('NFC').trim(),
  lastName: (a, b) => a.normalize('NFC').trim() === b.normalize('NFC').trim(),
  email: (a, b) => a.trim().toLowerCase() === b.trim().toLowerCase(),
  departmentId: (a, b) => a === b,
  bankDetails: (a, b) => a.replace(/[\s-]/g, '') === b.replace(/[\s-]/g, ''),
  leaveDate: (a, b) => a === b,
};

/**
 * Whether the next sync will overwrite an edit (PRODUCT.md 5: "editing one shows, before saving, that the next
 * sync will overwrite it"). The server's user status says which fields are pending overwrites and HR's value for
 * them; a synced field with no pending overwrite agrees with HR, so HR's value is the one the form opened with.
 * Only what the sync really writes counts: nothing for a user with no employee (R15), only the leave date for a
 * leaver (R12), bank details only where the sync has written or will write them (R8 off means never), and a leave
 * date or department only where HR sets one (R9, R12, R14).
 */
export function predictOverwrite(edit: EditedField, status: UserStatus): OverwriteWarning | null {
  const syncedField = syncedFieldOf[edit.field];
  if (!status.link.linked || status.badge === 'skipped') return null;
  const pending = status.pendingOverwrites.find((overwrite) => overwrite.field === syncedField);
  const leaver = status.badge === 'leaver' || status.badge === 'scheduled_leaver';
  const wrote = status.recentChanges.some((run) =>
    run.changes.some((change) => change.field === syncedField),
  );

  if (pending) {
    // Bank details are masked by the server: any edit to them is overwritten with HR's.
    if (syncedField === 'bankDetails' || pending.hrValue === null) {
      return { field: edit.field, syncedField, rule: pending.rule, hrValue: pending.hrValue };
    }
    if (same[syncedField](edit.value, String(pending.hrValue))) return null;
    return { field: edit.field, syncedField, rule: pending.rule, hrValue: pending.hrValue };
  }

  const synced =
    syncedField === 'leaveDate'
      ? leaver && edit.original !== ''
      : syncedField === 'bankDetails'
        ? !leaver && wrote
        : syncedField === 'departmentId'
          ? !leaver && edit.original !== ''
          : !leaver;
  if (!synced || same[syncedField](edit.value, edit.original)) return null;
  return { field: edit.field, syncedField, rule: ruleOf[syncedField], hrValue: edit.original };
}

/**
 * The fields that carry a "synced" marker for this user: every synced field of a linked user (PRODUCT.md 5), but
 * for a leaver only the leave date (R12), bank details only where the sync writes them (R8 can be off), and the
 * department only where one is set or due (R9).
 */
export function isMarked(field: FormField, status: UserStatus, original: string): boolean {
  if (!status.link.linked) return false;
  const syncedField = syncedFieldOf[field];
  const leaver = status.badge === 'leaver' || status.badge === 'scheduled_leaver';
  if (leaver) return syncedField === 'leaveDate';
  const pending = status.pendingOverwrites.some((overwrite) => overwrite.field === syncedField);
  // R9: a department HR does not set (or ExpenseIn lacks) is left alone.
  if (syncedField === 'departmentId') return pending || original !== '';
  if (syncedField !== 'bankDetails') return true;
  return (
    status.pendingOverwrites.some((overwrite) => overwrite.field === 'bankDetails') ||
    status.recentChanges.some((run) => run.changes.some((change) => change.field === 'bankDetails'))
  );
}
