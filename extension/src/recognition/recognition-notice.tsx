import { useEffect, useState } from 'react';
import { Brand } from '../components/brand.tsx';
import type { PanelContext } from '../content/define-panel.ts';
import { type AnchorId, describeAnchor } from '../page/anchors.ts';
import { missingOnPage } from '../page/recognise-page.ts';

/** A page still drawing itself (a list loading) is not an unrecognised page: only what stays missing is told. */
const settleMs = 1500;

export function RecognitionNotice({ context }: { context: PanelContext }) {
  const [missing, setMissing] = useState<AnchorId[]>([]);
  const [settled, setSettled] = useState(false);
  const [dismissed, setDismissed] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    const signal = AbortSignal.any([context.signal, controller.signal]);
    const look = () => {
      const now = missingOnPage(document, context.selectors());
      setMissing((before) => (before.join() === now.join() ? before : now));
    };
    context.page.subscribe(look, signal);
    look();
    // One look after the page has had time to settle: a single timer, not a poll.
    const timer = setTimeout(() => {
      look();
      setSettled(true);
    }, settleMs);
    signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
    return () => controller.abort();
  }, [context]);

  if (!settled || dismissed || missing.length === 0) return null;
  const names = missing.map((id) => describeAnchor(id).name);
  return (
    <aside className="ss-notice" aria-label="staffsync" data-staffsync="recognition-notice">
      <Brand />
      <p className="ss-notice-text" role="status">
        staffsync did not recognise this page fully: no {names.join(', ')} found, so sync badges or the
        staffsync panel may be missing. The staffsync toolbar button shows what it looked for.
      </p>
      <div className="ss-row">
        <button type="button" className="ss-button" onClick={() => void context.api.openOptions(undefined)}>
          Correct it in the options
        </button>
        <button type="button" className="ss-button ss-button--link" onClick={() => setDismissed(true)}>
          Dismiss
        </button>
      </div>
    </aside>
  );
}
