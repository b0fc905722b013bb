import { apiErrorSchema, type TokenRole, tokenRoles } from '@staffsync/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './create-test-app.ts';

/** Every route but the public ones, with the least role it needs (PRODUCT.md 4.3) and a request to send it. */
interface RouteCase {
  method: 'GET' | 'POST';
  /** As the OpenAPI document names it. */
  template: string;
  role: TokenRole;
  /** Calls a vendor, so it spends a per-token rate limit (PRODUCT.md 4.3). */
  limited: boolean;
  request: (ids: Ids) => { path: string; body?: unknown };
}

interface Ids {
  connection: number;
  run: number;
  token: number;
}

const user = { reference: 'E001' };
const connectBody = {
  staffology: { baseUrl: 'http://127.0.0.1:1', apiKey: 'k1', employerId: 'emp-1' },
  expensein: { baseUrl: 'http://127.0.0.1:1', apiKey: 'k2' },
};

const routes: RouteCase[] = [
  {
    method: 'GET',
    template: '/api/connections',
    role: 'viewer',
    limited: false,
    request: () => ({ path: '/api/connections' }),
  },
  {
    method: 'POST',
    template: '/api/connections',
    role: 'owner',
    limited: true,
    request: () => ({ path: '/api/connections', body: connectBody }),
  },
  {
    method: 'POST',
    template: '/api/connections/{id}/reconnect',
    role: 'owner',
    limited: true,
    request: (ids) => ({
      path: `/api/connections/${ids.connection}/reconnect`,
      body: { expensein: { apiKey: 'k3' } },
    }),
  },
  {
    method: 'POST',
    template: '/api/connections/{id}/disconnect',
    role: 'owner',
    limited: false,
    request: (ids) => ({ path: `/api/connections/${ids.connection}/disconnect`, body: {} }),
  },
  {
    method: 'POST',
    template: '/api/connections/{id}/settings',
    role: 'owner',
    limited: false,
    request: (ids) => ({
      path: `/api/connections/${ids.connection}/settings`,
      body: { includeBankDetails: true },
    }),
  },
  {
    method: 'POST',
    template: '/api/setup/check',
    role: 'owner',
    limited: true,
    request: () => ({
      path: '/api/setup/check',
      body: { staffology: connectBody.staffology, expensein: connectBody.expensein, employerId: 'emp-1' },
    }),
  },
  {
    method: 'GET',
    template: '/api/connections/{id}/health',
    role: 'viewer',
    limited: true,
    request: (ids) => ({ path: `/api/connections/${ids.connection}/health` }),
  },
  {
    method: 'GET',
    template: '/api/connections/{id}/departments/check',
    role: 'viewer',
    limited: true,
    request: (ids) => ({ path: `/api/connections/${ids.connection}/departments/check` }),
  },
  {
    method: 'POST',
    template: '/api/connections/{id}/runs',
    role: 'viewer',
    limited: true,
    request: (ids) => ({ path: `/api/connections/${ids.connection}/runs`, body: { dryRun: true } }),
  },
  {
    method: 'POST',
    template: '/api/connections/{id}/runs',
    role: 'operator',
    limited: true,
    request: (ids) => ({ path: `/api/connections/${ids.connection}/runs`, body: { dryRun: false } }),
  },
  {
    method: 'GET',
    template: '/api/connections/{id}/runs',
    role: 'viewer',
    limited: false,
    request: (ids) => ({ path: `/api/connections/${ids.connection}/runs` }),
  },
  {
    method: 'GET',
    template: '/api/runs/{runId}',
    role: 'viewer',
    limited: false,
    request: (ids) => ({ path: `/api/runs/${ids.run}` }),
  },
  {
    method: 'POST',
    template: '/api/connections/{id}/users/badges',
    role: 'viewer',
    limited: true,
    request: (ids) => ({ path: `/api/connections/${ids.connection}/users/badges`, body: { users: [user] } }),
  },
  {
    method: 'GET',
    template: '/api/connections/{id}/users/status',
    role: 'viewer',
    limited: true,
    request: (ids) => ({ path: `/api/connections/${ids.connection}/users/status?reference=E001` }),
  },
  {
    method: 'POST',
    template: '/api/connections/{id}/users/resync',
    role: 'operator',
    limited: true,
    request: (ids) => ({ path: `/api/connections/${ids.connection}/users/resync`, body: user }),
  },
  {
    method: 'GET',
    template: '/api/connections/{id}/held-leavers',
    role: 'viewer',
    limited: false,
    request: (ids) => ({ path: `/api/connections/${ids.connection}/held-leavers` }),
  },
  {
    method: 'POST',
    template: '/api/connections/{id}/held-leavers/approve',
    role: 'operator',
    limited: true,
    request: (ids) => ({ path: `/api/connections/${ids.connection}/held-leavers/approve`, body: {} }),
  },
  {
    method: 'POST',
    template: '/api/connections/{id}/held-leavers/reject',
    role: 'operator',
    limited: false,
    request: (ids) => ({ path: `/api/connections/${ids.connection}/held-leavers/reject`, body: {} }),
  },
  {
    method: 'GET',
    template: '/api/tokens',
    role: 'owner',
    limited: false,
    request: () => ({ path: '/api/tokens' }),
  },
  {
    method: 'POST',
    template: '/api/tokens',
    role: 'owner',
    limited: false,
    request: () => ({ path: '/api/tokens', body: { name: `made-${Math.random()}` } }),
  },
  {
    method: 'POST',
    template: '/api/tokens/{tokenId}/revoke',
    role: 'owner',
    limited: false,
    request: (ids) => ({ path: `/api/tokens/${ids.token}/revoke`, body: {} }),
  },
];

