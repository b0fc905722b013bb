import { h, ICONS, icon } from './dom.js';
import { leaverStatus } from './users-filter.js';

/**
 * The Departments list (expensein.md section 3: filter by Department Name or Reference). Read-only here: the
 * simulator's API has no department writes (PRODUCT.md 3.2).
 *
 * @param {{ api: typeof import('./api.js').api, today: string }} context
 */
export function createDepartmentsPage({ api, today }) {
  /** @type {{ departments: any[], users: any[], search: string }} */
  const state = { departments: [], users: [], search: '' };
  const loader = new AbortController();

  const search = /** @type {HTMLInputElement} */ (
    h('input', {
      id: 'department-search',
      type: 'search',
      class: 'input',
      autocomplete: 'off',
      placeholder: 'Department Name or Reference',
    })
  );
  const filterForm = h(
    'form',
    {
      class: 'filter card',
      role: 'search',
      'aria-labelledby': 'department-filter-heading',
      novalidate: true,
    },
    h('h2', { class: 'filter-heading', id: 'department-filter-heading' }, 'Filter'),
    h(
      'div',
      { class: 'filter-fields' },
      h(
        'div',
        { class: 'field filter-search' },
        h('label', { for: search.id, class: 'label' }, 'Department Search'),
        h('div', { class: 'input-with-icon' }, icon(ICONS.search, 'icon input-icon'), search),
      ),
      h('button', { type: 'submit', class: 'button button-secondary' }, 'Update'),
    ),
  );
  filterForm.addEventListener('submit', (event) => {
    event.preventDefault();
    state.search = search.value;
    render();
  });

  const tbody = h('tbody');
  const summary = h('p', { class: 'table-summary', role: 'status' });
  const element = h(
    'section',
    { class: 'page', 'aria-labelledby': 'departments-heading' },
    h(
      'div',
      { class: 'page-header' },
      h('h1', { id: 'departments-heading', class: 'page-title' }, 'Departments'),
    ),
    filterForm,
    h(
      'div',
      { class: 'card table-card' },
      h(
        'table',
        { class: 'table', 'aria-labelledby': 'departments-heading' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            h('th', { scope: 'col' }, 'Department Name'),
            h('th', { scope: 'col' }, 'Reference'),
            h('th', { scope: 'col', class: 'col-number' }, 'Users'),
          ),
        ),
        tbody,
      ),
    ),
    summary,
  );

  function render() {
    const term = state.search.trim().toLowerCase();
    const departments = state.departments
      .filter(
        (department) =>
          !term || `${department.name} ${department.reference ?? ''}`.toLowerCase().includes(term),
      )
      .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
    // Users still counted against a department: leavers who have left no longer block it (S13).
    const activeCount = (/** @type {number} */ id) =>
      state.users.filter((user) => user.departmentId === id && leaverStatus(user.leaveDate, today) !== 'left')
        .length;
    tbody.replaceChildren(
      ...(departments.length === 0
        ? [
            h(
              'tr',
              null,
              h('td', { colspan: '3', class: 'table-message empty' }, 'No departments match this filter.'),
            ),
          ]
        : departments.map((department) =>
            h(
              'tr',
              null,
              h('td', null, department.name),
              h('td', null, department.reference ?? ''),
              h('td', { class: 'col-number' }, String(activeCount(department.id))),
            ),
          )),
    );
    summary.textContent = `Showing ${departments.length} of ${state.departments.length} departments`;
  }

  async function load() {
    tbody.replaceChildren(
      h('tr', null, h('td', { colspan: '3', class: 'table-message loading' }, 'Loading departments…')),
    );
    try {
      const [departments, users] = await Promise.all([
        api.listDepartments(loader.signal),
        api.listUsers(loader.signal),
      ]);
      state.departments = Array.isArray(departments) ? departments : [];
      state.users = Array.isArray(users) ? users : [];
      render();
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      const message = error instanceof Error ? error.message : String(error);
      const retry = h('button', { type: 'button', class: 'button', onclick: () => load() }, 'Try again');
      tbody.replaceChildren(
        h(
          'tr',
          null,
          h(
            'td',
            { colspan: '3', class: 'table-message empty' },
            `The departments could not be loaded. ${message} `,
            retry,
          ),
        ),
      );
    }
  }

  load();

  return {
    element,
    title: 'Departments',
    sync() {},
    destroy() {
      loader.abort();
    },
  };
}
