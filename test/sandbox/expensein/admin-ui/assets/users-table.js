import { h, srOnly } from './dom.js';

/**
 * The Users list as an HTML table (the default look: named by the page heading; the material skin: unnamed, other
 * classes), with Name, Email, Reference, Department, Status and the row actions.
 *
 * @param {{ named: boolean, className: string, selectAll: HTMLInputElement }} options
 */
export function createUsersTable({ named, className, selectAll }) {
  const tbody = h('tbody');
  const table = h(
    'table',
    { class: className, 'aria-labelledby': named ? 'users-heading' : null },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col', class: 'col-check' }, selectAll),
        h('th', { scope: 'col' }, 'Name'),
        h('th', { scope: 'col' }, 'Email'),
        h('th', { scope: 'col' }, 'Reference'),
        h('th', { scope: 'col' }, 'Department'),
        h('th', { scope: 'col' }, 'Status'),
        h('th', { scope: 'col', class: 'col-actions' }, srOnly('Actions')),
      ),
    ),
    tbody,
  );

  return {
    element: h('div', { class: 'card table-card' }, table),
    /** @param {import('./users-page.js').RowParts[]} rows */
    render(rows) {
      tbody.replaceChildren(
        ...rows.map((row) =>
          h(
            'tr',
            { dataset: { userId: String(row.userId) } },
            h('td', { class: 'col-check' }, row.checkbox),
            h('td', null, row.name),
            h('td', null, row.email),
            h('td', null, row.reference),
            h('td', null, row.department),
            h('td', null, row.status),
            h('td', { class: 'col-actions' }, row.actions),
          ),
        ),
      );
    },
    /** @param {string} className @param {(Node | string)[]} content */
    message(className, ...content) {
      tbody.replaceChildren(
        h('tr', null, h('td', { colspan: '7', class: `table-message ${className}` }, ...content)),
      );
    },
    /** @param {number} userId */
    focusEdit(userId) {
      const row = tbody.querySelector(`tr[data-user-id="${CSS.escape(String(userId))}"]`);
      /** @type {HTMLElement | null | undefined} */ (row?.querySelector('button[title="Edit"]'))?.focus();
    },
  };
}
