import type { ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { type ContentScriptContext, createShadowRootUi } from '#imports';
import { PanelErrorBoundary } from '../components/panel-error-boundary.tsx';
import type { ServerApi } from '../messaging/protocol.ts';
import { isOwnNode } from './create-shadow-slot.ts';
import type { PanelContext, PanelDefinition } from './define-panel.ts';
import { observeMutations } from './observe-mutations.ts';

interface MountedPanel {
  remove(): void;
}

/** Attributes that open or close ExpenseIn's pop-ups without adding or removing nodes. */
const watchedAttributes = ['open', 'hidden', 'aria-hidden', 'aria-modal'];

/**
 * The panel manager (refined-github's feature manager): watches the page and keeps one mounted instance of each
 * registered panel per anchor the selector registry finds, removing it when its anchor goes. It follows in-page
 * navigation (`wxt:locationchange`) and pop-ups opening and closing through a MutationObserver, never a timer,
 * and everything it starts ends with the content script's context.
 */
export function mountPanels(
  ctx: ContentScriptContext,
  panels: readonly PanelDefinition[],
  api: ServerApi,
): void {
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
        anchors = panel.findAnchors(document);
      } catch (error) {
        reportPanelError(panel.id, error);
        continue;
      }
      for (const [anchor, instance] of instances) {
        if (!anchor.isConnected || !anchors.includes(anchor)) {
          instance.remove();
          instances.delete(anchor);
        }
      }
      for (const anchor of anchors) {
        if (!instances.has(anchor)) instances.set(anchor, mountPanel(ctx, panel, anchor, api));
      }
    }
  };

  observeMutations(document.documentElement, reconcile, {
    signal: ctx.signal,
    attributes: watchedAttributes,
    ignore: isOwnNode,
  });
  ctx.addEventListener(window, 'wxt:locationchange', reconcile);
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
  api: ServerApi,
): MountedPanel {
  const controller = new AbortController();
  const signal = AbortSignal.any([ctx.signal, controller.signal]);
  let remove: (() => void) | null = null;

  createShadowRootUi<Root>(ctx, {
    name: `staffsync-${panel.id}`,
    position: 'inline',
    anchor,
    append: (target, host) => panel.place(target, host),
    // After WXT's `:host{all:initial}` reset: the host is a block, like the rest of ExpenseIn's layout.
    css: ':host{display:block !important;}',
    onMount(container, shadow, host) {
      host.dataset.staffsyncPanel = panel.id;
      container.classList.add('ss-root');
      const css = [...shadow.querySelectorAll('style')].map((style) => style.textContent ?? '').join('\n');
      const root = createRoot(container);
      root.render(panelElement(panel, anchor, { api, signal, css }));
      return root;
    },
    onRemove(root) {
      root?.unmount();
    },
  })
    .then((ui) => {
      // The anchor may have gone while the stylesheet loaded.
      if (signal.aborted || !anchor.isConnected) return;
      ui.mount();
      remove = () => ui.remove();
    })
    .catch((error: unknown) => reportPanelError(panel.id, error));

  return {
    remove() {
      controller.abort();
      remove?.();
    },
  };
}

/** An error is reported as its panel's (refined-github's errors.ts), and never breaks the page or other panels. */
function reportPanelError(panelId: string, error: unknown): void {
  console.error(`[staffsync] the ${panelId} panel failed`, error);
}
