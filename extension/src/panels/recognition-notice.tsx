import { definePanel } from '../content/define-panel.ts';
import { RecognitionNotice } from '../recognition/recognition-notice.tsx';

/**
 * A discreet notice on a page that reads like the Users list or an Edit User window when an anchor the extension
 * needs is missing (PRODUCT.md 5: "this page was not recognised"), so "no sync data" and "page not recognised" are
 * never confused. Anchored on the page's body always: finding what is missing reads the whole page, so the notice
 * does it once per burst of changes (recognition-notice.tsx) rather than the panel manager in every frame, and shows
 * nothing while nothing is missing.
 */
export default definePanel({
  id: 'recognition-notice',
  findAnchors: (document) => (document.body ? [document.body] : []),
  place: (body, host) => body.append(host),
  render: (_body, context) => <RecognitionNotice context={context} />,
});
