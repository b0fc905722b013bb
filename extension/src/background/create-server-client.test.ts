import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { apiTokenItem, readConnectionSettings, serverUrlItem } from '../settings/connection-settings.ts';
import {
  sampleBadge,
  sampleBadges,
  sampleConnection,
  sampleConnectionHealth,
  sampleHealth,
  sampleRun,
  sampleUserStatus,
} from '../testing/sample-responses.ts';
import { startTestServer } from '../testing/start-test-server.ts';
import { createServerClient } from './create-server-client.ts';
import { serverRoutes } from './server-routes.ts';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;
let server: TestServer;

const connections = {
  connections: [sampleConnection({ id: 1, status: 'disconnected' }), sampleConnection({ id: 4 })],
};

beforeEach(async () => {
  fakeBrowser.reset();
  server = await startTestServer({
    [`GET ${serverRoutes.health()}`]: { body: sampleHealth },
    [`GET ${serverRoutes.connections()}`]: (request) =>
      request.authorization === 'Bearer good-token'
        ? { body: connections }
        : { status: 401, body: { error: { code: 'unauthorized', message: 'bad token' } } },
    [`GET ${serverRoutes.connectionHealth(4)}`]: { body: sampleConnectionHealth() },
    [`POST ${serverRoutes.batchStatus(4)}`]: (request) => ({
      body: sampleBadges([sampleBadge({ key: { reference: 'E1001' } })]),
      headers: { 'X-Echo': JSON.stringify(request.body) },
    }),
    [`GET ${serverRoutes.userStatus(4)}`]: (request) =>
      request.search.includes('missing')
        ? {
            status: 404,
            body: { error: { code: 'not_found', message: 'No ExpenseIn user has Reference "missing"' } },
          }
        : { body: sampleUserStatus() },
    [`POST ${serverRoutes.resync(4)}`]: { status: 429, headers: { 'Retry-After': '12' }, body: {} },
    [`POST ${serverRoutes.runs(4)}`]: (request) =>
      (request.body as { dryRun?: boolean }).dryRun
        ? {
            status: 403,
            body: {
              error: {
                code: 'forbidden',
                message: 'Previewing needs the operator role.',
                requiredRole: 'operator',
              },
            },
          }
        : {
            status: 403,
            body: {
              error: {
                code: 'forbidden',
                message: 'Sync needs a token with the operator role; this one is a viewer.',
              },
            },
          },
    [`GET ${serverRoutes.run(9)}`]: { raw: '{"run": {"id": "not a number"}}' },
  });
  await serverUrlItem.setValue(server.url);
  await apiTokenItem.setValue('good-token');
});

afterEach(async () => {
  await server.close();
});

const client = () => createServerClient({ settings: readConnectionSettings });

