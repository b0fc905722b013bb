import type { ReactElement } from 'react';
import { createRoot } from 'react-dom/client';
import type { ContentScriptContext } from '#imports';
import { PanelErrorBoundary } from '../components/panel-error-boundary.tsx';
import { createShadowHost } from './create-shadow-host.ts';
import type { PanelContext, PanelDefinition } from './define-panel.ts';

interface MountedPanel {
  host: HTMLElement;
  remove(): void;
}

/**
 * The panel manager (refined-github's feature manager): keeps one mounted instance of each registered panel per
 * anchor the selector registry finds, removing it when its anchor goes and putting its host back when the page
 * re-renders around it. It looks again once per animation frame in which the page changed (navigation in place,
 * pop-ups opening and closing), never on a timer, and everything it starts ends with the content script's context.
 */
export function mountPanels(
  ctx: ContentScriptContext,
  panels: readonly PanelDefinition[],
  shared: Omit<PanelContext, 'signal'>,
): void {
  const { page } = shared;
  const mounted = new Map<PanelDefinition, Map<Element, MountedPanel>>(
    panels.map((panel) => [panel, new Map()]),
  );
  const reconcile = () => {
    if (ctx.isInvalid) return;
    for (const panel of panels) {
      const instances = mounted.get(panel);
      if (!instances) continue;
      let anchors: Element[];
      try {
        anchors = panel.findAnchors(document, shared.selectors());
      } catch (error) {
        reportPanelError(panel.id, error);
        continue;
      }
      for (const [anchor, instance] of instances) {
        if (!anchor.isConnected || !anchors.includes(anchor)) {
          instance.remove();
          instances.delete(anchor);
        } else if (!instance.host.isConnected) {
          placeSafely(panel, anchor, instance.host, shared);
        }
      }
      for (const anchor of anchors) {
        if (!instances.has(anchor)) instances.set(anchor, mountPanel(ctx, panel, anchor, shared));
      }
    }
  };
  page.subscribe(reconcile, ctx.signal);
  ctx.signal.addEventListener(
    'abort',
    () => {
      for (const instances of mounted.values()) for (const instance of instances.values()) instance.remove();
    },
    { once: true },
  );
  reconcile();
}

/** A panel's tree for one anchor, always inside its own error boundary (STYLE.md 6). */
export function panelElement(panel: PanelDefinition, anchor: Element, context: PanelContext): ReactElement {
  return <PanelErrorBoundary panelId={panel.id}>{panel.render(anchor, context)}</PanelErrorBoundary>;
}

function mountPanel(
  ctx: ContentScriptContext,
  panel: PanelDefinition,
  anchor: Element,
  shared: Omit<PanelContext, 'signal'>,
): MountedPanel {
  const controller = new AbortController();
  const signal = AbortSignal.any([ctx.signal, controller.signal]);
  const { host, container } = createShadowHost(panel.id, 'block');
  host.dataset.staffsyncPanel = panel.id;
  placeSafely(panel, anchor, host, shared);
  const root = createRoot(container);
  root.render(panelElement(panel, anchor, { ...shared, signal }));
  return {
    host,
    remove() {
      controller.abort();
      root.unmount();
      host.remove();
    },
  };
}

function placeSafely(
  panel: PanelDefinition,
  anchor: Element,
  host: HTMLElement,
  shared: Omit<PanelContext, 'signal'>,
): void {
  try {
    panel.place(anchor, host, shared.selectors());
  } catch (error) {
    reportPanelError(panel.id, error);
  }
}

/** An error is reported as its panel's (refined-github's errors.ts), and never breaks the page or other panels. */
function reportPanelError(panelId: string, error: unknown): void {
  console.error(`[staffsync] the ${panelId} panel failed`, error);
}
