import type { RunSummary } from '@staffsync/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { serverRoutes } from '../background/server-routes.ts';
import { createTestApi } from '../testing/create-test-api.ts';
import { sampleConnection, sampleRun, sampleRunItem, sampleSetupCheck } from '../testing/sample-responses.ts';
import { type CannedResponse, type Route, startTestServer } from '../testing/start-test-server.ts';
import { createSetupStore } from './create-setup-store.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

const hrKey = 'hr-key-5be1';
const eiKey = 'ei-key-77c0';
const signal = () => new AbortController().signal;

const forbidden: CannedResponse = {
  status: 403,
  body: {
    error: {
      code: 'forbidden',
      message: 'This request needs a token with the "owner" role; the token "pat" has the "viewer" role',
      requiredRole: 'owner',
    },
  },
};

/** The staffsync server, canned: an owner's token, no connection unless told, a run 9 that ends on its 2nd read. */
async function serve(routes: Record<string, Route | CannedResponse> = {}) {
  let runReads = 0;
  const server = await startTestServer({
    [`GET ${serverRoutes.tokens()}`]: { body: { tokens: [] } },
    [`GET ${serverRoutes.connections()}`]: { body: { connections: [] } },
    [`POST ${serverRoutes.setupCheck()}`]: (request) => ({
      body: sampleSetupCheck((request.body as { employerId?: string }).employerId ?? null),
    }),
    [`POST ${serverRoutes.connections()}`]: {
      status: 201,
      body: { connection: sampleConnection({ id: 4, name: 'Northwind Ltd' }), runId: 9 },
    },
    [`GET ${serverRoutes.run(9)}`]: (request) => {
      if (request.search.includes('pageSize=1&') || request.search === '?pageSize=1') runReads += 1;
      const run = sampleRun({ id: 9, trigger: 'connect', status: runReads < 2 ? 'running' : 'partial' });
      const severity = new URLSearchParams(request.search).get('severity');
      const items = severity === 'skipped' ? [sampleRunItem()] : [];
      return { body: { run, items, page: 1, pageSize: 500, total: items.length } };
    },
    ...routes,
  });
  closers.push(server.close);
  /** How many times run 9 was asked about while it ran (a read of the run alone, not of its employees). */
  return { ...server, runReads: () => runReads };
}

/** A page of the runs list, newest first. */
function runsPage(...runs: RunSummary[]): CannedResponse {
  return { body: { runs, page: 1, pageSize: 20, total: runs.length } };
}

async function typedKeys(store: ReturnType<typeof createSetupStore>) {
  store.getState().setField('staffologyApiKey', hrKey);
  store.getState().setField('expenseinApiKey', eiKey);
  await store.getState().checkKeys();
}

