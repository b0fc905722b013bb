import { INVITE_STATUS_LABELS } from './catalog.js';
import { openChangeDepartmentDialog } from './change-department-dialog.js';
import { h, ICONS, icon, srOnly } from './dom.js';
import { createMaterialUserDialog } from './material-user-dialog.js';
import { attachMenu } from './menu-button.js';
import { openUserDialog } from './user-dialog.js';
import { filterUsers, formatDate, fullName, leaverStatus } from './users-filter.js';
import { createUsersGrid } from './users-grid.js';
import { createUsersTable } from './users-table.js';

/**
 * @typedef {{ userId: number, checkbox: HTMLElement, name: HTMLElement, email: string, reference: string,
 *   department: string, status: HTMLElement, actions: HTMLElement }} RowParts
 */

/**
 * The Users list (expensein.md section 3, 2.2): Filter panel (User Search, Include Leavers, Update), a table
 * with Name, Email, Reference, Department and Status, leaver clocks, per-row Edit and three-dots menu, and the
 * Edit User pop-up, which is also opened by `?edit=<id>` in the URL. Everything re-renders in place.
 *
 * @param {{
 *   api: typeof import('./api.js').api,
 *   today: string,
 *   toast: (message: string) => void,
 *   skin: 'default' | 'grid' | 'material',
 * }} context
 */
