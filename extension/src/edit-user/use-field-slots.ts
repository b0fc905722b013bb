import { useEffect, useState } from 'react';
import { createShadowHost, type ShadowHost } from '../content/create-shadow-host.ts';
import type { PanelContext } from '../content/define-panel.ts';
import { type FormField, formFields } from '../page/anchors.ts';
import type { FieldAnchor } from '../page/read-edit-user.ts';

export interface FieldSlot {
  control: Element;
  /** Beside the field's label (after the control when it has no visible label). */
  marker: HTMLElement;
  /** Under the field. */
  warning: HTMLElement;
}

interface PlacedSlot {
  anchor: FieldAnchor;
  marker: ShadowHost;
  warning: ShadowHost;
}

/** The box holding a control and its label, and nothing else to type in: where a warning reads as the field's. */
function fieldBox(anchor: FieldAnchor): Element | null {
  const { control, label } = anchor;
  if (!label) return null;
  for (let box = control.parentElement; box; box = box.parentElement) {
    if (box.contains(label)) {
      return box.querySelectorAll('input, select, textarea, [role="combobox"], [role="textbox"]').length === 1
        ? box
        : null;
    }
  }
  return null;
}

function place(anchor: FieldAnchor): PlacedSlot {
  const marker = createShadowHost('marker', 'inline');
  // Inside the label but out of its accessible name, which must stay ExpenseIn's ("First Name"): screen readers get
  // the marker's meaning as the control's description instead.
  marker.host.setAttribute('aria-hidden', 'true');
  if (anchor.label) anchor.label.append(marker.host);
  else anchor.control.after(marker.host);
  const warning = createShadowHost('warning', 'block');
  const box = fieldBox(anchor);
  if (box) box.append(warning.host);
  else anchor.control.after(warning.host);
  return { anchor, marker, warning };
}

function remove(slot: PlacedSlot): void {
  slot.marker.host.remove();
  slot.warning.host.remove();
}

/**
 * A marker slot beside each synced field's label and a warning slot under it, kept in step with the page: placed
 * again when the page replaces a control or its label (a tab redrawing its pane) or drops our hosts, removed with the
 * field, and all removed with the panel.
 */
export function useFieldSlots(
  fields: Partial<Record<FormField, FieldAnchor>>,
  context: PanelContext,
): Partial<Record<FormField, FieldSlot>> {
  const [slots, setSlots] = useState<Partial<Record<FormField, FieldSlot>>>({});
  useEffect(() => {
    const controller = new AbortController();
    const signal = AbortSignal.any([context.signal, controller.signal]);
    const placed = new Map<FormField, PlacedSlot>();
    const sync = () => {
      let changed = false;
      for (const field of formFields) {
        const anchor = fields[field];
        const slot = placed.get(field);
        const intact =
          slot &&
          anchor &&
          slot.anchor.control === anchor.control &&
          slot.anchor.label === anchor.label &&
          slot.marker.host.isConnected &&
          slot.warning.host.isConnected;
        if (intact) continue;
        if (slot) {
          remove(slot);
          placed.delete(field);
          changed = true;
        }
        if (anchor?.control.isConnected) {
          placed.set(field, place(anchor));
          changed = true;
        }
      }
      if (!changed) return;
      setSlots(
        Object.fromEntries(
          [...placed].map(([field, slot]) => [
            field,
            { control: slot.anchor.control, marker: slot.marker.container, warning: slot.warning.container },
          ]),
        ),
      );
    };
    context.page.subscribe(sync, signal);
    sync();
    return () => {
      controller.abort();
      for (const slot of placed.values()) remove(slot);
    };
  }, [fields, context]);
  return slots;
}
