import { h } from './dom.js';

/**
 * ARIA tabs (tablist / tab / tabpanel) with a roving tabindex: the Edit User pop-up's Details, Settings,
 * Out of Office and Employment tabs (expensein.md section 3) are found by these roles and names.
 * @param {{ idPrefix: string, label: string, tabs: Array<{ key: string, label: string, content: Node[] }> }} options
 */
export function createTabs({ idPrefix, label, tabs }) {
  const tablist = h('div', { class: 'tablist', role: 'tablist', 'aria-label': label });
  /** @type {Map<string, { tab: HTMLElement, panel: HTMLElement }>} */
  const byKey = new Map();
  const panels = [];

  for (const [index, spec] of tabs.entries()) {
    const tabId = `${idPrefix}-tab-${spec.key}`;
    const panelId = `${idPrefix}-panel-${spec.key}`;
    const selected = index === 0;
    const tab = h(
      'button',
      {
        type: 'button',
        role: 'tab',
        id: tabId,
        class: 'tab',
        'aria-selected': String(selected),
        'aria-controls': panelId,
        tabindex: selected ? '0' : '-1',
        onclick: () => select(spec.key),
      },
      spec.label,
    );
    const panel = h(
      'div',
      {
        role: 'tabpanel',
        id: panelId,
        class: 'tabpanel',
        'aria-labelledby': tabId,
        tabindex: '0',
        hidden: !selected,
      },
      ...spec.content,
    );
    tablist.append(tab);
    panels.push(panel);
    byKey.set(spec.key, { tab, panel });
  }

  /** @param {string} key @param {boolean} [focus] */
  function select(key, focus = false) {
    for (const [other, { tab, panel }] of byKey) {
      const selected = other === key;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
      panel.hidden = !selected;
      if (selected && focus) tab.focus();
    }
  }

  tablist.addEventListener('keydown', (event) => {
    const keys = [...byKey.keys()];
    const current = keys.findIndex((key) => byKey.get(key)?.tab === document.activeElement);
    if (current < 0) return;
    let next = -1;
    if (event.key === 'ArrowRight') next = (current + 1) % keys.length;
    else if (event.key === 'ArrowLeft') next = (current - 1 + keys.length) % keys.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = keys.length - 1;
    if (next < 0) return;
    event.preventDefault();
    const key = keys[next];
    if (key) select(key, true);
  });

  /** The key of the tab whose panel holds `element`, if any. @param {Element} element */
  function keyOf(element) {
    for (const [key, { panel }] of byKey) if (panel.contains(element)) return key;
    return null;
  }

  return { tablist, panels, select, keyOf };
}
