import type { RuleId, SyncedField, UserStatus } from '@staffsync/shared';
import { parseDisplayDate } from '../format/parse-display-date.ts';
import type { FormField } from '../page/anchors.ts';
import { syncedFieldOf } from '../page/read-edit-user.ts';

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
  /** The words the form showed for that value when it is the one the form opened with (a department's name). */
  hrText: string | null;
}

export interface EditedField {
  field: FormField;
  /** The control's value now, and the words it shows (a select's option; a text box's text). */
  value: string;
  text: string;
  /** The value and words the window opened with. */
  original: string;
  originalText: string;
}

/** A value with the words shown for it, where known. */
interface Shown {
  value: string;
  text?: string | null;
}

const ruleOf: Record<SyncedField, RuleId> = {
  firstName: 'R7',
  lastName: 'R7',
  email: 'R7',
  departmentId: 'R9',
  bankDetails: 'R8',
  leaveDate: 'R12',
};

const words = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim().toLowerCase();

const same: Record<SyncedField, (a: Shown, b: Shown) => boolean> = {
  // PRODUCT.md 2: strings trimmed; names exact; emails case-insensitive; sort codes as their digits.
  firstName: (a, b) => a.value.normalize('NFC').trim() === b.value.normalize('NFC').trim(),
  lastName: (a, b) => a.value.normalize('NFC').trim() === b.value.normalize('NFC').trim(),
  email: (a, b) => a.value.trim().toLowerCase() === b.value.trim().toLowerCase(),
  // A select may hold ids (the value HR's department id is) or names (the words shown): either agreeing is the same.
  departmentId: (a, b) => a.value === b.value || (words(b.text) !== '' && words(a.text) === words(b.text)),
  bankDetails: (a, b) => a.value.replace(/[\s-]/g, '') === b.value.replace(/[\s-]/g, ''),
  // Dates as dates: a picker showing 31/01/2027 holds HR's 2027-01-31.
  leaveDate: (a, b) => {
    const [left, right] = [parseDisplayDate(a.value), parseDisplayDate(b.value)];
    return left !== null && right !== null ? left === right : a.value.trim() === b.value.trim();
  },
};

/**
 * Whether the next sync will overwrite an edit (PRODUCT.md 5: "editing one shows, before saving, that the next
 * sync will overwrite it"). The server's user status says which fields are pending overwrites and HR's value for
 * them; a synced field with no pending overwrite agrees with HR, so HR's value is the one the form opened with.
 * Only what the sync really writes counts: nothing for a user with no employee (R15), only the leave date for a
 * leaver (R12), bank details only where the sync has written or will write them (R8 off means never), and a leave
 * date or department only where HR sets one (R9, R12, R14).
 */
export function predictOverwrite(
  edit: EditedField,
  status: UserStatus,
  departmentName: (id: number) => string | null = () => null,
): OverwriteWarning | null {
  const syncedField = syncedFieldOf[edit.field];
  if (!status.link.linked || status.badge === 'skipped') return null;
  const pending = status.pendingOverwrites.find((overwrite) => overwrite.field === syncedField);
  const leaver = status.badge === 'leaver' || status.badge === 'scheduled_leaver';
  const wrote = status.recentChanges.some((run) =>
    run.changes.some((change) => change.field === syncedField),
  );

  const now: Shown = { value: edit.value, text: edit.text };
  if (pending) {
    const warning = {
      field: edit.field,
      syncedField,
      rule: pending.rule,
      hrValue: pending.hrValue,
      hrText: null,
    };
    // Bank details are masked by the server: any edit to them is overwritten with HR's.
    if (syncedField === 'bankDetails' || pending.hrValue === null) return warning;
    const hrText = syncedField === 'departmentId' ? departmentName(Number(pending.hrValue)) : null;
    return same[syncedField](now, { value: String(pending.hrValue), text: hrText }) ? null : warning;
  }

  const synced =
    syncedField === 'leaveDate'
      ? leaver && edit.original !== ''
      : syncedField === 'bankDetails'
        ? !leaver && wrote
        : syncedField === 'departmentId'
          ? !leaver && edit.original !== ''
          : !leaver;
  if (!synced || same[syncedField](now, { value: edit.original, text: edit.originalText })) return null;
  return {
    field: edit.field,
    syncedField,
    rule: ruleOf[syncedField],
    hrValue: edit.original,
    hrText: edit.originalText,
  };
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
