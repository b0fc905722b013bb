import { api } from './api.js';
import { createDepartmentsPage } from './departments-page.js';
import { h } from './dom.js';
import { createUsersPage } from './users-page.js';

/**
 * The admin app: routes inside the page (history.pushState; popstate; direct loads of any route), so an
 * extension sees what it would in ExpenseIn, a single-page app whose URL changes without page loads.
 */
const ROUTES = {
  '/admin/users': createUsersPage,
  '/admin/departments': createDepartmentsPage,
};

function start() {
  const main = /** @type {HTMLElement} */ (document.getElementById('main'));
  const toasts = /** @type {HTMLElement} */ (document.getElementById('toasts'));
  const today = document.body.dataset.today ?? new Date().toISOString().slice(0, 10);
  // `?skin=grid` or `?skin=material` on the first load (the shell puts it here): the same data drawn by other markup.
  const skin = /** @type {'default' | 'grid' | 'material'} */ (document.body.dataset.skin ?? 'default');

  /** @param {string} message */
  const toast = (message) => {
    const item = h('div', { class: 'toast' }, message);
    toasts.append(item);
    setTimeout(() => item.remove(), 4000);
  };
  const context = { api, today, toast, skin };

  /** @type {{ path: string, page: ReturnType<typeof createUsersPage> | ReturnType<typeof createDepartmentsPage> } | null} */
  let current = null;

  function render() {
    const path = location.pathname.replace(/\/+$/, '') || '/admin/users';
    if (current?.path === path) {
      current.page.sync();
      return;
    }
    current?.page.destroy();
    const create = ROUTES[/** @type {keyof typeof ROUTES} */ (path)];
    if (!create) {
      main.replaceChildren(h('h1', { class: 'page-title' }, 'Page not found'));
      current = null;
      return;
    }
    const page = create(context);
    current = { path, page };
    main.replaceChildren(page.element);
    document.title = `${page.title} | ExpenseIn`;
    for (const link of document.querySelectorAll('.sidenav-link')) {
      const here = new URL(/** @type {HTMLAnchorElement} */ (link).href).pathname === path;
      if (here) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    page.sync();
  }

  // In-app links navigate without a page load; modified clicks (new tab) keep the browser's behaviour.
  document.addEventListener('click', (event) => {
    const link = /** @type {Element} */ (event.target).closest?.('a[href]');
    if (!(link instanceof HTMLAnchorElement)) return;
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    const url = new URL(link.href);
    if (url.origin !== location.origin || !(url.pathname in ROUTES)) return;
    event.preventDefault();
    if (url.pathname + url.search !== location.pathname + location.search) history.pushState(null, '', url);
    render();
    main.focus({ preventScroll: true });
  });
  window.addEventListener('popstate', render);
  render();
}

start();
