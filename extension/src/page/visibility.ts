/**
 * Whether an element is on screen, so a dialog kept in the page and hidden (reused by the next user) or a template is
 * never taken for the open one. Browsers answer from rendering (checkVisibility); a saved page parsed without layout
 * (the selector tests) falls back on what the markup says: `hidden`, `aria-hidden`, an inline `display: none` or a
 * closed <dialog>, on the element or an ancestor. The fallback is never used in a browser, where a modal's
 * `aria-hidden` on the rest of the page would hide the Users list behind it.
 */
export function isShown(element: Element): boolean {
  if (typeof element.checkVisibility === 'function') {
    return element.checkVisibility({ visibilityProperty: true });
  }
  for (let node: Element | null = element; node; node = node.parentElement) {
    if (node.hasAttribute('hidden') || node.getAttribute('aria-hidden') === 'true') return false;
    if (/display\s*:\s*none|visibility\s*:\s*hidden/i.test(node.getAttribute('style') ?? '')) return false;
    if (node.tagName.toLowerCase() === 'dialog' && !node.hasAttribute('open')) return false;
  }
  return true;
}
