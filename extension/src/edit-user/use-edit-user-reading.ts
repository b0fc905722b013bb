import { useEffect, useState } from 'react';
import type { PanelContext } from '../content/define-panel.ts';
import { formFields } from '../page/anchors.ts';
import { type EditUserReading, readEditUser } from '../page/read-edit-user.ts';
import { keyId } from '../page/read-users-list.ts';

function sameFields(a: EditUserReading['fields'], b: EditUserReading['fields']): boolean {
  return formFields.every(
    (field) => a[field]?.control === b[field]?.control && a[field]?.label === b[field]?.label,
  );
}

/**
 * The reading to keep after reading the window again: `last` itself when nothing read differs, else `next` with
 * `last`'s fields when those are the same controls and labels. Typing into Reference or Email changes the key
 * only, and the field slots (use-field-slots.ts) follow the fields object: a new one would place every marker again.
 */
export function keepUnchanged(last: EditUserReading, next: EditUserReading): EditUserReading {
  const fields = sameFields(last.fields, next.fields) ? last.fields : next.fields;
  const same =
    fields === last.fields &&
    (last.key === null ? next.key === null : next.key !== null && keyId(last.key) === keyId(next.key)) &&
    last.update === next.update &&
    last.keyControl === next.keyControl &&
    last.busy === next.busy;
  return same ? last : { ...next, fields };
}

/**
 * The Edit User window as it is now, read again in every frame in which it changed: another user shown in a reused
 * window, a tab drawing its pane, a control replaced by the page. A new object only when something read differs,
 * and a new `fields` object only when a field's control or label does.
 */
export function useEditUserReading(dialog: Element, context: PanelContext): EditUserReading {
  const [reading, setReading] = useState(() => readEditUser(dialog, context.selectors()));
  useEffect(() => {
    const controller = new AbortController();
    const signal = AbortSignal.any([context.signal, controller.signal]);
    const refresh = () => {
      const next = readEditUser(dialog, context.selectors());
      setReading((last) => keepUnchanged(last, next));
    };
    context.page.subscribe((changes) => {
      if (changes.everything || changes.within(dialog)) refresh();
    }, signal);
    refresh();
    return () => controller.abort();
  }, [dialog, context]);
  return reading;
}