describe('set-up store', () => {
  it('says plainly that a viewer or operator token cannot set up, and asks nothing else', async () => {
    const server = await serve({ [`GET ${serverRoutes.tokens()}`]: forbidden });
    const store = createSetupStore(createTestApi(server.url));
    await store.getState().load(signal());
    expect(store.getState().start).toMatchObject({
      state: 'problem',
      problem: { kind: 'forbidden', requiredRole: 'owner' },
    });
    expect(server.requests.map((request) => request.path)).toEqual([serverRoutes.tokens()]);
  });

  it('names each missing key under its field and sends nothing', async () => {
    const server = await serve();
    const store = createSetupStore(createTestApi(server.url));
    await store.getState().load(signal());
    expect(store.getState()).toMatchObject({ start: { state: 'ready' }, connection: null });
    await store.getState().checkKeys();
    expect(store.getState().errors).toEqual({
      staffologyApiKey: 'Enter the Staffology API key',
      expenseinApiKey: 'Enter the ExpenseIn API key',
    });
    expect(server.requests.some((request) => request.path === serverRoutes.setupCheck())).toBe(false);
    // Typing in a field clears its message.
    store.getState().setField('staffologyApiKey', 'k');
    expect(store.getState().errors).toEqual({ expenseinApiKey: 'Enter the ExpenseIn API key' });
  });

  it('lists the employers, then previews the one chosen; Connect sends what was previewed', async () => {
    const server = await serve();
    const store = createSetupStore(createTestApi(server.url), { pollMs: 5 });
    await store.getState().load(signal());
    await typedKeys(store);
    const listed = store.getState().check;
    expect(listed.state === 'done' && listed.result.employers.map((employer) => employer.id)).toEqual([
      'emp-1',
      'emp-2',
    ]);
    expect(store.getState().previewIsCurrent()).toBe(false);

    await store.getState().chooseEmployer('emp-2');
    expect(store.getState().previewIsCurrent()).toBe(true);
    expect(server.requests.at(-1)?.body).toEqual({
      staffology: { baseUrl: 'https://api.staffology.co.uk', apiKey: hrKey },
      expensein: { baseUrl: 'https://api.expensein.com', apiKey: eiKey },
      employerId: 'emp-2',
      includeBankDetails: false,
    });
    // R8: turning bank details on plans the first sync again, with them.
    await store.getState().setIncludeBankDetails(true);
    expect(server.requests.at(-1)?.body).toMatchObject({ employerId: 'emp-2', includeBankDetails: true });

    await store.getState().connect(signal());
    const connect = server.requests.find(
      (request) => request.method === 'POST' && request.path === serverRoutes.connections(),
    );
    expect(connect?.body).toEqual({
      staffology: { baseUrl: 'https://api.staffology.co.uk', apiKey: hrKey, employerId: 'emp-2' },
      expensein: { baseUrl: 'https://api.expensein.com', apiKey: eiKey },
      includeBankDetails: true,
    });
    // Step 3 follows the on-connect run to its end and names who it skipped.
    expect(store.getState().run).toMatchObject({
      state: 'done',
      result: {
        run: { id: 9, status: 'partial' },
        problems: [{ code: 'missing_required_fields' }],
        total: 1,
      },
    });
    // The keys left the page with the request: nothing in the store holds them now.
    expect(JSON.stringify(store.getState())).not.toContain(hrKey);
    expect(JSON.stringify(store.getState())).not.toContain(eiKey);
    expect(store.getState().connection).toMatchObject({ id: 4 });
    // Step 1 keeps the names it compared.
    expect(store.getState().departments).toMatchObject({
      state: 'done',
      result: { unmatched: [{ name: 'Research' }] },
    });
  });

  it('refuses to connect on a preview of other keys, and without an employer', async () => {
    const server = await serve();
    const store = createSetupStore(createTestApi(server.url));
    await store.getState().load(signal());
    await typedKeys(store);
    await store.getState().connect(signal());
    expect(store.getState().errors).toEqual({ employerId: 'Choose the Staffology employer to connect' });
    await store.getState().chooseEmployer('emp-1');
    store.getState().setField('expenseinApiKey', 'another-key');
    expect(store.getState().previewIsCurrent()).toBe(false);
    await store.getState().connect(signal());
    expect(store.getState().connecting).toMatchObject({
      state: 'problem',
      problem: { message: expect.stringMatching(/changed since the preview/) },
    });
    expect(
      server.requests.some((request) => request.method === 'POST' && request.path === '/api/connections'),
    ).toBe(false);
  });

  it('shows a key the vendor refused, and a field the server refused, under that field', async () => {
    const server = await serve({
      [`POST ${serverRoutes.setupCheck()}`]: (request) =>
        (request.body as { employerId?: string }).employerId === 'gone'
          ? {
              status: 400,
              body: {
                error: {
                  code: 'bad_request',
                  message: 'Staffology employer "gone" is not one this key sees',
                  field: 'employerId',
                },
              },
            }
          : {
              body: sampleSetupCheck(null, {
                credentials: { staffology: 'invalid', expensein: 'ok' },
                employers: [],
              }),
            },
    });
    const store = createSetupStore(createTestApi(server.url));
    await store.getState().load(signal());
    await typedKeys(store);
    expect(store.getState().errors).toEqual({
      staffologyApiKey: 'Staffology did not accept this key: check it and paste it again',
    });
    await store.getState().chooseEmployer('gone');
    expect(store.getState().errors.employerId).toMatch(/not one this key sees/);
  });

  it('with a connection: checks its departments, shows its last run, and saves its settings', async () => {
    const connection = sampleConnection({ id: 1, leaverGuardPercent: 20, syncEveryMinutes: null });
    const server = await serve({
      [`GET ${serverRoutes.connections()}`]: { body: { connections: [connection] } },
      [`GET ${serverRoutes.departmentsCheck(1)}`]: { body: { unmatched: [], matched: [] } },
      [`GET ${serverRoutes.runs(1)}`]: runsPage(sampleRun({ id: 9, status: 'partial' })),
      [`POST ${serverRoutes.settings(1)}`]: (request) => ({
        body: {
          connection: {
            ...connection,
            syncEveryMinutes: (request.body as { syncEveryMinutes: number }).syncEveryMinutes,
          },
        },
      }),
    });
    const store = createSetupStore(createTestApi(server.url), { pollMs: 5 });
    await store.getState().load(signal());
    expect(store.getState().departments).toEqual({ state: 'done', result: { unmatched: [], matched: [] } });
    expect(store.getState().run).toMatchObject({ state: 'done', result: { run: { id: 9 } } });
    // The runs list told the last run, not the connection's health (which asks both vendors); it had ended, so it
    // was not asked about again, only for its employees.
    expect(server.requests.some((request) => request.path === serverRoutes.connectionHealth(1))).toBe(false);
    expect(server.runReads()).toBe(0);

    store.getState().setSetting('syncEveryMinutes', '2');
    await store.getState().saveSettings();
    expect(store.getState().errors.syncEveryMinutes).toMatch(/5 to 1440/);
    expect(server.requests.some((request) => request.path === serverRoutes.settings(1))).toBe(false);

    store.getState().setSetting('syncEveryMinutes', '30');
    await store.getState().saveSettings();
    expect(server.requests.at(-1)?.body).toEqual({
      includeBankDetails: true,
      leaverGuardPercent: 20,
      leaverGuardMin: 5,
      syncEveryMinutes: 30,
    });
    expect(store.getState()).toMatchObject({
      savingSettings: { state: 'done' },
      connection: { syncEveryMinutes: 30 },
      settingsForm: { syncEveryMinutes: '30' },
    });
  });

  it('with a connection whose last run is still running: follows it to its end', async () => {
    const server = await serve({
      [`GET ${serverRoutes.connections()}`]: { body: { connections: [sampleConnection({ id: 1 })] } },
      [`GET ${serverRoutes.departmentsCheck(1)}`]: { body: { unmatched: [], matched: [] } },
      [`GET ${serverRoutes.runs(1)}`]: runsPage(sampleRun({ id: 9, status: 'running', finishedAt: null })),
    });
    const store = createSetupStore(createTestApi(server.url), { pollMs: 5 });
    await store.getState().load(signal());
    expect(store.getState().run).toMatchObject({
      state: 'done',
      result: { run: { id: 9, status: 'partial' } },
    });
    expect(server.runReads()).toBe(2);
  });

  it('reconnects with the keys typed only, and disconnects after being asked twice', async () => {
    const connection = sampleConnection({ id: 1 });
    const server = await serve({
      [`GET ${serverRoutes.connections()}`]: { body: { connections: [connection] } },
      [`GET ${serverRoutes.departmentsCheck(1)}`]: { body: { unmatched: [], matched: [] } },
      [`GET ${serverRoutes.runs(1)}`]: runsPage(),
      [`POST ${serverRoutes.reconnect(1)}`]: { body: { connection, runId: 9 } },
      [`POST ${serverRoutes.disconnect(1)}`]: {
        body: { connection: { ...connection, status: 'disconnected', connectedAt: null } },
      },
    });
    const store = createSetupStore(createTestApi(server.url), { pollMs: 5 });
    await store.getState().load(signal());
    store.getState().setReconnectKey('expenseinApiKey', eiKey);
    await store.getState().reconnect(signal());
    const reconnect = server.requests.find((request) => request.path === serverRoutes.reconnect(1));
    expect(reconnect?.body).toEqual({ expensein: { apiKey: eiKey } });
    expect(store.getState().reconnectForm).toEqual({ staffologyApiKey: '', expenseinApiKey: '' });
    expect(store.getState().run).toMatchObject({ state: 'done', result: { run: { id: 9 } } });

    store.getState().askDisconnect();
    expect(server.requests.some((request) => request.path === serverRoutes.disconnect(1))).toBe(false);
    await store.getState().disconnect();
    expect(store.getState().connection).toMatchObject({ status: 'disconnected' });
  });
});
