import type { UserKey } from '@staffsync/shared';
import { textOf } from './accessible-name.ts';
import { type Found, readColumns, rowCells, type Selectors } from './selectors.ts';

export interface UsersListRow {
  row: Element;
  /** How the server knows the row: the reference when the list shows one, else the email (PRODUCT.md 4.4). */
  key: UserKey;
  /** Where the badge goes: the Name cell, else the first cell with text, else the key's own cell. */
  badgeCell: Element;
}

export interface UsersListReading {
  rows: UsersListRow[];
  /** How the rows were found, and how many. */
  rowsFound: Found<Element>;
  /** How the keys were read (the variant of the first keyed row) and how many rows had none. */
  keyVariant: string | null;
  unkeyed: number;
  keyError?: string;
}

/**
 * The user rows of a Users list as the page shows them now: a pure function of the list, tested on saved copies of
 * the page (STYLE.md 7). Rows with no key are no users (loading and "no users match" messages) or a page the
 * registry does not recognise; the reading counts them for the report.
 */
export function readUsersList(list: Element, selectors: Selectors): UsersListReading {
  const columns = readColumns(list);
  const rowsFound = selectors.rows(list);
  let keyVariant: string | null = null;
  let keyError: string | undefined;
  let unkeyed = 0;
  const rows = rowsFound.found.flatMap((row) => {
    const keyed = selectors.rowKey(row, columns);
    keyError ??= keyed.error;
    const [first] = keyed.found;
    if (!first) {
      // A row of one cell is a message ("Loading users…", "No users match"), not a user the registry missed.
      if (rowCells(row).length > 1 || row.children.length > 1) unkeyed += 1;
      return [];
    }
    keyVariant ??= keyed.variant;
    const cells = rowCells(row);
    const badgeCell =
      (columns.name >= 0 ? cells[columns.name] : undefined) ??
      cells.find((cell) => textOf(cell) !== '' && !cell.querySelector('input[type="checkbox"]')) ??
      first.cell;
    return [{ row, key: first.key, badgeCell }];
  });
  return { rows, rowsFound, keyVariant, unkeyed, ...(keyError ? { keyError } : {}) };
}

/** The same key as text, for maps: a reference and an email never collide (an email holds "@"). */
export function keyId(key: UserKey): string {
  return 'reference' in key ? `reference:${key.reference}` : `email:${key.email.toLowerCase()}`;
}
