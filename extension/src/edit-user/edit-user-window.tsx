import type { UserKey } from '@staffsync/shared';
import { useEffect, useRef, useState } from 'react';
import { Brand } from '../components/brand.tsx';
import { LoadingMessage } from '../components/problem-message.tsx';
import type { PanelContext } from '../content/define-panel.ts';
import { readControl } from '../page/read-edit-user.ts';
import { keyId } from '../page/read-users-list.ts';
import { EditUserPanel } from './edit-user-panel.tsx';
import { useEditUserReading } from './use-edit-user-reading.ts';

/**
 * The Edit User window, followed as it changes (PRODUCT.md 5). It knows the user by the Reference, else the Email,
 * the window shows; when the window shows another user (a window kept in the page and reused), the panel starts
 * again for that user. What the administrator types into Reference or Email is an edit, not another user, and a
 * window that says it is loading may still show the previous user, so neither re-keys it.
 */
export function EditUserWindow({ dialog, context }: { dialog: Element; context: PanelContext }) {
  const reading = useEditUserReading(dialog, context);
  const [userKey, setUserKey] = useState<UserKey | null>(null);
  const typed = useRef(new Set<string>());

  useEffect(() => {
    const controller = new AbortController();
    dialog.addEventListener(
      'input',
      (event) => {
        if (event.isTrusted && event.target instanceof Element && event.target === reading.keyControl) {
          typed.current.add(readControl(event.target).value.trim());
        }
      },
      { signal: controller.signal, capture: true },
    );
    return () => controller.abort();
  }, [dialog, reading.keyControl]);

  const { key, busy } = reading;
  useEffect(() => {
    if (!key || (busy && userKey)) return;
    const value = 'reference' in key ? key.reference : key.email;
    if (userKey && typed.current.has(value)) return;
    if (!userKey || keyId(userKey) !== keyId(key)) {
      typed.current.clear();
      setUserKey(key);
    }
  }, [key, busy, userKey]);

  if (userKey) {
    return (
      <EditUserPanel
        key={keyId(userKey)}
        userKey={userKey}
        reading={reading}
        dialog={dialog}
        context={context}
      />
    );
  }
  const shown = Object.keys(reading.fields).length > 0;
  return shown && !busy ? <UnknownUserPanel /> : <WaitingPanel />;
}

/** A window whose fields show but neither a Reference nor an Email: the server cannot be asked about it. */
export function UnknownUserPanel() {
  return (
    <section className="ss-panel" aria-label="staffsync" data-staffsync="edit-user-panel">
      <div className="ss-panel-header">
        <Brand />
        <p className="ss-panel-summary" role="status">
          staffsync cannot tell who this user is: the window shows no Reference or Email it recognises. Open
          the staffsync button in the toolbar for what this page shows.
        </p>
      </div>
    </section>
  );
}

function WaitingPanel() {
  return (
    <section className="ss-panel" aria-label="staffsync" data-staffsync="edit-user-panel">
      <div className="ss-panel-header">
        <Brand />
        <div className="ss-panel-summary">
          <LoadingMessage text="Waiting for the window to show the user…" />
        </div>
      </div>
    </section>
  );
}
