import { sharedStyleSheet } from './shared-style-sheet.ts';

/**
 * Closed in the production build (PRODUCT.md 5: "shadow roots closed", so ExpenseIn's scripts cannot read what
 * staffsync shows); open in the sandbox build, because Playwright's locators, used by the browser tests, the demo
 * and the acceptance check, cannot enter a closed root. The one difference between the two builds besides their
 * matches.
 */
export const shadowMode: ShadowRootMode = import.meta.env.MODE === 'sandbox' ? 'open' : 'closed';

export interface ShadowHost {
  host: HTMLElement;
  /** Where React renders (a portal target or a root's container). */
  container: HTMLElement;
}

/**
 * A host element of the extension in the page (`staffsync-<kind>`): a shadow root with the shared stylesheet, so
 * the page's CSS and ours never meet, and a container to render into.
 */
export function createShadowHost(
  kind: string,
  display: 'block' | 'inline' | 'contents',
  ownerDocument: Document = document,
): ShadowHost {
  const host = ownerDocument.createElement(`staffsync-${kind}`);
  host.dataset.staffsyncDisplay = display;
  const shadow = host.attachShadow({ mode: shadowMode });
  shadow.adoptedStyleSheets = [sharedStyleSheet()];
  const container = ownerDocument.createElement(display === 'inline' ? 'span' : 'div');
  container.className = 'ss-root';
  shadow.append(container);
  return { host, container };
}
