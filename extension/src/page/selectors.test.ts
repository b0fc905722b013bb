import { describe, expect, it } from 'vitest';
import { loadSavedPage } from '../testing/load-saved-page.ts';
import { controlValue, optionText, readEditUser } from './read-edit-user.ts';
import { readColumns, readUsersList } from './read-users-list.ts';
import { formFields, labels, selectors } from './selectors.ts';

// Every selector against saved copies of the sandbox's pages (STYLE.md 7), with the match counts they must give.

describe('usersTables', () => {
  it.each([
    ['users-list.html', 1],
    ['users-list-leavers.html', 1],
    ['edit-user.html', 1],
    ['new-user.html', 1],
    ['departments.html', 0],
  ])('finds %s -> %i Users table', (page, count) => {
    expect(selectors.usersTables(loadSavedPage(page))).toHaveLength(count);
  });

  it('finds an unnamed table by its Name and Email columns', () => {
    const document = loadSavedPage('users-list.html');
    const [table] = selectors.usersTables(document);
    table?.removeAttribute('aria-labelledby');
    expect(selectors.usersTables(document)).toEqual([table]);
  });
});

describe('readUsersList', () => {
  it.each([
    ['users-list.html', 6],
    ['users-list-leavers.html', 8],
  ])('reads every user row of %s (%i)', (page, count) => {
    const [table] = selectors.usersTables(loadSavedPage(page));
    expect(table && readUsersList(table)).toHaveLength(count);
  });

  it('keys rows by reference, and by email where the reference is empty', () => {
    const [table] = selectors.usersTables(loadSavedPage('users-list.html'));
    const rows = table ? readUsersList(table) : [];
    expect(rows.map((row) => row.key)).toEqual([
      { reference: 'E1006' },
      { reference: 'E1001' },
      { reference: 'E1003' },
      { reference: 'E1002' },
      { email: 'margaret.hamilton@northwind.example' },
      { reference: 'E1007' },
    ]);
    expect(rows.map((row) => row.name)).toContain('Ada Lovelace');
    expect(rows.every((row) => row.badgeCell.textContent?.includes(row.name))).toBe(true);
  });

  it('keys every row by email when the list shows no Reference column', () => {
    const document = loadSavedPage('users-list.html');
    const [table] = selectors.usersTables(document);
    if (!table) throw new Error('no Users table');
    const column = readColumns(table).reference;
    for (const row of table.querySelectorAll('tr')) row.children[column]?.remove();
    expect(readColumns(table).reference).toBe(-1);
    const keys = readUsersList(table).map((row) => row.key);
    expect(keys).toHaveLength(6);
    expect(keys).toContainEqual({ email: 'ada.lovelace@northwind.example' });
    expect(keys.every((key) => 'email' in key)).toBe(true);
  });

  it('finds the columns by their header labels', () => {
    const [table] = selectors.usersTables(loadSavedPage('users-list.html'));
    expect(table && readColumns(table)).toEqual({ name: 1, email: 2, reference: 3 });
  });

  it('skips message rows (loading, no users match)', () => {
    const document = loadSavedPage('users-list.html');
    const [table] = selectors.usersTables(document);
    const body = table?.querySelector('tbody');
    if (!table || !body) throw new Error('no Users table');
    body.innerHTML = '<tr><td colspan="7">No users match this filter.</td></tr>';
    expect(readUsersList(table)).toEqual([]);
  });
});

