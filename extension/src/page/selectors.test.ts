import { describe, expect, it } from 'vitest';
import { loadSavedPage, parsePage } from '../testing/load-saved-page.ts';
import { CORRECTION_VARIANT } from './anchors.ts';
import { readControl, readEditUser } from './read-edit-user.ts';
import { readUsersList } from './read-users-list.ts';
import { missingOnPage } from './recognise-page.ts';
import { createSelectors, readColumns } from './selectors.ts';

// Every selector against saved copies of the sandbox's pages in each of its looks (STYLE.md 7), with the match
// counts and the variant each look needs.

const selectors = createSelectors();

describe('usersLists', () => {
  it.each([
    ['users-list.html', 1, 'table named Users'],
    ['users-list-leavers.html', 1, 'table named Users'],
    ['edit-user.html', 1, 'table named Users'],
    ['new-user.html', 1, 'table named Users'],
    ['departments.html', 0, null],
    ['grid-users-list.html', 1, 'table with Name and Email columns'],
    ['material-users-list.html', 1, 'table with Name and Email columns'],
  ])('finds %s -> %i Users list (%s)', (page, count, variant) => {
    const found = selectors.usersLists(loadSavedPage(page));
    expect(found.found).toHaveLength(count);
    expect(found.variant).toBe(variant);
  });

  it('finds a table under a Users heading whose name column says something else', () => {
    const document = loadSavedPage('users-list.html');
    const [table] = selectors.usersLists(document).found;
    table?.removeAttribute('aria-labelledby');
    const nameHeader = table?.querySelectorAll('thead th')[1];
    if (nameHeader) nameHeader.textContent = 'Employee';
    expect(selectors.usersLists(document)).toMatchObject({
      found: [table],
      variant: 'table under a Users heading',
    });
  });
});

describe('readUsersList', () => {
  const listOf = (page: string) => {
    const [list] = selectors.usersLists(loadSavedPage(page)).found;
    if (!list) throw new Error(`no Users list in ${page}`);
    return list;
  };

  it.each([
    ['users-list.html', 6, 'table body rows'],
    ['users-list-leavers.html', 8, 'table body rows'],
    ['grid-users-list.html', 6, 'ARIA rows'],
    ['material-users-list.html', 6, 'table body rows'],
  ])('reads every user row of %s (%i, by %s)', (page, count, variant) => {
    const reading = readUsersList(listOf(page), selectors);
    expect(reading.rows).toHaveLength(count);
    expect(reading.rowsFound.variant).toBe(variant);
  });

  it('keys rows by reference, and by email where the reference is empty', () => {
    const reading = readUsersList(listOf('users-list.html'), selectors);
    expect(reading.rows.map((row) => row.key)).toEqual([
      { reference: 'E1006' },
      { reference: 'E1001' },
      { reference: 'E1003' },
      { reference: 'E1002' },
      { email: 'margaret.hamilton@northwind.example' },
      { reference: 'E1007' },
    ]);
    expect(reading.keyVariant).toBe('Reference column');
    expect(reading.rows.map((row) => row.badgeCell.textContent)).toContain('Ada Lovelace');
  });

  it('keys every row of the grid by email: it shows no Reference column', () => {
    const list = listOf('grid-users-list.html');
    expect(readColumns(list)).toEqual({ name: 0, email: 1, reference: -1 });
    const reading = readUsersList(list, selectors);
    expect(reading.keyVariant).toBe('Email column');
    expect(reading.rows.every((row) => 'email' in row.key)).toBe(true);
    expect(reading.rows.map((row) => row.key)).toContainEqual({ email: 'ada.lovelace@northwind.example' });
    expect(reading.rows.every((row) => row.badgeCell.getAttribute('role') === 'gridcell')).toBe(true);
  });

  it('finds an email in the row when the list has no Email column', () => {
    const list = listOf('users-list.html');
    const column = readColumns(list).email;
    const reference = readColumns(list).reference;
    for (const row of list.querySelectorAll('tr')) {
      const [email, ref] = [row.children[column], row.children[reference]];
      // A "User" cell stacking the name over the email, and no reference shown.
      if (email && row.children[1] && row.parentElement?.tagName === 'TBODY')
        row.children[1].append(` ${email.textContent}`);
      email?.remove();
      ref?.remove();
    }
    const reading = readUsersList(list, selectors);
    expect(reading.rows).toHaveLength(6);
    expect(reading.keyVariant).toBe('email in the row');
  });

  it('skips message rows (loading, no users match) without counting them as rows it could not key', () => {
    const list = listOf('users-list.html');
    const body = list.querySelector('tbody');
    if (body) body.innerHTML = '<tr><td colspan="7">No users match this filter.</td></tr>';
    expect(readUsersList(list, selectors)).toMatchObject({ rows: [], unkeyed: 0 });
  });
});

