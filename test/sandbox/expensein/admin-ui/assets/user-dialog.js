import { ApiError } from './api.js';
import { h, ICONS, icon } from './dom.js';
import { createTabs } from './tabs.js';
import { createUserForm } from './user-form.js';
import { fullName } from './users-filter.js';

/** @typedef {'saved' | 'dismissed' | 'navigated'} CloseReason */

/**
 * The New User / Edit User pop-up (expensein.md section 3: a modal over the Users list, found by its title and
 * tab labels). A native <dialog> opened with showModal(): role dialog, focus kept inside, Escape closes.
 * Update saves through the API; a 400/409 keeps the pop-up open with each error next to its field.
 *
 * @param {{
 *   api: typeof import('./api.js').api,
 *   userId: number | null,            // null: New User
 *   onSaved: (user: any) => void,     // called before the pop-up closes
 *   onClosed: (reason: CloseReason) => void,
 * }} options
 */
export function openUserDialog({ api, userId, onSaved, onClosed }) {
  const isNew = userId === null;
  const idPrefix = isNew ? 'new-user' : 'edit-user';
  const titleId = `${idPrefix}-title`;
  const title = isNew ? 'New User' : 'Edit User';
  const loader = new AbortController();

  const subtitle = h('p', { class: 'modal-subtitle', id: `${idPrefix}-subtitle` });
  const alert = h('div', { class: 'alert', role: 'alert', hidden: true });
  const body = h(
    'div',
    { class: 'modal-body' },
    h('p', { class: 'loading', role: 'status' }, 'Loading user…'),
  );
  const submit = /** @type {HTMLButtonElement} */ (
    h(
      'button',
      { type: 'submit', class: 'button button-primary', disabled: true },
      isNew ? 'Create' : 'Update',
    )
  );
  const cancel = h(
    'button',
    { type: 'button', class: 'button', onclick: () => close('dismissed') },
    'Cancel',
  );
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { class: 'modal-form', novalidate: true },
      h(
        'div',
        { class: 'modal-header' },
        h('div', null, h('h2', { id: titleId, class: 'modal-title' }, title), subtitle),
        h(
          'button',
          { type: 'button', class: 'icon-button', 'aria-label': 'Close', onclick: () => close('dismissed') },
          icon(ICONS.close),
        ),
      ),
      alert,
      body,
      h('div', { class: 'modal-footer' }, cancel, submit),
    )
  );
  const dialog = /** @type {HTMLDialogElement} */ (
    h(
      'dialog',
      { class: 'modal modal-user', 'aria-labelledby': titleId, 'aria-describedby': subtitle.id },
      form,
    )
  );

  let closed = false;
  /** @param {CloseReason} reason */
  function close(reason) {
    if (closed) return;
    closed = true;
    loader.abort();
    if (dialog.open) dialog.close();
    dialog.remove();
    onClosed(reason);
  }
  // Escape: close through the same path as Cancel so the URL is restored too.
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    close('dismissed');
  });

  document.body.append(dialog);
  dialog.showModal();

  /** @type {ReturnType<typeof createUserForm> | null} */
  let userForm = null;
  /** @type {ReturnType<typeof createTabs> | null} */
  let tabs = null;

  load().catch((error) => {
    if (closed || (error instanceof DOMException && error.name === 'AbortError')) return;
    const message =
      error instanceof ApiError && error.status === 404
        ? 'This user could not be found. They may have been deleted.'
        : `The user could not be loaded. ${error instanceof Error ? error.message : ''}`;
    body.replaceChildren(h('p', { class: 'empty' }, message));
    submit.hidden = true;
    cancel.textContent = 'Close';
    cancel.focus();
  });

  async function load() {
    const { signal } = loader;
    const [user, departments, settings] = await Promise.all([
      isNew ? Promise.resolve(null) : api.getUser(/** @type {number} */ (userId), signal),
      api.listDepartments(signal),
      api.getSettings(signal),
    ]);
    if (closed) return;
    subtitle.textContent = user ? `${fullName(user)} · ${user.email}` : 'Add a user to this account';
    userForm = createUserForm({
      idPrefix,
      user,
      departments: [...departments].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
      referenceRequired: settings?.userReferencesMustBeUnique === true,
    });
    tabs = createTabs({ idPrefix, label: title, tabs: userForm.tabs });
    body.replaceChildren(tabs.tablist, ...tabs.panels);
    submit.disabled = false;
    userForm.firstField.focus();
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!userForm || submit.disabled) return;
    alert.hidden = true;
    alert.replaceChildren();
    userForm.clearErrors();
    submit.disabled = true;
    form.setAttribute('aria-busy', 'true');
    try {
      /** @type {any} */
      let saved;
      if (isNew) saved = await api.createUser(userForm.createBody());
      else {
        const changes = userForm.changes();
        saved =
          Object.keys(changes).length === 0
            ? null
            : await api.updateUser(/** @type {number} */ (userId), changes);
      }
      if (closed) return;
      if (saved) onSaved(saved);
      close('saved');
    } catch (error) {
      if (closed) return;
      showError(error);
    } finally {
      submit.disabled = false;
      form.removeAttribute('aria-busy');
    }
  });

  /** @param {unknown} error */
  function showError(error) {
    if (!userForm || !tabs) return;
    const apiError = error instanceof ApiError ? error : null;
    const { firstInvalid, unplaced } = userForm.showErrors(apiError?.errors ?? {});
    const heading =
      apiError?.status === 409
        ? 'This user could not be saved: a value is already used by another user.'
        : apiError?.status === 400
          ? 'This user could not be saved. Please check the highlighted fields.'
          : `This user could not be saved. ${error instanceof Error ? error.message : ''}`;
    const placed = Object.keys(apiError?.errors ?? {}).length > unplaced.length;
    alert.replaceChildren(h('p', { class: 'alert-title' }, heading));
    // The API's own message only adds something when no field could carry the error.
    if (apiError && !placed && (apiError.status === 400 || apiError.status === 409))
      alert.append(h('p', null, apiError.message));
    if (unplaced.length > 0) alert.append(h('ul', null, ...unplaced.map((line) => h('li', null, line))));
    alert.hidden = false;
    if (firstInvalid) {
      const key = tabs.keyOf(firstInvalid);
      if (key) tabs.select(key);
      firstInvalid.focus();
    }
  }

  return {
    /** @param {CloseReason} [reason] 'navigated' when the URL already changed (Back button). */
    close: (reason = 'dismissed') => close(reason),
    /** The user this pop-up edits (null for New User). */
    userId,
  };
}
