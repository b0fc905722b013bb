import { ApiError } from './api.js';
import { h, ICONS, icon } from './dom.js';

/**
 * Actions > Change Department for the ticked users, then Update (expensein.md 2.3, S6). Each user is saved
 * through PATCH /1.0/users/{id}; failures are listed and the others still apply.
 *
 * @param {{
 *   api: typeof import('./api.js').api,
 *   users: Array<{ id: number, firstName: string, lastName: string }>,
 *   departments: Array<{ id: number, name: string }>,
 *   onSaved: (users: any[]) => void,
 *   onClosed: () => void,
 * }} options
 */
export function openChangeDepartmentDialog({ api, users, departments, onSaved, onClosed }) {
  const select = /** @type {HTMLSelectElement} */ (
    h(
      'select',
      { id: 'change-department-select', class: 'input select' },
      h('option', { value: '' }, 'None'),
      ...departments.map((department) => h('option', { value: String(department.id) }, department.name)),
    )
  );
  const alert = h('div', { class: 'alert', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'button button-primary' }, 'Update');
  const count = users.length === 1 ? '1 user selected' : `${users.length} users selected`;
  const form = h(
    'form',
    { class: 'modal-form', novalidate: true },
    h(
      'div',
      { class: 'modal-header' },
      h(
        'div',
        null,
        h('h2', { id: 'change-department-title', class: 'modal-title' }, 'Change Department'),
        h('p', { class: 'modal-subtitle' }, count),
      ),
      h(
        'button',
        { type: 'button', class: 'icon-button', 'aria-label': 'Close', onclick: () => close() },
        icon(ICONS.close),
      ),
    ),
    alert,
    h(
      'div',
      { class: 'modal-body' },
      h('div', { class: 'field' }, h('label', { for: select.id, class: 'label' }, 'Department'), select),
    ),
    h(
      'div',
      { class: 'modal-footer' },
      h('button', { type: 'button', class: 'button', onclick: () => close() }, 'Cancel'),
      submit,
    ),
  );
  const dialog = /** @type {HTMLDialogElement} */ (
    h('dialog', { class: 'modal modal-small', 'aria-labelledby': 'change-department-title' }, form)
  );

  let closed = false;
  function close() {
    if (closed) return;
    closed = true;
    dialog.close();
    dialog.remove();
    onClosed();
  }
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    close();
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.setAttribute('disabled', '');
    const departmentId = select.value === '' ? null : Number(select.value);
    const results = await Promise.allSettled(users.map((user) => api.updateUser(user.id, { departmentId })));
    submit.removeAttribute('disabled');
    const saved = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    if (saved.length > 0) onSaved(saved);
    const failures = results.flatMap((result, index) =>
      result.status === 'rejected'
        ? [`${users[index]?.firstName} ${users[index]?.lastName}: ${reason(result.reason)}`]
        : [],
    );
    if (failures.length === 0) {
      close();
      return;
    }
    alert.replaceChildren(
      h('p', { class: 'alert-title' }, 'Some users could not be moved.'),
      h('ul', null, ...failures.map((line) => h('li', null, line))),
    );
    alert.hidden = false;
  });

  document.body.append(dialog);
  dialog.showModal();
  select.focus();
}

/** @param {unknown} error */
function reason(error) {
  if (error instanceof ApiError) return Object.values(error.errors).flat().join(' ') || error.message;
  return error instanceof Error ? error.message : String(error);
}
