export interface ObserveOptions {
  signal: AbortSignal;
  /** Attributes whose changes also count (e.g. a dialog's `open`). */
  attributes?: string[];
  /** Mutations made only of these nodes are ignored: the extension's own hosts. */
  ignore?: (node: Node) => boolean;
}

/**
 * Calls `callback` after each batch of DOM changes under `target` (STYLE.md 8: observe, never poll), until `signal`
 * aborts. A batch made only of ignored nodes (our own hosts being added or removed) does not count, so rendering
 * a badge never triggers another render.
 */
export function observeMutations(target: Node, callback: () => void, options: ObserveOptions): void {
  if (options.signal.aborted) return;
  const { ignore } = options;
  const observer = new MutationObserver((records) => {
    const relevant = ignore
      ? records.some(
          (record) =>
            record.type === 'attributes' ||
            ![...record.addedNodes, ...record.removedNodes].every((node) => ignore(node)) ||
            (record.addedNodes.length === 0 && record.removedNodes.length === 0),
        )
      : true;
    if (relevant) callback();
  });
  observer.observe(target, {
    childList: true,
    subtree: true,
    characterData: true,
    ...(options.attributes ? { attributes: true, attributeFilter: options.attributes } : {}),
  });
  options.signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