export function createUsersPage({ api, today, toast, skin }) {
  /** @type {{ users: any[], departments: any[], filter: { search: string, includeLeavers: boolean },
   *   selected: Set<number>, status: 'loading' | 'ready' | 'error', error: string }} */
  const state = {
    users: [],
    departments: [],
    filter: { search: '', includeLeavers: false },
    selected: new Set(),
    status: 'loading',
    error: '',
  };
  /** @type {{ userId: number | null, pushed: boolean, close: (reason?: any) => void } | null} */
  let dialog = null;
  /** @type {ReturnType<typeof createMaterialUserDialog> | null} */
  let materialDialog = null;
  const loader = new AbortController();

  const departmentName = (/** @type {number | null} */ id) =>
    state.departments.find((department) => department.id === id)?.name ?? '';

  // Filter panel: applied on Update (or Enter), as ExpenseIn's Filter is.
  const search = /** @type {HTMLInputElement} */ (
    h('input', {
      id: 'user-search',
      type: 'search',
      class: 'input',
      autocomplete: 'off',
      placeholder: 'Name, email or reference',
    })
  );
  const includeLeavers = /** @type {HTMLInputElement} */ (
    h('input', { id: 'include-leavers', type: 'checkbox', class: 'checkbox' })
  );
  const filterForm = h(
    'form',
    { class: 'filter card', role: 'search', 'aria-labelledby': 'filter-heading', novalidate: true },
    h('h2', { class: 'filter-heading', id: 'filter-heading' }, 'Filter'),
    h(
      'div',
      { class: 'filter-fields' },
      h(
        'div',
        { class: 'field filter-search' },
        h('label', { for: search.id, class: 'label' }, 'User Search'),
        h('div', { class: 'input-with-icon' }, icon(ICONS.search, 'icon input-icon'), search),
      ),
      h(
        'div',
        { class: 'check filter-check' },
        includeLeavers,
        h('label', { for: includeLeavers.id }, 'Include Leavers'),
      ),
      h('button', { type: 'submit', class: 'button button-secondary' }, 'Update'),
    ),
  );
  filterForm.addEventListener('submit', (event) => {
    event.preventDefault();
    state.filter = { search: search.value, includeLeavers: includeLeavers.checked };
    state.selected.clear();
    renderTable();
  });

  const selectAll = /** @type {HTMLInputElement} */ (
    h('input', { type: 'checkbox', class: 'checkbox', 'aria-label': 'Select all users' })
  );
  selectAll.addEventListener('change', () => {
    for (const user of visibleUsers()) {
      if (selectAll.checked) state.selected.add(user.id);
      else state.selected.delete(user.id);
    }
    renderTable();
  });

  const list =
    skin === 'grid'
      ? createUsersGrid()
      : createUsersTable({
          named: skin !== 'material',
          className: skin === 'material' ? 'table mat-table' : 'table',
          selectAll,
        });
  const summary = h('p', { class: 'table-summary', role: 'status' });

  const selectionCount = h('span', { class: 'selection-count', 'aria-live': 'polite' });
  const actionsButton = /** @type {HTMLButtonElement} */ (
    h('button', { type: 'button', class: 'button', disabled: true }, 'Actions', icon(ICONS.chevronDown))
  );
  attachMenu({
    button: actionsButton,
    items: () => [
      { label: 'Send/Resend Invitation', onSelect: () => invite(selectedUsers()) },
      { label: 'Change Department', onSelect: () => changeDepartment(selectedUsers()) },
    ],
  });
  const addButton = /** @type {HTMLButtonElement} */ (
    h(
      'button',
      { type: 'button', class: 'button button-primary' },
      icon(ICONS.plus),
      'Add',
      icon(ICONS.chevronDown),
    )
  );
  attachMenu({
    button: addButton,
    items: () => [{ label: 'New User', onSelect: () => openDialog(null, false) }],
  });

  const element = h(
    'section',
    { class: 'page', 'aria-labelledby': 'users-heading' },
    h(
      'div',
      { class: 'page-header' },
      h('h1', { id: 'users-heading', class: 'page-title' }, 'Users'),
      h('div', { class: 'page-actions' }, selectionCount, actionsButton, addButton),
    ),
    filterForm,
    list.element,
    summary,
  );

  function visibleUsers() {
    return filterUsers(state.users, state.filter, today, departmentName);
  }
  function selectedUsers() {
    return state.users.filter((user) => state.selected.has(user.id));
  }

  function renderTable() {
    if (state.status === 'loading') {
      list.message('loading', 'Loading users…');
      summary.textContent = '';
      return;
    }
    if (state.status === 'error') {
      const retry = h('button', { type: 'button', class: 'button', onclick: () => reload() }, 'Try again');
      list.message('empty', `The users could not be loaded. ${state.error} `, retry);
      summary.textContent = '';
      return;
    }
    const users = visibleUsers();
    const visibleIds = new Set(users.map((user) => user.id));
    for (const id of state.selected) if (!visibleIds.has(id)) state.selected.delete(id);
    if (users.length === 0) list.message('empty', 'No users match this filter.');
    else list.render(users.map(rowParts));
    const total = state.users.length;
    summary.textContent = `Showing ${users.length} of ${total} ${total === 1 ? 'user' : 'users'}`;
    renderSelection(users.length);
  }

  /** @param {number} visibleCount */
  function renderSelection(visibleCount) {
    const count = state.selected.size;
    selectAll.checked = count > 0 && count === visibleCount;
    selectAll.indeterminate = count > 0 && count < visibleCount;
    actionsButton.disabled = count === 0;
    selectionCount.textContent = count === 0 ? '' : `${count} selected`;
  }

  /**
   * What a row shows, for whichever list view draws it.
   * @param {any} user
   * @returns {RowParts}
   */
  function rowParts(user) {
    const name = fullName(user);
    const checkbox = /** @type {HTMLInputElement} */ (
      h('input', {
        type: 'checkbox',
        class: 'checkbox',
        checked: state.selected.has(user.id),
        'aria-label': `Select ${name}`,
      })
    );
    checkbox.addEventListener('change', () => {
      if (checkbox.checked) state.selected.add(user.id);
      else state.selected.delete(user.id);
      renderSelection(visibleUsers().length);
    });

    const editButton = h(
      'button',
      { type: 'button', class: 'icon-button', title: 'Edit', onclick: () => openDialog(user.id, true) },
      icon(ICONS.pencil),
      srOnly(`Edit ${name}`),
    );
    const moreButton = /** @type {HTMLButtonElement} */ (
      h(
        'button',
        { type: 'button', class: 'icon-button', 'aria-label': `More options for ${name}`, title: 'More' },
        icon(ICONS.dots),
      )
    );
    attachMenu({
      button: moreButton,
      items: () => [
        { label: 'Edit', onSelect: () => openDialog(user.id, true) },
        ...(user.inviteStatus === 'Active'
          ? []
          : [
              {
                label: user.inviteStatus === 'Invited' ? 'Resend Invitation' : 'Send Invitation',
                onSelect: () => invite([user]),
              },
            ]),
      ],
    });

    return {
      userId: user.id,
      checkbox,
      name: h(
        'span',
        { class: 'user-cell' },
        h('span', { class: 'user-name' }, name),
        leaverClock(user.leaveDate),
      ),
      email: user.email,
      reference: user.reference ?? '',
      department: departmentName(user.departmentId),
      status: statusBadge(user.inviteStatus),
      actions: h('span', { class: 'row-actions' }, editButton, moreButton),
    };
  }

  /** Yellow clock: scheduled; red clock: left (expensein.md 2.2). @param {string | null} leaveDate */
  function leaverClock(leaveDate) {
    const status = leaverStatus(leaveDate, today);
    if (status === 'active' || !leaveDate) return null;
    const scheduled = status === 'scheduled';
    return h(
      'span',
      {
        class: scheduled ? 'clock clock-scheduled' : 'clock clock-left',
        role: 'img',
        'aria-label': scheduled ? 'Scheduled leaver' : 'Leaver',
        title: scheduled ? `Leaves on ${formatDate(leaveDate)}` : `Left on ${formatDate(leaveDate)}`,
      },
      icon(ICONS.clock),
    );
  }

  /** @param {string} inviteStatus */
  function statusBadge(inviteStatus) {
    const label =
      INVITE_STATUS_LABELS[/** @type {keyof typeof INVITE_STATUS_LABELS} */ (inviteStatus)] ?? inviteStatus;
    return h('span', { class: `badge badge-${String(inviteStatus).toLowerCase()}` }, label);
  }

  /** @param {any[]} saved */
  function replaceUsers(saved) {
    const byId = new Map(saved.map((user) => [user.id, user]));
    state.users = state.users.map((user) => byId.get(user.id) ?? user);
    for (const user of saved) if (!state.users.some((known) => known.id === user.id)) state.users.push(user);
    renderTable();
  }

  /** @param {any[]} users */
  async function invite(users) {
    const pending = users.filter((user) => user.inviteStatus !== 'Active');
    if (pending.length === 0) {
      toast('Selected users are already active.');
      return;
    }
    const results = await Promise.allSettled(
      pending.map((user) => api.updateUser(user.id, { inviteStatus: 'Invited' })),
    );
    const saved = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    replaceUsers(saved);
    toast(
      saved.length === pending.length
        ? `Invitation sent to ${saved.length === 1 ? fullName(saved[0]) : `${saved.length} users`}.`
        : `Invitations sent: ${saved.length} of ${pending.length}.`,
    );
  }

  /** @param {any[]} users */
  function changeDepartment(users) {
    if (users.length === 0) return;
    openChangeDepartmentDialog({
      api,
      users,
      departments: [...state.departments].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
      onSaved: (saved) => {
        replaceUsers(saved);
        toast(
          saved.length === 1
            ? 'Department changed for 1 user.'
            : `Department changed for ${saved.length} users.`,
        );
      },
      onClosed: () => actionsButton.focus(),
    });
  }

  /** @param {any} user */
  function savedInDialog(user) {
    replaceUsers([user]);
    toast(`${fullName(user)} was updated.`);
  }

  /**
   * @param {number | null} userId null: New User
   * @param {boolean} pushUrl whether opening adds `?edit=<id>` to history (Edit button), so closing goes back
   */
  function openDialog(userId, pushUrl) {
    dialog?.close('navigated');
    const pushed = pushUrl && userId !== null;
    if (pushed) history.pushState({ editUser: userId }, '', editUrl(userId));
    const onSaved = (/** @type {any} */ user) => {
      replaceUsers([user]);
      toast(userId === null ? `${fullName(user)} was created.` : `${fullName(user)} was updated.`);
    };
    const onClosed = (/** @type {import('./user-dialog.js').CloseReason} */ reason) => {
      if (dialog === current) dialog = null;
      if (reason === 'navigated' || userId === null) return;
      // Restore the list's URL: step back over our own history entry, or drop `edit` from a direct load.
      if (current.pushed && history.state?.editUser === userId) history.back();
      else history.replaceState(null, '', editUrl(null));
      focusRow(userId);
    };
    // The material skin edits in its one reused dialog; New User, and the other looks, in a fresh <dialog>.
    let opened;
    if (skin === 'material' && userId !== null) {
      materialDialog ??= createMaterialUserDialog({ api, onSaved: savedInDialog });
      opened = materialDialog.open(userId, onClosed);
    } else {
      opened = openUserDialog({ api, userId, onSaved, onClosed });
    }
    const current = { userId, pushed, close: opened.close };
    dialog = current;
  }

  /** @param {number | null} userId */
  function editUrl(userId) {
    const url = new URL(location.href);
    if (userId === null) url.searchParams.delete('edit');
    else url.searchParams.set('edit', String(userId));
    return `${url.pathname}${url.search}${url.hash}`;
  }

  /** @param {number} userId */
  function focusRow(userId) {
    list.focusEdit(userId);
  }

  async function reload() {
    state.status = 'loading';
    renderTable();
    try {
      const [users, departments] = await Promise.all([
        api.listUsers(loader.signal),
        api.listDepartments(loader.signal),
      ]);
      state.users = Array.isArray(users) ? users : [];
      state.departments = Array.isArray(departments) ? departments : [];
      state.status = 'ready';
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      state.status = 'error';
      state.error = error instanceof Error ? error.message : String(error);
    }
    renderTable();
  }

  /** Follows the URL: `?edit=<id>` opens the pop-up (direct load, Back/Forward), its absence closes it. */
  function sync() {
    const raw = new URLSearchParams(location.search).get('edit');
    const wanted = raw !== null && /^\d+$/.test(raw) ? Number(raw) : null;
    if (wanted === null) {
      if (dialog && dialog.userId !== null) dialog.close('navigated');
      return;
    }
    if (dialog?.userId === wanted) return;
    openDialog(wanted, false);
  }

  reload();

  return {
    element,
    title: 'Users',
    sync,
    destroy() {
      loader.abort();
      dialog?.close('navigated');
      materialDialog?.destroy();
    },
  };
}
