/** The tag of every small host the extension adds to the page besides the panels themselves. */
export const SLOT_TAG = 'staffsync-slot';

export function isOwnNode(node: Node): boolean {
  return node instanceof Element && node.tagName.toLowerCase().startsWith('staffsync-');
}

/**
 * A small shadow root in the page (a row's badge, a field's marker or warning) that a panel renders into with a
 * React portal. It carries a copy of the panel's stylesheet, so the page's CSS and ours never meet.
 */
export function createShadowSlot(
  css: string,
  display: 'inline-block' | 'block',
  name: string,
): {
  host: HTMLElement;
  container: HTMLElement;
} {
  const host = document.createElement(SLOT_TAG);
  host.dataset.staffsyncSlot = name;
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  // After WXT's `:host{all:initial}` reset in `css`, so these win.
  style.textContent = `${css}\n:host{display:${display} !important;${display === 'inline-block' ? 'margin-left:8px !important;vertical-align:middle !important;' : ''}}`;
  const container = document.createElement('span');
  container.className = 'ss-root';
  shadow.append(style, container);
  return { host, container };
}
