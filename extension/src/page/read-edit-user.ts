import type { SyncedField, UserKey } from '@staffsync/shared';
import { textOf } from './accessible-name.ts';
import { type FormField, formFields } from './anchors.ts';
import type { Selectors } from './selectors.ts';
import { isShown } from './visibility.ts';

/** A field of the Edit User window: its control and the caption its marker goes beside. */
export interface FieldAnchor {
  control: Element;
  label: Element | null;
}

export interface EditUserReading {
  /** Whom the window shows, as the server knows them: the Reference when set, else the Email; null if neither shows. */
  key: UserKey | null;
  /** The control the key was read from (Reference, else Email). */
  keyControl: Element | null;
  /** The synced fields in the page now (a tab that removes its inactive panes shows only some). */
  fields: Partial<Record<FormField, FieldAnchor>>;
  /** The Update button, whose row the panel goes above. */
  update: Element | null;
  /**
   * The window says it is loading (a progress bar, or aria-busy): what it shows may still be the previous user's,
   * as in a window reused for the next user.
   */
  busy: boolean;
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

/** What a control holds now, and what it shows: a <select>'s value and its option's words; a text box's text. */
export interface ControlReading {
  value: string;
  text: string;
}

export function readControl(control: Element): ControlReading {
  if (control.tagName.toLowerCase() === 'select') {
    const select = control as HTMLSelectElement;
    // A parsed copy of a page (the selector tests) may lack the `selected` property: the attribute says the same.
    const option = [...select.querySelectorAll('option')].find((candidate: Element) =>
      'selected' in candidate && typeof candidate.selected === 'boolean'
        ? candidate.selected
        : candidate.hasAttribute('selected'),
    );
    return { value: select.value ?? option?.getAttribute('value') ?? '', text: textOf(option) };
  }
  if ('value' in control && typeof control.value === 'string')
    return { value: control.value, text: control.value };
  // A combobox or text box drawn without a form control: what it says is its value.
  const text = control.getAttribute('aria-valuetext') ?? textOf(control);
  return { value: text, text };
}

/** The words of a <select>'s option with this value ("3" -> "Engineering"), or null. */
export function optionText(control: Element, value: string | number | null): string | null {
  if (value === null || control.tagName.toLowerCase() !== 'select') return null;
  const option = [...control.querySelectorAll('option')].find(
    (candidate) => candidate.getAttribute('value') === String(value),
  );
  return option ? textOf(option) : null;
}

/**
 * Reads the Edit User window as it is now: a pure function of the window, tested on saved copies (STYLE.md 7).
 * Called again whenever the window changes, so a window reused for another user, a tab that redraws its pane or a
 * control replaced by the page is followed.
 */
export function readEditUser(dialog: Element, selectors: Selectors): EditUserReading {
  const fields: Partial<Record<FormField, FieldAnchor>> = {};
  for (const field of formFields) {
    const [control] = selectors.field(dialog, field).found;
    if (control)
      fields[field] = { control, label: selectors.fieldLabel(control, field, dialog).found[0] ?? null };
  }
  const [referenceControl] = selectors.field(dialog, 'reference').found;
  const reference = referenceControl ? readControl(referenceControl).value.trim() : '';
  const email = fields.email ? readControl(fields.email.control).value.trim() : '';
  const key: UserKey | null = reference !== '' ? { reference } : email !== '' ? { email } : null;
  const keyControl =
    reference !== '' ? (referenceControl ?? null) : email !== '' ? (fields.email?.control ?? null) : null;
  const busy =
    [...dialog.querySelectorAll('[role="progressbar"], [aria-busy="true"]')].some(isShown) ||
    dialog.getAttribute('aria-busy') === 'true';
  return { key, keyControl, fields, update: selectors.updateButton(dialog).found[0] ?? null, busy };
}
