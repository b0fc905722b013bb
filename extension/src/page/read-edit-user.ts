import type { SyncedField, UserKey } from '@staffsync/shared';
import { type FormField, formFields, labels, selectors } from './selectors.ts';

export interface EditUserForm {
  /** Whom the pop-up edits, as the server knows them: the Reference when set, else the Email. */
  key: UserKey | null;
  /** The synced fields found, by form field. */
  fields: Partial<Record<FormField, Element>>;
  /** The row holding Update: the panel goes just above it. */
  actions: Element | null;
}

/** The synced field (PRODUCT.md 2) each form field writes: the three bank inputs are one field. */
export const syncedFieldOf: Record<FormField, SyncedField> = {
  firstName: 'firstName',
  lastName: 'lastName',
  email: 'email',
  departmentId: 'departmentId',
  'bankDetails.accountName': 'bankDetails',
  'bankDetails.sortCode': 'bankDetails',
  'bankDetails.accountNumber': 'bankDetails',
  leaveDate: 'leaveDate',
};

/** The value a control holds now (an <input>'s or a <select>'s value; text for anything else). */
export function controlValue(control: Element): string {
  if ('value' in control && typeof control.value === 'string') return control.value;
  return control.getAttribute('value') ?? '';
}

/** The text of a <select>'s option with this value ("3" -> "Engineering"), or null. */
export function optionText(select: Element, value: string | number | null): string | null {
  if (value === null) return null;
  const option = [...select.querySelectorAll('option')].find(
    (candidate) => candidate.getAttribute('value') === String(value),
  );
  return option ? (option.textContent ?? '').trim() : null;
}

/**
 * Reads the Edit User pop-up; null while it is still loading (no First Name field yet). A pure function of the
 * pop-up, tested on a saved copy (STYLE.md 7).
 */
export function readEditUser(dialog: Element): EditUserForm | null {
  const fields: Partial<Record<FormField, Element>> = {};
  for (const field of formFields) {
    const control = selectors.field(dialog, labels.fields[field]);
    if (control) fields[field] = control;
  }
  if (!fields.firstName) return null;
  const referenceControl = selectors.field(dialog, labels.reference);
  const reference = referenceControl ? controlValue(referenceControl).trim() : '';
  const email = fields.email ? controlValue(fields.email).trim() : '';
  const key: UserKey | null = reference !== '' ? { reference } : email !== '' ? { email } : null;
  return { key, fields, actions: selectors.dialogActions(dialog)[0] ?? null };
}