async function seed(t: TestApp): Promise<Ids> {
  const connection = await t.addConnection();
  const { run } = await t.temp.store.runs.start({
    connectionId: connection,
    trigger: 'schedule',
    dryRun: false,
  });
  await t.temp.store.runs.finish(run.id, { status: 'succeeded' });
  const { record } = await t.temp.store.tokens.create(`to-revoke-${Math.random()}`);
  return { connection, run: run.id, token: record.id };
}

describe('roles (PRODUCT.md 4.3)', () => {
  let t: TestApp;
  afterEach(async () => t.cleanup());

  it('the table covers every route the API serves', async () => {
    t = await createTestApp();
    const doc = (await t.call('/api/openapi.json', { token: null })).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const served = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const tabled = new Set(routes.map((route) => `${route.method} ${route.template}`));
    expect(served.filter((route) => route !== 'GET /api/health').sort()).toEqual([...tabled].sort());
  });

  // Every route x every role: allowed (anything but 401 and 403), or 403 naming the role it needs.
  const cases = routes.flatMap((route) => tokenRoles.map((role) => [route, role] as const));
  it.each(
    cases.map(
      ([route, role]) =>
        [
          `${route.method} ${route.template} ${JSON.stringify(route.request({ connection: 1, run: 1, token: 1 }).body ?? '')}`,
          role,
          route,
        ] as const,
    ),
  )('%s as %s', async (_name, role, route) => {
    t = await createTestApp();
    const request = route.request(await seed(t));
    const res = await t.call(request.path, {
      method: route.method,
      body: request.body,
      token: await t.tokenFor(role),
    });
    const allowed = tokenRoles.indexOf(role) >= tokenRoles.indexOf(route.role);
    if (allowed) {
      expect([401, 403]).not.toContain(res.status);
    } else {
      expect(res.status).toBe(403);
      expect(apiErrorSchema.parse(res.body).error).toMatchObject({
        code: 'forbidden',
        requiredRole: route.role,
      });
      expect(apiErrorSchema.parse(res.body).error.message).toContain(`"${route.role}" role`);
    }
  });
});

describe('token lifetimes', () => {
  let t: TestApp;
  afterEach(async () => t.cleanup());

  it('refuses an expired token and a revoked one with 401', async () => {
    t = await createTestApp();
    const short = await t.temp.store.tokens.create('short-lived', {
      role: 'owner',
      lifetimeMs: 24 * 60 * 60 * 1000,
    });
    expect((await t.call('/api/connections', { token: short.token })).status).toBe(200);
    t.temp.clock.advance(24 * 60 * 60 * 1000);
    const expired = await t.call('/api/connections', { token: short.token });
    expect(expired.status).toBe(401);
    expect(apiErrorSchema.parse(expired.body).error.message).toMatch(/expired/);

    const revoked = await t.temp.store.tokens.create('revoked', { role: 'owner' });
    const revoke = await t.call(`/api/tokens/${revoked.record.id}/revoke`, { body: {} });
    expect(revoke.status).toBe(200);
    expect((await t.call('/api/connections', { token: revoked.token })).status).toBe(401);
  });

  it('lets an owner create a token of any role, shown once, expiring after 90 days by default', async () => {
    t = await createTestApp();
    const res = await t.call('/api/tokens', { body: { name: 'alice viewer', role: 'viewer' } });
    expect(res.status).toBe(201);
    const { token, record } = res.body as { token: string; record: { role: string; expiresAt: string } };
    expect(record.role).toBe('viewer');
    expect(Date.parse(record.expiresAt) - t.temp.clock.now().getTime()).toBe(90 * 24 * 60 * 60 * 1000);
    const listed = await t.call('/api/tokens');
    expect(JSON.stringify(listed.body)).not.toContain(token);
    expect((await t.call('/api/connections', { token })).status).toBe(200);
  });
});

describe('limits (PRODUCT.md 4.3)', () => {
  let t: TestApp;
  afterEach(async () => t.cleanup());

  it.each(
    routes
      .filter((route) => route.limited)
      .map((route) => [`${route.method} ${route.template}`, route] as const),
  )('limits %s per token', async (_name, route) => {
    t = await createTestApp({
      deps: { rateLimits: { vendorReads: { max: 1, windowMs: 60_000 }, runs: { max: 1, windowMs: 60_000 } } },
    });
    const ids = await seed(t);
    const send = () => {
      const request = route.request(ids);
      return t.call(request.path, { method: route.method, body: request.body });
    };
    expect((await send()).status).not.toBe(429);
    await t.runs.settled();
    const refused = await send();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).not.toBeNull();
  });

  it('refuses a body over 1 MiB with 413, and takes one of exactly 1 MiB', async () => {
    t = await createTestApp();
    const id = await t.addConnection();
    const padded = (bytes: number) => {
      const body = JSON.stringify({ users: [{ reference: 'E001' }], pad: '' });
      return body.replace('"pad":""', `"pad":"${'x'.repeat(bytes - body.length)}"`);
    };
    const send = (body: string) =>
      t.app.request(`/api/connections/${id}/users/badges`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${t.token}`, 'Content-Type': 'application/json' },
        body,
      });
    const tooBig = await send(padded(1024 * 1024 + 1));
    expect(tooBig.status).toBe(413);
    expect(apiErrorSchema.parse(await tooBig.json()).error.code).toBe('payload_too_large');
    // Exactly 1 MiB is read and answered (here 502: the test's vendor is unreachable), not refused as too large.
    expect((await send(padded(1024 * 1024))).status).toBe(502);
  });
});