describe('editUserDialogs', () => {
  it.each([
    ['edit-user.html', 1, 'dialog named Edit User'],
    ['new-user.html', 0, null],
    ['users-list.html', 0, null],
    ['departments.html', 0, null],
    ['grid-users-list.html', 0, null],
    ['material-edit-user.html', 1, 'dialog named Edit User'],
    ['material-edit-user-employment.html', 1, 'dialog named Edit User'],
  ])('finds %s -> %i Edit User window (%s)', (page, count, variant) => {
    const found = selectors.editUserDialogs(loadSavedPage(page));
    expect(found.found).toHaveLength(count);
    if (count > 0) expect(found.variant).toBe(variant);
  });

  it('never takes a window kept in the page and hidden for the open one', () => {
    const document = loadSavedPage('material-users-list.html');
    expect(document.querySelector('[role="dialog"]')).not.toBeNull();
    expect(selectors.editUserDialogs(document).found).toEqual([]);
  });

  it('finds a window with no accessible name by its heading', () => {
    const document = loadSavedPage('edit-user.html');
    const [dialog] = selectors.editUserDialogs(document).found;
    dialog?.removeAttribute('aria-labelledby');
    expect(selectors.editUserDialogs(document)).toMatchObject({
      found: [dialog],
      variant: 'dialog with an Edit User heading',
    });
  });

  it('finds a window with no dialog role by its title, tabs and Update button', () => {
    const document = loadSavedPage('material-edit-user.html');
    const [dialog] = selectors.editUserDialogs(document).found;
    if (!dialog) throw new Error('no dialog');
    for (const attribute of ['role', 'aria-modal', 'aria-labelledby']) dialog.removeAttribute(attribute);
    const title = dialog.querySelector('h2');
    title?.replaceWith(Object.assign(document.createElement('div'), { textContent: 'Edit User' }));
    const found = selectors.editUserDialogs(document);
    expect(found.variant).toBe('Edit User title with the user tabs');
    expect(found.found).toEqual([dialog]);
  });
});

