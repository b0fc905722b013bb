import { useEffect, useState } from 'react';
import type { PanelContext } from '../content/define-panel.ts';
import { formFields } from '../page/anchors.ts';
import { type EditUserReading, readEditUser } from '../page/read-edit-user.ts';
import { keyId } from '../page/read-users-list.ts';

function sameReading(a: EditUserReading, b: EditUserReading): boolean {
  return (
    (a.key === null ? b.key === null : b.key !== null && keyId(a.key) === keyId(b.key)) &&
    a.update === b.update &&
    a.keyControl === b.keyControl &&
    a.busy === b.busy &&
    formFields.every(
      (field) =>
        a.fields[field]?.control === b.fields[field]?.control &&
        a.fields[field]?.label === b.fields[field]?.label,
    )
  );
}

/**
 * The Edit User window as it is now, read again in every frame in which it changed: another user shown in a reused
 * window, a tab drawing its pane, a control replaced by the page. A new object only when something read differs.
 */
export function useEditUserReading(dialog: Element, context: PanelContext): EditUserReading {
  const [reading, setReading] = useState(() => readEditUser(dialog, context.selectors()));
  useEffect(() => {
    const controller = new AbortController();
    const signal = AbortSignal.any([context.signal, controller.signal]);
    const refresh = () => {
      const next = readEditUser(dialog, context.selectors());
      setReading((last) => (sameReading(last, next) ? last : next));
    };
    context.page.subscribe((changes) => {
      if (changes.everything || changes.within(dialog)) refresh();
    }, signal);
    refresh();
    return () => controller.abort();
  }, [dialog, context]);
  return reading;
}
