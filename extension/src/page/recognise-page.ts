import { headingsIn, labelMatches, textOf } from './accessible-name.ts';
import { type AnchorId, describeAnchor, dialogFields } from './anchors.ts';
import { readUsersList } from './read-users-list.ts';
import { type Found, labels, type Selectors } from './selectors.ts';

/** One anchor as the popup reports it (PRODUCT.md 5: found or not, and by which variant). */
export interface AnchorReport {
  id: AnchorId;
  name: string;
  status: 'found' | 'missing' | 'not_looked_for';
  /** How many (rows, keyed rows), where that says something. */
  count?: number;
  variant?: string;
  /** Why it was not looked for, or what else is worth saying (a correction that is no selector). */
  note?: string;
}

export interface PageRecognition {
  /** The page's path, ids and query values left out: `/admin/users/:n?edit=`. */
  path: string;
  /** Whether the page reads like the Users list or shows an Edit User window, whatever the anchors found. */
  looksLike: { usersPage: boolean; editUser: boolean };
  anchors: AnchorReport[];
}

/** `/admin/users/17?edit=5&q=ada` -> `/admin/users/:n?edit=&q=`: the shape of the address, none of its data. */
export function pathShape(location: { pathname: string; search: string }): string {
  const path = location.pathname
    .split('/')
    .map((segment) => (/\d/.test(segment) || segment.includes('@') ? ':n' : segment))
    .join('/');
  const names = [...new URLSearchParams(location.search).keys()].map((name) => `${name}=`);
  return names.length > 0 ? `${path}?${names.join('&')}` : path;
}

function report<T>(id: AnchorId, found: Found<T>, count?: number): AnchorReport {
  const { name } = describeAnchor(id);
  const base: AnchorReport = found.variant
    ? { id, name, status: 'found', variant: found.variant, ...(count === undefined ? {} : { count }) }
    : { id, name, status: 'missing' };
  return found.error ? { ...base, note: found.error } : base;
}

function notLookedFor(id: AnchorId, note: string): AnchorReport {
  return { id, name: describeAnchor(id).name, status: 'not_looked_for', note };
}

/** Words on screen that say "this is the Users page": a heading, the title or the path. */
function readsLikeUsersPage(document: Document): boolean {
  return (
    headingsIn(document).some((heading) => labelMatches(textOf(heading), labels.usersTable)) ||
    /^users\b/i.test(document.title) ||
    /\/users\b/i.test(document.location?.pathname ?? '')
  );
}

/** An "Edit User" title on screen, in a dialog the registry recognised or not. */
function readsLikeEditUser(document: Document): boolean {
  return [...headingsIn(document), ...document.querySelectorAll('[role="dialog"] *, dialog *')].some(
    (element) => element.children.length === 0 && labelMatches(textOf(element), labels.editUserTitle),
  );
}

/**
 * What the extension recognises on a page, anchor by anchor (PRODUCT.md 5), for the popup's report and the in-page
 * notice. A pure function of the document and the registry.
 */
export function recognisePage(document: Document, selectors: Selectors): PageRecognition {
  const anchors: AnchorReport[] = [];
  const lists = selectors.usersLists(document);
  anchors.push(report('usersList', lists, lists.found.length));
  const [list] = lists.found;
  if (list) {
    const reading = readUsersList(list, selectors);
    anchors.push(report('rows', reading.rowsFound, reading.rowsFound.found.length));
    anchors.push(
      reading.rows.length > 0
        ? {
            ...report('rowKey', { found: reading.rows, variant: reading.keyVariant }, reading.rows.length),
            ...(reading.unkeyed > 0 ? { note: `${reading.unkeyed} row(s) without one` } : {}),
          }
        : report('rowKey', {
            found: [],
            variant: null,
            ...(reading.keyError ? { error: reading.keyError } : {}),
          }),
    );
  } else {
    anchors.push(notLookedFor('rows', 'no Users list'), notLookedFor('rowKey', 'no Users list'));
  }

  const dialogs = selectors.editUserDialogs(document);
  const editUser = readsLikeEditUser(document);
  // No window found on a page with no Edit User title is no window open, not a window missed.
  anchors.push(
    dialogs.variant || editUser
      ? report('editUserDialog', dialogs, dialogs.found.length)
      : notLookedFor('editUserDialog', 'none open'),
  );
  const [dialog] = dialogs.found;
  for (const field of dialogFields) {
    const fieldId: AnchorId = `field:${field}`;
    const labelId: AnchorId = `label:${field}`;
    if (!dialog) {
      anchors.push(
        notLookedFor(fieldId, 'no Edit User window open'),
        notLookedFor(labelId, 'no Edit User window open'),
      );
      continue;
    }
    const control = selectors.field(dialog, field);
    anchors.push(report(fieldId, control));
    anchors.push(
      control.found[0]
        ? report(labelId, selectors.fieldLabel(control.found[0], field, dialog))
        : notLookedFor(labelId, `no ${describeAnchor(fieldId).name} to caption`),
    );
  }
  anchors.push(
    dialog
      ? report('updateButton', selectors.updateButton(dialog))
      : notLookedFor('updateButton', 'no Edit User window open'),
  );

  return {
    path: pathShape(document.location ?? { pathname: '', search: '' }),
    looksLike: { usersPage: readsLikeUsersPage(document), editUser },
    anchors,
  };
}

/**
 * The anchors missing on a page that reads like one the extension serves, looked for alone (the in-page notice asks
 * once per burst of page changes): the list, its rows and their keys; the Edit User window and its Update button.
 * Fields are left out: a window may show them on another tab, and the panel says when it cannot tell who the user is.
 */
export function missingOnPage(document: Document, selectors: Selectors): AnchorId[] {
  const missing: AnchorId[] = [];
  if (readsLikeUsersPage(document)) {
    const [list] = selectors.usersLists(document).found;
    if (!list) missing.push('usersList');
    else {
      const reading = readUsersList(list, selectors);
      if (reading.rowsFound.found.length === 0) missing.push('rows');
      else if (reading.rows.length === 0 && reading.unkeyed > 0) missing.push('rowKey');
    }
  }
  if (readsLikeEditUser(document)) {
    const [dialog] = selectors.editUserDialogs(document).found;
    if (!dialog) missing.push('editUserDialog');
    else if (!selectors.updateButton(dialog).found[0]) missing.push('updateButton');
  }
  return missing;
}
