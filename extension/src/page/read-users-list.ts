import type { UserKey } from '@staffsync/shared';
import { labelMatches, textOf } from './accessible-name.ts';
import { labels, selectors } from './selectors.ts';

export interface UsersListColumns {
  name: number;
  email: number;
  reference: number;
}

export interface UsersListRow {
  row: Element;
  /** How the server knows the row: the reference when the list shows one, else the email (PRODUCT.md 4.3). */
  key: UserKey;
  /** Where the badge goes: the Name cell. */
  badgeCell: Element;
  name: string;
}

/** Column positions by header label; -1 when the list does not show that column. */
export function readColumns(table: Element): UsersListColumns {
  const headers = selectors.columnHeaderTexts(table);
  const find = (wanted: readonly string[]) => headers.findIndex((text) => labelMatches(text, wanted));
  return {
    name: find(labels.nameColumn),
    email: find(labels.emailColumn),
    reference: find(labels.referenceColumn),
  };
}

/** The key a row is known by, or null for a row that is no user (loading or "no users match" messages). */
export function rowKey(cells: readonly Element[], columns: UsersListColumns): UserKey | null {
  const reference = columns.reference >= 0 ? textOf(cells[columns.reference]) : '';
  if (reference !== '') return { reference };
  const email = columns.email >= 0 ? textOf(cells[columns.email]) : '';
  if (email.includes('@')) return { email };
  return null;
}

/**
 * The user rows of the Users list as the page shows them now: a pure function of the table, so it is tested on
 * saved copies of the page (STYLE.md 7).
 */
export function readUsersList(table: Element): UsersListRow[] {
  const columns = readColumns(table);
  return selectors.bodyRows(table).flatMap((row) => {
    const cells = selectors.rowCells(row);
    const key = rowKey(cells, columns);
    if (!key) return [];
    const badgeCell = cells[columns.name] ?? cells.find((cell) => textOf(cell) !== '') ?? cells[0];
    if (!badgeCell) return [];
    return [{ row, key, badgeCell, name: columns.name >= 0 ? textOf(cells[columns.name]) : '' }];
  });
}

/** The same key as text, for maps: a reference and an email never collide (an email holds "@"). */
export function keyId(key: UserKey): string {
  return 'reference' in key ? `reference:${key.reference}` : `email:${key.email.toLowerCase()}`;
}
