import { h } from './dom.js';

/**
 * A button that opens a menu (ARIA menu button pattern): the row's three-dots menu, Add and Actions
 * (expensein.md section 3). Arrow keys move, Escape closes and returns focus, a click outside closes.
 * @param {{
 *   button: HTMLButtonElement,
 *   items: () => Array<{ label: string, onSelect: () => void, disabled?: boolean }>,
 *   align?: 'left' | 'right',
 * }} options
 */
export function attachMenu({ button, items, align = 'right' }) {
  button.setAttribute('aria-haspopup', 'menu');
  button.setAttribute('aria-expanded', 'false');
  /** @type {HTMLElement | null} */
  let menu = null;
  /** @type {AbortController | null} */
  let listeners = null;

  const close = (returnFocus = false) => {
    if (!menu) return;
    menu.remove();
    menu = null;
    listeners?.abort();
    listeners = null;
    button.setAttribute('aria-expanded', 'false');
    if (returnFocus) button.focus();
  };

  /** @param {'first' | 'last'} focusWhich */
  const open = (focusWhich) => {
    const entries = items();
    const menuId = `menu-${Math.random().toString(36).slice(2, 10)}`;
    menu = h('div', {
      class: 'menu',
      role: 'menu',
      id: menuId,
      'aria-label': button.getAttribute('aria-label') ?? button.textContent ?? '',
    });
    for (const entry of entries) {
      menu.append(
        h(
          'button',
          {
            type: 'button',
            role: 'menuitem',
            class: 'menu-item',
            tabindex: '-1',
            'aria-disabled': entry.disabled ? 'true' : null,
            onclick: () => {
              if (entry.disabled) return;
              close(true);
              entry.onSelect();
            },
          },
          entry.label,
        ),
      );
    }
    button.setAttribute('aria-controls', menuId);
    button.setAttribute('aria-expanded', 'true');
    document.body.append(menu);
    place(menu);

    listeners = new AbortController();
    const { signal } = listeners;
    const current = menu;
    document.addEventListener(
      'pointerdown',
      (event) => {
        const target = /** @type {Node} */ (event.target);
        if (!current.contains(target) && !button.contains(target)) close();
      },
      { signal, capture: true },
    );
    window.addEventListener('scroll', () => close(), { signal, capture: true, passive: true });
    window.addEventListener('resize', () => close(), { signal });
    current.addEventListener('keydown', (event) => onMenuKey(event, current), { signal });

    const menuItems = itemsOf(current);
    (focusWhich === 'last' ? menuItems.at(-1) : menuItems[0])?.focus();
  };

  /** @param {HTMLElement} element */
  const place = (element) => {
    const rect = button.getBoundingClientRect();
    element.style.top = `${rect.bottom + 4}px`;
    if (align === 'right')
      element.style.right = `${Math.max(8, document.documentElement.clientWidth - rect.right)}px`;
    else element.style.left = `${rect.left}px`;
  };

  /** @param {KeyboardEvent} event @param {HTMLElement} element */
  const onMenuKey = (event, element) => {
    const menuItems = itemsOf(element);
    const index = menuItems.indexOf(/** @type {HTMLElement} */ (document.activeElement));
    const move = (/** @type {number} */ to) => {
      event.preventDefault();
      menuItems[(to + menuItems.length) % menuItems.length]?.focus();
    };
    if (event.key === 'ArrowDown') move(index + 1);
    else if (event.key === 'ArrowUp') move(index - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(menuItems.length - 1);
    else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close(true);
    } else if (event.key === 'Tab') close();
  };

  button.addEventListener('click', () => (menu ? close() : open('first')));
  button.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      close();
      open(event.key === 'ArrowUp' ? 'last' : 'first');
    }
  });
  return { close };
}

/** @param {HTMLElement} menu @returns {HTMLElement[]} */
function itemsOf(menu) {
  return Array.from(menu.querySelectorAll('[role="menuitem"]'));
}