describe('createServerClient', () => {
  it('reads health without a token', async () => {
    await apiTokenItem.setValue('');
    const result = await client().health();
    expect(result).toEqual({ ok: true, data: sampleHealth });
    expect(server.requests[0]?.authorization).toBeNull();
  });

  it('sends the saved token and uses the first connected connection', async () => {
    const result = await client().connectionHealth();
    expect(result.ok && result.data.connection.id).toBe(1);
    expect(server.requests.map((request) => request.path)).toEqual([
      '/api/connections',
      '/api/connections/4/health',
    ]);
    expect(server.requests.every((request) => request.authorization === 'Bearer good-token')).toBe(true);
  });

  it('asks for the connection once for several calls', async () => {
    const serverClient = client();
    await serverClient.connectionHealth();
    await serverClient.connectionHealth();
    expect(server.requests.filter((request) => request.path === '/api/connections')).toHaveLength(1);
  });

  it('posts every row key of a list render in one batch request', async () => {
    const keys = [{ reference: 'E1001' }, { email: 'margaret.hamilton@northwind.example' }];
    const result = await client().batchStatus(keys);
    expect(result.ok && result.data.statuses[0]?.badge).toBe('linked');
    const posts = server.requests.filter((request) => request.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body).toEqual({ users: keys });
  });

  it('asks for one user by reference or by email in the query', async () => {
    await client().userStatus({ reference: 'E1001' });
    await client().userStatus({ email: 'ada@northwind.example' });
    const searches = server.requests.filter((request) => request.path.endsWith('/users/status'));
    expect(searches.map((request) => request.search)).toEqual([
      '?reference=E1001',
      '?email=ada%40northwind.example',
    ]);
  });

  it('says unauthorised when the token is refused', async () => {
    await apiTokenItem.setValue('revoked');
    const result = await client().connectionHealth();
    expect(result).toMatchObject({ ok: false, problem: { kind: 'unauthorized', status: 401 } });
  });

  it('says not configured, without a request, when no token is saved', async () => {
    await apiTokenItem.setValue('');
    const result = await client().userStatus({ reference: 'E1001' });
    expect(result).toMatchObject({ ok: false, problem: { kind: 'not_configured' } });
    expect(server.requests).toHaveLength(0);
  });

  it('says unreachable when nothing listens at the server address', async () => {
    await server.close();
    const result = await client().health();
    expect(result).toMatchObject({ ok: false, problem: { kind: 'unreachable' } });
    if (!result.ok) expect(result.problem.message).toContain(server.url);
    server = await startTestServer({});
  });

  it("passes on the server's message for an unknown user", async () => {
    const result = await client().userStatus({ reference: 'missing' });
    expect(result).toEqual({
      ok: false,
      problem: { kind: 'not_found', status: 404, message: 'No ExpenseIn user has Reference "missing"' },
    });
  });

  it("says which role a refused action needs, in the server's own sentence", async () => {
    const result = await client().startRun();
    expect(result).toEqual({
      ok: false,
      problem: {
        kind: 'forbidden',
        status: 403,
        message: 'Sync needs a token with the operator role; this one is a viewer.',
      },
    });
    const preview = await client().dryRun();
    expect(preview).toMatchObject({
      ok: false,
      problem: {
        kind: 'forbidden',
        message: 'Previewing needs the operator role.',
        requiredRole: 'operator',
      },
    });
  });

  it('reads a 403 leniently: an unknown role or code still gives a sentence, never a generic error', async () => {
    const odd = await startTestServer({
      'GET /api/connections': { body: connections },
      [`POST ${serverRoutes.resync(4)}`]: {
        status: 403,
        body: { error: { code: 'role_missing', message: '', requiredRole: 'admin' } },
      },
    });
    await serverUrlItem.setValue(odd.url);
    const result = await client().resync({ reference: 'E1001' });
    await odd.close();
    expect(result).toMatchObject({ ok: false, problem: { kind: 'forbidden', status: 403 } });
    if (!result.ok) {
      expect(result.problem.message).toMatch(/role/);
      expect(result.problem.requiredRole).toBeUndefined();
    }
  });

  it('says unauthorised, not forbidden, for an expired token (401)', async () => {
    await apiTokenItem.setValue('expired');
    const result = await client().startRun();
    expect(result).toMatchObject({ ok: false, problem: { kind: 'unauthorized', status: 401 } });
  });

  it('says when to retry a rate-limited resync', async () => {
    const result = await client().resync({ reference: 'E1001' });
    expect(result).toMatchObject({ ok: false, problem: { kind: 'rate_limited', retryAfterSeconds: 12 } });
  });

  it('refuses an answer that does not match the shared schema', async () => {
    const result = await client().getRun(9);
    expect(result).toMatchObject({ ok: false, problem: { kind: 'bad_response', status: 200 } });
  });

  it('asks the runs list for its newest run that is not a dry run, or says there is none', async () => {
    // Newest first: previews (dry runs) since run 3, the last sync; the server filters when asked to.
    const runs = [
      sampleRun({ id: 5, dryRun: true }),
      sampleRun({ id: 4, dryRun: true }),
      sampleRun({ id: 3 }),
    ];
    const listing = await startTestServer({
      [`GET ${serverRoutes.runs(4)}`]: (request) => {
        const query = new URLSearchParams(request.search);
        const wanted = query.get('dryRun') === 'false' ? runs.filter((run) => !run.dryRun) : runs;
        const pageSize = Number(query.get('pageSize'));
        return { body: { runs: wanted.slice(0, pageSize), page: 1, pageSize, total: wanted.length } };
      },
      [`GET ${serverRoutes.runs(5)}`]: { body: { runs: [], page: 1, pageSize: 1, total: 0 } },
    });
    await serverUrlItem.setValue(listing.url);
    expect(await client().lastRun(4)).toMatchObject({ ok: true, data: { id: 3, dryRun: false } });
    expect(listing.requests.map((request) => request.search)).toEqual(['?dryRun=false&pageSize=1']);
    expect(await client().lastRun(5)).toEqual({ ok: true, data: null });
    await listing.close();
  });

  it('says there is no connection when the server has none', async () => {
    const empty = await startTestServer({ 'GET /api/connections': { body: { connections: [] } } });
    await serverUrlItem.setValue(empty.url);
    const result = await client().connectionHealth();
    expect(result).toMatchObject({ ok: false, problem: { kind: 'no_connection' } });
    await empty.close();
  });
});
