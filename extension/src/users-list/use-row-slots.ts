import type { UserKey } from '@staffsync/shared';
import { useEffect, useState } from 'react';
import { createShadowHost, type ShadowHost } from '../content/create-shadow-host.ts';
import type { PanelContext } from '../content/define-panel.ts';
import { keyId, readUsersList } from '../page/read-users-list.ts';

export interface RowSlot {
  row: Element;
  key: UserKey;
  /** Where the row's badge renders (a shadow root in the Name cell). */
  container: HTMLElement;
}

/**
 * Follows the Users list's rows: gives each a badge slot in its Name cell (again when the page redraws the cell) and
 * calls `onRender` with the row keys each time the list renders different rows (a filter, a page, a save, a scroll
 * of a virtualised list), which is when one batch request is due.
 * Looks again when the table changes; the slots go with the panel.
 */
export function useRowSlots(
  table: Element,
  context: PanelContext,
  onRender: (keys: UserKey[], refresh: boolean) => void,
): RowSlot[] {
  const [rows, setRows] = useState<RowSlot[]>([]);

  useEffect(() => {
    const controller = new AbortController();
    const signal = AbortSignal.any([context.signal, controller.signal]);
    const slots = new Map<Element, ShadowHost>();
    let previous: RowSlot[] = [];

    const read = () => {
      const found = readUsersList(table, context.selectors()).rows;
      const present = new Set(found.map((item) => item.row));
      for (const [row, slot] of slots) {
        if (!present.has(row) || !slot.host.isConnected) {
          slot.host.remove();
          slots.delete(row);
        }
      }
      let newSlots = false;
      const next = found.map((item) => {
        let slot = slots.get(item.row);
        if (!slot) {
          slot = createShadowHost('badge', 'inline');
          item.badgeCell.append(slot.host);
          slots.set(item.row, slot);
          newSlots = true;
        }
        return { row: item.row, key: item.key, container: slot.container };
      });
      // A new render of the list: other row elements, or the same rows showing other users (a virtualised list
      // scrolled). When no row element survives, the list was drawn afresh (a filter, a save): every badge is
      // asked again; otherwise only the rows not seen before.
      const rerendered =
        next.length !== previous.length ||
        next.some(
          (row, index) => row.row !== previous[index]?.row || keyId(row.key) !== keyId(previous[index].key),
        );
      const before = new Set(previous.map((row) => row.row));
      const redrawn = next.every((row) => !before.has(row.row));
      previous = next;
      if (rerendered || newSlots) setRows(next);
      if (rerendered) {
        onRender(
          next.map((row) => row.key),
          redrawn,
        );
      }
    };

    context.page.subscribe((changes) => {
      if (changes.everything || changes.within(table)) read();
    }, signal);
    read();
    return () => {
      controller.abort();
      for (const slot of slots.values()) slot.host.remove();
    };
  }, [table, context, onRender]);

  return rows;
}
