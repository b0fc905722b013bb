import { describe, expect, it } from 'vitest';
import { createExpenseInSimulator } from '../create-expensein-simulator.ts';
import type { ExpenseInState } from '../types.ts';

const NOW = new Date('2026-03-10T09:00:00Z');

function state(accountName = 'Northwind Trading Ltd'): ExpenseInState {
  return {
    accountName,
    apiKeys: [],
    settings: { userReferencesMustBeUnique: false },
    departments: [{ id: 1, name: 'Sales', reference: null }],
    users: [
      {
        id: 1,
        firstName: 'Ada',
        lastName: 'Lovelace',
        email: 'ada@example.com',
        reference: 'E1',
        departmentId: 1,
        leaveDate: null,
        bankDetails: null,
        inviteStatus: 'Active',
        expensePolicyId: null,
        approvalFlowId: null,
        statementIdentifier: null,
        permissions: [],
        settings: {},
        outOfOffice: { enabled: false, onlyDuringPeriod: false, start: null, end: null },
      },
    ],
    eventLog: [],
  };
}

// The UI is mounted by the simulator, so it is tested there: the cookie it sets must open the same API.
function setup(initial = state()) {
  return createExpenseInSimulator(initial, () => ({}), { now: () => NOW });
}

function sessionCookie(response: Response): string {
  const header = response.headers.get('set-cookie') ?? '';
  const match = /ei_session=([^;]+)/.exec(header);
  if (!match?.[1]) throw new Error(`no ei_session cookie in "${header}"`);
  return `ei_session=${match[1]}`;
}

describe('createAdminUi', () => {
  it('redirects /admin to the Users list', async () => {
    const response = await setup().app.request('/admin');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/admin/users');
  });

  it('serves the shell with an HttpOnly, SameSite=Lax session cookie that authenticates the API', async () => {
    const simulator = setup();
    const page = await simulator.app.request('/admin/users');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const setCookie = page.headers.get('set-cookie') ?? '';
    expect(setCookie).toContain(`ei_session=${simulator.store.adminSessionToken}`);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);

    const users = await simulator.app.request('/1.0/users', { headers: { Cookie: sessionCookie(page) } });
    expect(users.status).toBe(200);
    expect(await users.json()).toEqual([expect.objectContaining({ id: 1, firstName: 'Ada' })]);
  });

  it('escapes the account name and passes the store date to the page', async () => {
    const html = await (
      await setup(state('<script>alert(1)</script> & Co')).app.request('/admin/users')
    ).text();
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('data-today="2026-03-10"');
    expect(html).toContain('<script type="module" src="/admin/assets/app.js"></script>');
  });

  it('draws another skin when asked for a known one, and the default look otherwise', async () => {
    const app = setup().app;
    const grid = await (await app.request('/admin/users?skin=grid')).text();
    expect(grid).toContain('data-skin="grid"');
    expect(grid).toContain('<link rel="stylesheet" href="/admin/assets/skin-grid.css" />');
    const material = await (await app.request('/admin/users?skin=material&edit=1')).text();
    expect(material).toContain('data-skin="material"');
    for (const path of ['/admin/users', '/admin/users?skin=%22%3E%3Cscript%3E']) {
      const page = await (await app.request(path)).text();
      expect(page).toContain('data-skin="default"');
      expect(page).not.toContain('skin-');
    }
    expect((await app.request('/admin/assets/skin-material.css')).status).toBe(200);
    expect((await app.request('/admin/assets/material-user-dialog.js')).status).toBe(200);
  });

  it('serves the same shell for a direct load of /admin/departments', async () => {
    const response = await setup().app.request('/admin/departments');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Departments | ExpenseIn</title>');
  });

  it('serves the scripts and styles with their content types', async () => {
    const app = setup().app;
    const script = await app.request('/admin/assets/app.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toContain("from './users-page.js'");
    const style = await app.request('/admin/assets/app.css');
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('serves nothing outside the assets folder', async () => {
    const app = setup().app;
    for (const path of [
      '/admin/assets/missing.js',
      '/admin/assets/create-admin-ui.ts',
      '/admin/assets/..%2Fcreate-admin-ui.ts',
      '/admin/assets/..%2F..%2Ftypes.ts',
    ]) {
      expect((await app.request(path)).status, path).toBe(404);
    }
  });

  it('without the cookie, the API still refuses the browser', async () => {
    const response = await setup().app.request('/1.0/users', { headers: { Cookie: 'ei_session=guess' } });
    expect(response.status).toBe(401);
  });
});
