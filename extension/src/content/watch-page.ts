/** One frame's worth of page changes, as a subscriber sees them. */
export interface PageChanges {
  /** True when the page navigated in place or a subscriber asked for a fresh look: everything may have changed. */
  everything: boolean;
  /** Whether anything under `element` (or `element` itself) changed in this frame. */
  within(element: Node): boolean;
}

export interface PageWatcher {
  /** Calls `onChange` once per animation frame in which the page changed, until `signal` aborts. */
  subscribe(onChange: (changes: PageChanges) => void, signal: AbortSignal): void;
  /** Asks for a frame as if everything changed (an event the DOM does not show, e.g. typing into an input). */
  poke(): void;
}

/**
 * Attributes that show, hide or re-key what the extension anchors to: dialogs opening (`open`, `hidden`,
 * `aria-hidden`, `class`, `style`), tabs switching (`aria-selected`), a framework writing an input's `value`
 * attribute. Our own `aria-description` on the fields is deliberately not among them.
 */
const watchedAttributes = [
  'open',
  'hidden',
  'aria-hidden',
  'aria-modal',
  'aria-selected',
  'aria-expanded',
  'class',
  'style',
  'role',
  'value',
];

/** The extension's own hosts (staffsync-*): adding or removing them never counts as a page change. */
export function isOwnNode(node: Node): boolean {
  return node.nodeType === 1 && (node as Element).tagName.toLowerCase().startsWith('staffsync-');
}

/**
 * The content script's one view of the page (STYLE.md 8: observe, never poll). A single MutationObserver on the
 * whole document and the Navigation API's `currententrychange` (which fires for the page's own pushState and
 * replaceState, seen from the content script's isolated world with no script in the page's world, unlike patching
 * `history`); changes are gathered and handed to subscribers once per animation frame, so a burst of DOM work
 * (a list re-rendering row by row) costs one look, and a hidden tab costs none until it shows.
 */
export function watchPage(options: { signal: AbortSignal; window?: Window }): PageWatcher {
  const win = options.window ?? window;
  const { document } = win;
  const subscribers = new Set<(changes: PageChanges) => void>();
  let targets = new Set<Node>();
  let everything = false;
  let frame: number | null = null;

  const flush = () => {
    frame = null;
    if (options.signal.aborted) return;
    const seen = targets;
    const all = everything;
    targets = new Set();
    everything = false;
    const changes: PageChanges = {
      everything: all,
      within: (element) => all || [...seen].some((target) => element === target || element.contains(target)),
    };
    for (const subscriber of [...subscribers]) {
      try {
        subscriber(changes);
      } catch (error) {
        console.error('[staffsync] a page change handler failed', error);
      }
    }
  };
  const schedule = () => {
    if (frame === null && !options.signal.aborted) frame = win.requestAnimationFrame(flush);
  };

  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'childList') {
        const nodes = [...record.addedNodes, ...record.removedNodes];
        if (nodes.length > 0 && nodes.every(isOwnNode)) continue;
      } else if (record.type === 'attributes' && isOwnNode(record.target)) {
        continue;
      }
      targets.add(record.target);
    }
    if (targets.size > 0) schedule();
  });
  observer.observe(document.documentElement, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: watchedAttributes,
  });

  const poke = () => {
    everything = true;
    schedule();
  };
  const navigation = (win as Window & { navigation?: EventTarget }).navigation;
  if (navigation) navigation.addEventListener('currententrychange', poke, { signal: options.signal });
  else {
    // Browsers without the Navigation API: Back and Forward; the page's own pushState shows in the DOM it renders.
    win.addEventListener('popstate', poke, { signal: options.signal });
    win.addEventListener('hashchange', poke, { signal: options.signal });
  }
  options.signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      if (frame !== null) win.cancelAnimationFrame(frame);
      subscribers.clear();
    },
    { once: true },
  );

  return {
    subscribe(onChange, signal) {
      if (signal.aborted) return;
      subscribers.add(onChange);
      signal.addEventListener('abort', () => subscribers.delete(onChange), { once: true });
    },
    poke,
  };
}
