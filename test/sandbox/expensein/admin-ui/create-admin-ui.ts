import { readFile } from 'node:fs/promises';
import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import type { ExpenseInStore } from '../expensein-store.ts';

/** Must equal the simulator's ADMIN_SESSION_COOKIE (not imported: that module imports this one). */
const SESSION_COOKIE = 'ei_session';

const ASSETS_DIR = new URL('./assets/', import.meta.url);
/** Flat asset names only, so a request can never reach outside the assets folder. */
const ASSET_NAME = /^[a-z0-9-]+\.(js|css)$/;
const CONTENT_TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

/**
 * Other looks of the same admin UI, so the extension meets more than one ExpenseIn (its real markup is unknown,
 * expensein.md 3): `?skin=grid` draws the Users list as a virtualised ARIA grid without a Reference column;
 * `?skin=material` keeps one Edit User dialog in the page and reuses it, removes inactive tab panes, picks dates as
 * dd/mm/yyyy and writes labels that neither wrap nor point at their inputs. No skin: the default look.
 */
const SKINS = ['grid', 'material'] as const;
type Skin = (typeof SKINS)[number];

function skinOf(value: string | undefined): Skin | null {
  return SKINS.find((skin) => skin === value) ?? null;
}

/** In-app pages: each serves the same shell, whose script routes in the page (history.pushState). */
const PAGES: Record<string, string> = {
  '/admin/users': 'Users',
  '/admin/departments': 'Departments',
};

/**
 * The ExpenseIn admin web UI simulator: the Users list with its Edit User pop-up and a Departments list
 * (expensein.md section 3; PRODUCT.md 6). The page is a static shell plus plain ES modules; it reads and
 * saves through the simulator's own `/1.0` API with the `ei_session` cookie set here, so the UI obeys the
 * same business rules as any API client.
 */
export function createAdminUi(deps: { store: ExpenseInStore }): Hono {
  const { store } = deps;
  const app = new Hono();

  app.get('/admin', (c) => c.redirect('/admin/users', 302));

  for (const [path, title] of Object.entries(PAGES)) {
    app.get(path, (c) => {
      setCookie(c, SESSION_COOKIE, store.adminSessionToken, { path: '/', httpOnly: true, sameSite: 'Lax' });
      c.header('Cache-Control', 'no-store');
      return c.html(
        renderShell({
          title,
          accountName: store.accountName(),
          today: store.today(),
          skin: skinOf(c.req.query('skin')),
        }),
      );
    });
  }

  app.get('/admin/assets/:name', async (c) => {
    const name = c.req.param('name');
    const match = ASSET_NAME.exec(name);
    const type = match?.[1] ? CONTENT_TYPES[match[1]] : undefined;
    if (!type) return c.json({ message: `No asset ${name}` }, 404);
    let body: string;
    try {
      body = await readFile(new URL(name, ASSETS_DIR), 'utf8');
    } catch {
      return c.json({ message: `No asset ${name}` }, 404);
    }
    // no-store: the sandbox is edited while it runs, and a stale module would make a confusing test.
    return c.body(body, 200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  });

  return app;
}

/**
 * The app shell. The account name is the only data in it and `html` escapes it; everything else is
 * rendered by the page's script with textContent. `today` is the store's date (its clock may be fixed by
 * a test), so the list's leaver clocks agree with the simulator's leaverStatus.
 */
function renderShell(page: { title: string; accountName: string; today: string; skin: Skin | null }) {
  const skinStyle = page.skin
    ? html`\n    <link rel="stylesheet" href="/admin/assets/skin-${page.skin}.css" />`
    : '';
  return html`<!doctype html>
<html lang="en-GB">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${page.title} | ExpenseIn</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="/admin/assets/app.css" />${skinStyle}
    <script type="module" src="/admin/assets/app.js"></script>
  </head>
  <body data-today="${page.today}" data-skin="${page.skin ?? 'default'}">
    <a class="skip-link" href="#main">Skip to main content</a>
    <header class="topbar">
      <a class="brand" href="/admin/users" aria-label="ExpenseIn home"><span class="brand-mark" aria-hidden="true">e</span>ExpenseIn</a>
      <span class="topbar-section">Admin</span>
      <div class="account">
        <span class="account-avatar" aria-hidden="true"></span>
        <span class="account-label">Account</span>
        <span class="account-name" data-account-name>${page.accountName}</span>
      </div>
    </header>
    <div class="layout">
      <nav class="sidenav" aria-labelledby="sidenav-user-management">
        <h2 class="sidenav-heading" id="sidenav-user-management">User Management</h2>
        <ul class="sidenav-list">
          <li><a class="sidenav-link" href="/admin/users">Users</a></li>
          <li><a class="sidenav-link" href="/admin/departments">Departments</a></li>
        </ul>
      </nav>
      <main class="main" id="main" tabindex="-1"><p class="loading" role="status">Loading…</p></main>
    </div>
    <div class="toasts" id="toasts" role="status" aria-live="polite"></div>
  </body>
</html>
`;
}
