/**
 * Tiny DOM builder. Every piece of data goes in through textContent or a property, never through innerHTML,
 * so a user named `<img src=x onerror=alert(1)>` shows as text (admin UI brief; PRODUCT.md 5).
 */

/**
 * @param {string} tag
 * @param {Record<string, unknown> | null} [props] attributes; `on*` functions become listeners; `dataset`,
 *   `hidden`, `checked`, `disabled`, `value` are set as properties; `false`/`null`/`undefined` are skipped.
 * @param {...(Node | string | number | null | undefined | false)} children strings become text nodes
 * @returns {HTMLElement}
 */
export function h(tag, props, ...children) {
  const element = document.createElement(tag);
  applyProps(element, props);
  append(element, children);
  return element;
}

const PROPERTY_NAMES = new Set(['checked', 'disabled', 'hidden', 'value', 'selected', 'indeterminate']);

/**
 * @param {Element} element
 * @param {Record<string, unknown> | null | undefined} props
 */
function applyProps(element, props) {
  if (!props) return;
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), /** @type {EventListener} */ (value));
    } else if (name === 'dataset' && typeof value === 'object') {
      Object.assign(/** @type {HTMLElement} */ (element).dataset, value);
    } else if (PROPERTY_NAMES.has(name)) {
      Reflect.set(element, name, value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
}

/**
 * @param {Element} parent
 * @param {Array<Node | string | number | null | undefined | false>} children
 */
function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(typeof child === 'number' ? String(child) : child);
  }
}

/** Text read by screen readers but not shown. @param {string} text */
export function srOnly(text) {
  return h('span', { class: 'sr-only' }, text);
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * An inline icon from path data; decorative (aria-hidden) because the control around it carries the name.
 * @param {string[]} paths
 * @param {string} [className]
 */
export function icon(paths, className = 'icon') {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', className);
  for (const d of paths) {
    const path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}

export const ICONS = {
  pencil: ['M4 20h4L19 9l-4-4L4 16v4Z', 'M14 6l4 4'],
  dots: ['M5 12h.01', 'M12 12h.01', 'M19 12h.01'],
  clock: ['M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18Z', 'M12 7v5l3 2'],
  close: ['M6 6l12 12', 'M18 6L6 18'],
  plus: ['M12 5v14', 'M5 12h14'],
  chevronDown: ['M6 9l6 6 6-6'],
  search: ['M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14Z', 'M20 20l-4-4'],
};
