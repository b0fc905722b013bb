import { describe, expect, it } from 'vitest';
import { readControl, readEditUser } from '../page/read-edit-user.ts';
import { createSelectors } from '../page/selectors.ts';
import { loadSavedPage } from '../testing/load-saved-page.ts';
import { keepUnchanged } from './use-edit-user-reading.ts';

const selectors = createSelectors();

function editUserDialog(): Element {
  const [dialog] = selectors.editUserDialogs(loadSavedPage('edit-user.html')).found;
  if (!dialog) throw new Error('no Edit User window in edit-user.html');
  return dialog;
}

function type(control: Element, value: string): void {
  (control as HTMLInputElement).value = value;
  expect(readControl(control).value).toBe(value);
}

describe('keepUnchanged', () => {
  it('keeps the reading itself when the window reads the same', () => {
    const dialog = editUserDialog();
    const last = readEditUser(dialog, selectors);
    expect(keepUnchanged(last, readEditUser(dialog, selectors)) === last, 'the same reading').toBe(true);
  });

  it('keeps the fields object when only the Reference typed changes the key, so no marker is placed again', () => {
    const dialog = editUserDialog();
    const last = readEditUser(dialog, selectors);
    const [reference] = selectors.field(dialog, 'reference').found;
    if (!reference) throw new Error('no Reference field');
    type(reference, 'E1001X');
    const kept = keepUnchanged(last, readEditUser(dialog, selectors));
    expect(kept === last, 'a new reading').toBe(false);
    expect(kept.key).toEqual({ reference: 'E1001X' });
    expect(kept.fields === last.fields, 'the same fields object').toBe(true);
  });

  it('keeps the fields object when the Email typed is the key (no Reference)', () => {
    const dialog = editUserDialog();
    const [reference] = selectors.field(dialog, 'reference').found;
    if (!reference) throw new Error('no Reference field');
    type(reference, '');
    const last = readEditUser(dialog, selectors);
    const email = last.fields.email?.control;
    if (!email) throw new Error('no Email field');
    type(email, 'ada@northwind.example');
    const kept = keepUnchanged(last, readEditUser(dialog, selectors));
    expect(kept.key).toEqual({ email: 'ada@northwind.example' });
    expect(kept.fields === last.fields, 'the same fields object').toBe(true);
  });

  it('takes the new fields when the page replaced a control', () => {
    const dialog = editUserDialog();
    const last = readEditUser(dialog, selectors);
    const control = last.fields.firstName?.control;
    if (!control) throw new Error('no First Name field');
    control.replaceWith(control.cloneNode(true));
    const next = readEditUser(dialog, selectors);
    const kept = keepUnchanged(last, next);
    expect(kept.fields === next.fields, 'the new fields object').toBe(true);
    expect(kept.fields.firstName?.control === control, 'the old control').toBe(false);
  });
});
