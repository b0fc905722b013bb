import { useEffect, useState } from 'react';
import { Brand } from '../components/brand.tsx';
import type { PanelContext } from '../content/define-panel.ts';
import { type AnchorId, describeAnchor } from '../page/anchors.ts';
import { missingOnPage } from '../page/recognise-page.ts';
import { watchMissing } from './watch-missing.ts';

/**
 * Mounted on every page the content script serves, and shown while something it needs stays missing. Finding what is
 * missing reads the whole page, so it is done once per burst of changes (watch-missing.ts), never in every frame as
 * the badges and the Edit User panel follow the page.
 */
export function RecognitionNotice({ context }: { context: PanelContext }) {
  const [missing, setMissing] = useState<AnchorId[]>([]);
  const [dismissed, setDismissed] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    watchMissing({
      page: context.page,
      read: () => missingOnPage(document, context.selectors()),
      onTell: (now) => {
        setMissing(now);
        // A page recognised in full: the next one that is not is told again.
        if (now.length === 0) setDismissed(false);
      },
      signal: AbortSignal.any([context.signal, controller.signal]),
    });
    return () => controller.abort();
  }, [context]);

  if (dismissed || missing.length === 0) return null;
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
