import type { ReactNode } from 'react';
import type { ServerApi } from '../messaging/protocol.ts';
import type { Selectors } from '../page/selectors.ts';
import type { PageWatcher } from './watch-page.ts';

export interface PanelContext {
  api: ServerApi;
  /** Aborts when this panel instance is removed or the content script is invalidated (STYLE.md 8). */
  signal: AbortSignal;
  /** The page's changes, once per animation frame (the one MutationObserver of the content script). */
  page: PageWatcher;
  /** The selector registry with the administrator's corrections as they are now. */
  selectors(): Selectors;
}

/**
 * One panel = one file in src/panels/ (STYLE.md 6, refined-github's features), registered in panel-registry.ts.
 * The manager (mount-panels.tsx) mounts one instance per anchor, each in its own shadow root and error boundary.
 */
export interface PanelDefinition {
  /** Names the panel's host element (`staffsync-<id>`) and its errors; the file is named `<id>.tsx`. */
  id: string;
  /** This panel's anchors in the page now, found through the selector registry (src/page/selectors.ts). */
  findAnchors(document: Document, selectors: Selectors): Element[];
  /** Puts the panel's host element in the page, next to its anchor. */
  place(anchor: Element, host: Element, selectors: Selectors): void;
  /** The panel's React tree for one anchor; it makes its own store. */
  render(anchor: Element, context: PanelContext): ReactNode;
}

export function definePanel(definition: PanelDefinition): PanelDefinition {
  return definition;
}
