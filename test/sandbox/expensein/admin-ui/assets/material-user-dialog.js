import { ApiError } from './api.js';
import { h, ICONS, icon } from './dom.js';
import { createMaterialUserForm } from './material-user-form.js';
import { fullName } from './users-filter.js';

/** @typedef {import('./user-dialog.js').CloseReason} CloseReason */

/**
 * The Edit User dialog of the material skin: built once, kept in the page (hidden while closed) and reused for every
 * user, as overlay libraries do. Opening shows it at once, still holding the previous user, and fills it in place
 * when the user has loaded. Tabs draw only the selected pane.
 *
 * @param {{ api: typeof import('./api.js').api, onSaved: (user: any) => void }} options
 */
export function createMaterialUserDialog({ api, onSaved }) {
  const form = createMaterialUserForm();
  const title = h('h2', { id: 'mat-dialog-title', class: 'mat-dialog-title' }, 'Edit User');
  const subtitle = h('p', { class: 'mat-dialog-subtitle' });
  const alert = h('div', { class: 'mat-alert', role: 'alert', hidden: true });
  const progress = h('div', { class: 'mat-progress', role: 'progressbar', 'aria-label': 'Loading user' });
  const tabList = h('div', { class: 'mat-tab-list', role: 'tablist', 'aria-label': 'Edit User' });
  const paneHost = h('div', { class: 'mat-tab-body' });
  const update = /** @type {HTMLButtonElement} */ (
    h('button', { type: 'button', class: 'mat-button mat-button--primary', onclick: () => save() }, 'Update')
  );
  const surface = h(
    'div',
    { class: 'mat-dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': title.id },
    h(
      'div',
      { class: 'mat-dialog-header' },
      h('div', null, title, subtitle),
      h(
        'button',
        {
          type: 'button',
          class: 'mat-icon-button',
          'aria-label': 'Close',
          onclick: () => close('dismissed'),
        },
        icon(ICONS.close),
      ),
    ),
    alert,
    tabList,
    paneHost,
    h(
      'div',
      { class: 'mat-dialog-actions' },
      h('button', { type: 'button', class: 'mat-button', onclick: () => close('dismissed') }, 'Cancel'),
      update,
    ),
  );
  const overlay = h(
    'div',
    { class: 'cdk-overlay', 'aria-hidden': 'true' },
    h('div', { class: 'cdk-overlay-backdrop', onclick: () => close('dismissed') }),
    surface,
  );
  surface.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close('dismissed');
  });
  document.body.append(overlay);

  /** @type {Map<string, HTMLElement>} */
  const tabs = new Map();
  for (const spec of form.tabs) {
    const tab = h(
      'button',
      {
        type: 'button',
        role: 'tab',
        class: 'mat-tab',
        'aria-selected': 'false',
        onclick: () => select(spec.key),
      },
      spec.label,
    );
    tabs.set(spec.key, tab);
    tabList.append(tab);
  }
  let selected = '';

  /** @param {string} key */
  function select(key) {
    if (key === selected) return;
    selected = key;
    for (const [other, tab] of tabs) tab.setAttribute('aria-selected', String(other === key));
    // The previous pane leaves the page: a new one is drawn from the form's model.
    paneHost.replaceChildren(h('div', { role: 'tabpanel', class: 'mat-tab-pane' }, ...form.drawPane(key)));
  }

  /** @type {{ userId: number, onClosed: (reason: CloseReason) => void, loader: AbortController } | null} */
  let current = null;

  /**
   * @param {number} userId
   * @param {(reason: CloseReason) => void} onClosed
   */
  function open(userId, onClosed) {
    if (current) close('navigated');
    const loader = new AbortController();
    current = { userId, onClosed, loader };
    alert.hidden = true;
    update.disabled = true;
    surface.prepend(progress);
    overlay.classList.add('cdk-overlay--open');
    overlay.setAttribute('aria-hidden', 'false');
    if (!selected) select('details');
    load(userId, loader.signal).catch((error) => {
      if (loader.signal.aborted) return;
      progress.remove();
      showError(
        error instanceof ApiError && error.status === 404
          ? 'This user could not be found.'
          : `The user could not be loaded. ${error instanceof Error ? error.message : ''}`,
      );
    });
    return { close: (/** @type {CloseReason} */ reason = 'dismissed') => close(reason), userId };
  }

  /** @param {number} userId @param {AbortSignal} signal */
  async function load(userId, signal) {
    const [user, departments] = await Promise.all([api.getUser(userId, signal), api.listDepartments(signal)]);
    if (signal.aborted) return;
    form.load(
      user,
      [...departments].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
    );
    subtitle.textContent = `${fullName(user)} · ${user.email}`;
    select('details');
    progress.remove();
    update.disabled = false;
  }

  /** @param {CloseReason} reason */
  function close(reason) {
    const closing = current;
    if (!closing) return;
    current = null;
    closing.loader.abort();
    overlay.classList.remove('cdk-overlay--open');
    overlay.setAttribute('aria-hidden', 'true');
    closing.onClosed(reason);
  }

  async function save() {
    const saving = current;
    if (!saving || update.disabled) return;
    const result = form.changes();
    if ('error' in result) {
      showError(result.error ?? '');
      return;
    }
    update.disabled = true;
    try {
      const saved =
        Object.keys(result.diff).length === 0 ? null : await api.updateUser(saving.userId, result.diff);
      if (current !== saving) return;
      if (saved) onSaved(saved);
      close('saved');
    } catch (error) {
      showError(`This user could not be saved. ${error instanceof Error ? error.message : ''}`);
    } finally {
      update.disabled = false;
    }
  }

  /** @param {string} message */
  function showError(message) {
    alert.textContent = message;
    alert.hidden = false;
  }

  return {
    open,
    /** The page is left: the dialog goes with it. */
    destroy() {
      close('navigated');
      overlay.remove();
    },
  };
}
