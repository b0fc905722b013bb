import { h } from './dom.js';

const ROW_HEIGHT = 52;
const VISIBLE_ROWS = 10;
/** Rows drawn beyond the viewport, above and below, so a short scroll shows no gap. */
const OVERSCAN = 2;

/**
 * The Users list of the "grid" skin (`?skin=grid`): an ARIA grid of divs, as data-grid libraries draw it, with no
 * Reference column (PRODUCT.md 5: a row is then known by its email) and virtualised rows: only the rows in view
 * exist, and scrolling re-fills the same row elements with other users, as recycling grids do.
 */
export function createUsersGrid() {
  /** @type {import('./users-page.js').RowParts[]} */
  let rows = [];
  const header = h(
    'div',
    { role: 'row', class: 'ug-row ug-header-row', 'aria-rowindex': '1' },
    ...['Name', 'Email', 'Department', 'Status'].map((text) =>
      h('div', { role: 'columnheader', class: 'ug-cell' }, text),
    ),
    h('div', { role: 'columnheader', class: 'ug-cell ug-actions', 'aria-label': 'Actions' }),
  );
  const body = h('div', { role: 'rowgroup', class: 'ug-body' });
  const viewport = h(
    'div',
    { class: 'ug-viewport', style: `height: ${ROW_HEIGHT * VISIBLE_ROWS}px`, tabindex: '0' },
    body,
  );
  const grid = h(
    'div',
    { role: 'grid', class: 'ug', 'aria-label': 'User directory', 'aria-rowcount': '1' },
    h('div', { role: 'rowgroup', class: 'ug-head' }, header),
    viewport,
  );
  /** Row elements, reused for whichever users are in view. @type {HTMLElement[]} */
  const pool = [];
  let frame = 0;

  function draw() {
    frame = 0;
    const first = Math.max(0, Math.floor(viewport.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const count = Math.min(rows.length - first, VISIBLE_ROWS + OVERSCAN * 2);
    while (pool.length < count) pool.push(h('div', { role: 'row', class: 'ug-row' }));
    for (const [index, element] of pool.entries()) {
      const row = rows[first + index];
      if (index >= count || !row) {
        element.remove();
        continue;
      }
      // Same element, other user: only its cells' content and position change.
      if (element.dataset.userId !== String(row.userId)) {
        element.dataset.userId = String(row.userId);
        element.setAttribute('aria-rowindex', String(first + index + 2));
        element.style.top = `${(first + index) * ROW_HEIGHT}px`;
        element.replaceChildren(
          h('div', { role: 'gridcell', class: 'ug-cell ug-name' }, row.name),
          h('div', { role: 'gridcell', class: 'ug-cell' }, row.email),
          h('div', { role: 'gridcell', class: 'ug-cell' }, row.department),
          h('div', { role: 'gridcell', class: 'ug-cell' }, row.status),
          h('div', { role: 'gridcell', class: 'ug-cell ug-actions' }, row.actions),
        );
      }
      if (!element.isConnected) body.append(element);
    }
  }

  viewport.addEventListener('scroll', () => {
    if (!frame) frame = requestAnimationFrame(draw);
  });

  return {
    element: h('div', { class: 'card ug-card' }, grid),
    /** @param {import('./users-page.js').RowParts[]} next */
    render(next) {
      rows = next;
      grid.setAttribute('aria-rowcount', String(rows.length + 1));
      body.style.height = `${rows.length * ROW_HEIGHT}px`;
      body.replaceChildren();
      for (const element of pool) delete element.dataset.userId;
      draw();
    },
    /** @param {string} className @param {(Node | string)[]} content */
    message(className, ...content) {
      rows = [];
      body.style.height = 'auto';
      body.replaceChildren(
        h(
          'div',
          { role: 'row', class: `ug-message ${className}` },
          h('div', { role: 'gridcell' }, ...content),
        ),
      );
    },
    /** @param {number} userId */
    focusEdit(userId) {
      const row = body.querySelector(`[data-user-id="${CSS.escape(String(userId))}"]`);
      /** @type {HTMLElement | null | undefined} */ (row?.querySelector('button[title="Edit"]'))?.focus();
    },
  };
}