describe('readEditUser', () => {
  const dialogOf = (page: string) => {
    const [dialog] = selectors.editUserDialogs(loadSavedPage(page)).found;
    if (!dialog) throw new Error(`no Edit User window in ${page}`);
    return dialog;
  };
  const values = (page: string) => {
    const reading = readEditUser(dialogOf(page), selectors);
    return Object.fromEntries(
      Object.entries(reading.fields).map(([field, anchor]) => [field, readControl(anchor.control).value]),
    );
  };

  it('finds every synced field of the default look by its label', () => {
    expect(values('edit-user.html')).toEqual({
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

  it('finds the Details fields of the material look by captions that neither wrap nor point at them', () => {
    const dialog = dialogOf('material-edit-user.html');
    expect(values('material-edit-user.html')).toEqual({
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada.lovelace@northwind.example',
      departmentId: 'Engineering',
      'bankDetails.accountName': 'A Lovelace',
      'bankDetails.sortCode': '11-22-33',
      'bankDetails.accountNumber': '12345678',
    });
    expect(selectors.field(dialog, 'firstName').variant).toBe('caption in the field box');
    const reading = readEditUser(dialog, selectors);
    for (const anchor of Object.values(reading.fields)) expect(anchor.label?.className).toBe('mat-label');
    expect(reading.key).toEqual({ reference: 'E1001' });
    const department = reading.fields.departmentId?.control;
    expect(department && readControl(department)).toEqual({ value: 'Engineering', text: 'Engineering' });
  });

  it('finds only the Leave Date on the material Employment tab, whose pane alone is in the page', () => {
    const reading = readEditUser(dialogOf('material-edit-user-employment.html'), selectors);
    expect(Object.keys(reading.fields)).toEqual(['leaveDate']);
    expect(reading.fields.leaveDate?.control.getAttribute('placeholder')).toBe('dd/mm/yyyy');
    expect(reading.fields.leaveDate?.label?.textContent).toBe('Leave Date');
    expect(reading.key).toBeNull();
  });

  it('knows the user by Reference, else by Email', () => {
    const dialog = dialogOf('edit-user.html');
    expect(readEditUser(dialog, selectors).key).toEqual({ reference: 'E1001' });
    selectors.field(dialog, 'reference').found[0]?.setAttribute('value', '  ');
    expect(readEditUser(dialog, selectors).key).toEqual({ email: 'ada.lovelace@northwind.example' });
  });

  it('finds the Update button, in either look', () => {
    for (const page of ['edit-user.html', 'material-edit-user.html']) {
      expect(readEditUser(dialogOf(page), selectors).update?.textContent).toBe('Update');
    }
  });

  it('is busy while a reused window loads the next user', () => {
    const dialog = dialogOf('material-edit-user.html');
    expect(readEditUser(dialog, selectors).busy).toBe(false);
    dialog.prepend(Object.assign(dialog.ownerDocument.createElement('div'), { role: 'progressbar' }));
    dialog.firstElementChild?.setAttribute('role', 'progressbar');
    expect(readEditUser(dialog, selectors).busy).toBe(true);
  });

  it('finds nothing while the window is loading', () => {
    const dialog = dialogOf('edit-user.html');
    for (const panel of dialog.querySelectorAll('[role="tabpanel"]')) panel.remove();
    expect(readEditUser(dialog, selectors)).toMatchObject({ key: null, fields: {} });
  });
});

/**
 * Each way of labelling a field, with the field variant that finds the control and the label variant that finds its
 * caption: every field variant has its label variant (the caption sibling case of issue 11).
 */
describe.each([
  ['label[for]', 'label[for]', '<div><label for="f">First Name</label><input id="f" value="Ada"></div>'],
  [
    'aria label',
    'aria-labelledby',
    '<div><span id="c">First Name</span><input aria-labelledby="c" value="Ada"></div>',
  ],
  ['wrapping label', 'wrapping label', '<label>First Name <input value="Ada"></label>'],
  ['caption sibling', 'caption sibling', '<div><span class="c">First Name</span><input value="Ada"></div>'],
  [
    'caption in the field box',
    'caption in the field box',
    '<div><label class="c">First Name</label><div><div><input value="Ada"></div></div></div>',
  ],
  [
    'caption in the field box',
    'caption in the field box',
    '<div><div><input value="Ada"></div><span class="c">First Name</span></div>',
  ],
])('a field labelled by %s', (fieldVariant, labelVariant, markup) => {
  const document = parsePage(
    `<div role="dialog"><h2>Edit User</h2>${markup}<div><span>Last Name</span><input value="Lovelace"></div></div>`,
  );
  const dialog = document.querySelector('[role="dialog"]') as Element;

  it(`is found by "${fieldVariant}", its caption by "${labelVariant}"`, () => {
    const field = selectors.field(dialog, 'firstName');
    expect(field.variant).toBe(fieldVariant);
    const [control] = field.found;
    expect(control?.getAttribute('value')).toBe('Ada');
    if (!control) return;
    const label = selectors.fieldLabel(control, 'firstName', dialog);
    expect(label.variant).toBe(labelVariant);
    expect(label.found[0]?.textContent?.trim()).toBe('First Name');
  });
});

describe('a field named by aria-label alone', () => {
  it('is found, and has no caption: its marker goes beside the control', () => {
    const document = parsePage(
      '<div role="dialog"><h2>Edit User</h2><input aria-label="First Name" value="Ada"></div>',
    );
    const dialog = document.querySelector('[role="dialog"]') as Element;
    const [control] = selectors.field(dialog, 'firstName').found;
    expect(control).toBeDefined();
    if (control)
      expect(selectors.fieldLabel(control, 'firstName', dialog)).toEqual({ found: [], variant: null });
  });
});

describe('missingOnPage', () => {
  it.each([
    ['users-list.html', []],
    ['material-edit-user.html', []],
    ['grid-users-list.html', []],
    ['departments.html', []],
    ['unrecognised-users.html', ['usersList']],
  ])('%s misses %j', (page, missing) => {
    expect(missingOnPage(loadSavedPage(page), selectors)).toEqual(missing);
  });

  it('names rows with no key, but not a message row, as missing keys', () => {
    const document = loadSavedPage('users-list.html');
    const [list] = selectors.usersLists(document).found;
    const body = list?.querySelector('tbody');
    if (!body) throw new Error('no table');
    body.innerHTML = '<tr><td colspan="7">No users match this filter.</td></tr>';
    expect(missingOnPage(document, selectors)).toEqual([]);
    body.innerHTML = '<tr><td></td><td>Someone</td><td>no address</td><td></td></tr>';
    expect(missingOnPage(document, selectors)).toEqual(['rowKey']);
  });

  it('names an Edit User window it cannot find under an Edit User title', () => {
    const document = loadSavedPage('material-edit-user.html');
    document.querySelector('[role="dialog"]')?.setAttribute('role', 'region');
    document.querySelector('[aria-modal]')?.removeAttribute('aria-modal');
    for (const tab of document.querySelectorAll('[role="tab"]')) tab.remove();
    expect(missingOnPage(document, selectors)).toEqual(['editUserDialog']);
  });
});

describe('corrections', () => {
  const directory = `<main><h1>Users</h1><ul class="people">
    <li><b>Ada Lovelace</b> <span class="mail">ada.lovelace@northwind.example</span></li>
    <li><b>Alan Turing</b> <span class="mail">alan.turing@northwind.example</span></li>
  </ul></main>`;

  it('finds what no built-in variant does, before the variants', () => {
    const document = parsePage(directory);
    expect(selectors.usersLists(document).found).toEqual([]);
    const corrected = createSelectors({ usersList: 'ul.people', rows: 'li', rowKey: '.mail' });
    const lists = corrected.usersLists(document);
    expect(lists.variant).toBe(CORRECTION_VARIANT);
    const [list] = lists.found;
    if (!list) throw new Error('no list');
    const reading = readUsersList(list, corrected);
    expect(reading.rows.map((row) => row.key)).toEqual([
      { email: 'ada.lovelace@northwind.example' },
      { email: 'alan.turing@northwind.example' },
    ]);
    expect(reading.keyVariant).toBe(CORRECTION_VARIANT);
  });

  it('reads a key that is no email as a reference', () => {
    const document = parsePage('<ul class="p"><li><i class="ref">E1001</i> Ada</li></ul>');
    const corrected = createSelectors({ usersList: 'ul.p', rows: 'li', rowKey: '.ref' });
    const [list] = corrected.usersLists(document).found;
    expect(list && readUsersList(list, corrected).rows.map((row) => row.key)).toEqual([
      { reference: 'E1001' },
    ]);
  });

  it('says a correction is no CSS selector, and falls back on the variants', () => {
    const corrected = createSelectors({ usersList: 'table[[' });
    const found = corrected.usersLists(loadSavedPage('users-list.html'));
    expect(found.variant).toBe('table named Users');
    expect(found.error).toContain('not a valid CSS selector');
  });

  it('corrects a field and its label inside the window', () => {
    const document = parsePage(
      '<div role="dialog"><h2>Edit User</h2><div class="fn"><em>Given</em><input value="Ada"></div></div>',
    );
    const dialog = document.querySelector('[role="dialog"]') as Element;
    const corrected = createSelectors({ 'field:firstName': '.fn', 'label:firstName': '.fn em' });
    const field = corrected.field(dialog, 'firstName');
    expect(field.variant).toBe(CORRECTION_VARIANT);
    const [control] = field.found;
    expect(control?.tagName).toBe('INPUT');
    if (control)
      expect(corrected.fieldLabel(control, 'firstName', dialog).found[0]?.textContent).toBe('Given');
  });
});

describe('a page drawn in yet another way', () => {
  // Markup of no sandbox look, written to PRODUCT.md's words: a list whose header row sits in the body, a "Ref."
  // column, a dialog titled with the user's name, labels decorated with "*", "(required)" and a help "?", a Save
  // button.
  const document = parsePage(`
    <h1>Users</h1>
    <table class="x1">
      <tr><th>Employee</th><th>Email address</th><th>Ref.</th></tr>
      <tr><td><a href="#">Ada Lovelace</a></td><td>ada@example.com</td><td>E1001</td></tr>
      <tr><td><a href="#">Alan Turing</a></td><td>alan@example.com</td><td></td></tr>
    </table>
    <div class="m0" role="dialog" aria-label="Edit User: Ada Lovelace">
      <div><label for="a">First Name *</label><input id="a" value="Ada"></div>
      <div><label for="b">Last Name <span>(required)</span></label><input id="b" value="Lovelace"></div>
      <div><label for="c">Email <button type="button">?</button></label><input id="c" value="ada@example.com"></div>
      <div><label for="d">Reference</label><input id="d" value="E1001"></div>
      <button type="button">Save</button>
    </div>
    <div role="dialog" aria-label="Edit User Group: Sales"><label>Name <input value="Sales"></label></div>`);

  it('finds the list under its heading and keys its rows by Ref., else by email', () => {
    const lists = selectors.usersLists(document);
    expect(lists.variant).toBe('table under a Users heading');
    const [list] = lists.found;
    expect(list && readUsersList(list, selectors).rows.map((row) => row.key)).toEqual([
      { reference: 'E1001' },
      { email: 'alan@example.com' },
    ]);
  });

  it('finds the dialog titled with the name, its decorated fields and its Save button, and not Edit User Group', () => {
    const dialogs = selectors.editUserDialogs(document);
    expect(dialogs.variant).toBe('dialog titled Edit User and a name');
    expect(dialogs.found).toHaveLength(1);
    const [dialog] = dialogs.found;
    if (!dialog) return;
    const reading = readEditUser(dialog, selectors);
    expect(reading.key).toEqual({ reference: 'E1001' });
    expect(Object.keys(reading.fields).sort()).toEqual(['email', 'firstName', 'lastName']);
    expect(selectors.updateButton(dialog)).toMatchObject({ variant: 'button named Save' });
  });
});