describe('editUserDialogs', () => {
  it.each([
    ['edit-user.html', 1],
    ['new-user.html', 0],
    ['users-list.html', 0],
    ['departments.html', 0],
  ])('finds %s -> %i Edit User pop-up', (page, count) => {
    expect(selectors.editUserDialogs(loadSavedPage(page))).toHaveLength(count);
  });

  it('finds a pop-up with no accessible name by its heading', () => {
    const document = loadSavedPage('edit-user.html');
    const [dialog] = selectors.editUserDialogs(document);
    dialog?.removeAttribute('aria-labelledby');
    expect(selectors.editUserDialogs(document)).toEqual([dialog]);
  });

  it('finds a pop-up with no dialog role by its title, tabs and Update button', () => {
    const document = loadSavedPage('edit-user.html');
    const [dialog] = selectors.editUserDialogs(document);
    if (!dialog) throw new Error('no dialog');
    const box = document.createElement('div');
    box.innerHTML = dialog.innerHTML;
    dialog.replaceWith(box);
    const found = selectors.editUserDialogs(document);
    expect(found).toHaveLength(1);
    expect(found[0]?.querySelector('h2')?.textContent).toBe('Edit User');
  });
});

describe('readEditUser', () => {
  const dialogOf = (page: string) => {
    const [dialog] = selectors.editUserDialogs(loadSavedPage(page));
    if (!dialog) throw new Error(`no Edit User pop-up in ${page}`);
    return dialog;
  };

  it('finds every synced field by its label', () => {
    const form = readEditUser(dialogOf('edit-user.html'));
    expect(Object.keys(form?.fields ?? {}).sort()).toEqual([...formFields].sort());
    const values = Object.fromEntries(
      Object.entries(form?.fields ?? {}).map(([field, control]) => [field, controlValue(control)]),
    );
    expect(values).toEqual({
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada.lovelace@northwind.example',
      departmentId: '3',
      'bankDetails.accountName': 'A Lovelace',
      'bankDetails.sortCode': '11-22-33',
      'bankDetails.accountNumber': '12345678',
      leaveDate: '',
    });
  });

  it('knows the user by Reference', () => {
    expect(readEditUser(dialogOf('edit-user.html'))?.key).toEqual({ reference: 'E1001' });
  });

  it('knows the user by Email when the Reference is empty', () => {
    const dialog = dialogOf('edit-user.html');
    const reference = selectors.field(dialog, labels.reference);
    reference?.setAttribute('value', '  ');
    expect(readEditUser(dialog)?.key).toEqual({ email: 'ada.lovelace@northwind.example' });
  });

  it('finds the row holding Update', () => {
    const actions = readEditUser(dialogOf('edit-user.html'))?.actions;
    expect([...(actions?.querySelectorAll('button') ?? [])].map((button) => button.textContent)).toEqual([
      'Cancel',
      'Update',
    ]);
  });

  it('names a department id by its option', () => {
    const department = readEditUser(dialogOf('edit-user.html'))?.fields.departmentId;
    expect(department && optionText(department, 3)).toBe('Engineering');
    expect(department && optionText(department, 99)).toBeNull();
  });

  it('is not ready while the pop-up is loading', () => {
    const dialog = dialogOf('edit-user.html');
    for (const panel of dialog.querySelectorAll('[role="tabpanel"]')) panel.remove();
    expect(readEditUser(dialog)).toBeNull();
  });

  it.each([
    [
      'an aria-label',
      (input: Element) => {
        input.setAttribute('aria-label', 'First Name');
        input.removeAttribute('id');
      },
    ],
    [
      'a wrapping label',
      (input: Element) => {
        const label = input.ownerDocument.createElement('label');
        label.append('First Name ');
        input.removeAttribute('id');
        input.replaceWith(label);
        label.append(input);
      },
    ],
    [
      'a caption beside it',
      (input: Element) => {
        const caption = input.ownerDocument.createElement('span');
        caption.textContent = 'First Name';
        input.removeAttribute('id');
        input.before(caption);
      },
    ],
  ])('finds First Name labelled by %s', (_variant, relabel) => {
    const dialog = dialogOf('edit-user.html');
    const input = dialog.querySelector('#edit-user-firstName');
    if (!input) throw new Error('no First Name input');
    for (const label of dialog.querySelectorAll('label[for="edit-user-firstName"]')) label.remove();
    relabel(input);
    expect(selectors.field(dialog, labels.fields.firstName)).toBe(input);
  });
});
