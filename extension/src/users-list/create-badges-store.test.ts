import type { UserKey } from '@staffsync/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { serverRoutes } from '../background/server-routes.ts';
import { keyId } from '../page/read-users-list.ts';
import { createTestApi } from '../testing/create-test-api.ts';
import { sampleBadge, sampleBadges, sampleConnection } from '../testing/sample-responses.ts';
import { type RecordedRequest, startTestServer } from '../testing/start-test-server.ts';
import { createBadgesStore } from './create-badges-store.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

const usersOf = (request: RecordedRequest) => (request.body as { users: UserKey[] }).users;

async function serve(answer: (keys: UserKey[]) => { delayMs?: number; status?: number; body?: unknown }) {
  const server = await startTestServer({
    [`GET ${serverRoutes.connections()}`]: { body: { connections: [sampleConnection()] } },
    [`POST ${serverRoutes.batchStatus(1)}`]: (request) => answer(usersOf(request)),
  });
  closers.push(server.close);
  return server;
}

const echoLinked = (keys: UserKey[]) => ({ body: sampleBadges(keys.map((key) => sampleBadge({ key }))) });

describe('badges store', () => {
  it('asks for every row of a render in one request and keys the answers by row', async () => {
    const server = await serve(echoLinked);
    const store = createBadgesStore(createTestApi(server.url));
    await store.getState().load([{ reference: 'E1001' }, { email: 'Ann@X.example' }, { reference: 'E1001' }]);
    const posts = server.requests.filter((request) => request.method === 'POST');
    expect(posts.map(usersOf)).toEqual([[{ reference: 'E1001' }, { email: 'Ann@X.example' }]]);
    const state = store.getState();
    expect(state.status).toBe('ready');
    expect(state.requests).toBe(1);
    expect(state.asOf).toBe('2026-03-10T04:00:09.000Z');
    expect(state.badges[keyId({ email: 'ann@x.example' })]?.badge).toBe('linked');
  });

  it('splits a list longer than the server takes', async () => {
    const server = await serve(echoLinked);
    const store = createBadgesStore(createTestApi(server.url));
    await store.getState().load(Array.from({ length: 501 }, (_, index) => ({ reference: `E${index}` })));
    expect(
      server.requests
        .filter((request) => request.method === 'POST')
        .map((request) => usersOf(request).length)
        .sort(),
    ).toEqual([1, 500]);
    expect(Object.keys(store.getState().badges)).toHaveLength(501);
  });

  it('keeps the answer of the latest render when answers come back out of order', async () => {
    const server = await serve((keys) => ({
      ...echoLinked(keys),
      delayMs: keys[0] && 'reference' in keys[0] && keys[0].reference === 'old' ? 150 : 0,
    }));
    const store = createBadgesStore(createTestApi(server.url));
    const older = store.getState().load([{ reference: 'old' }]);
    await store.getState().load([{ reference: 'new' }]);
    await older;
    expect(Object.keys(store.getState().badges)).toEqual(['reference:new']);
  });

  it('shows the problem when the server is unreachable, and retries the same keys', async () => {
    const server = await serve(echoLinked);
    const api = createTestApi(server.url);
    await server.close();
    const store = createBadgesStore(api);
    await store.getState().load([{ reference: 'E1001' }]);
    expect(store.getState()).toMatchObject({ status: 'problem', problem: { kind: 'unreachable' } });
    expect(store.getState().keys).toEqual([{ reference: 'E1001' }]);
  });

  it('shows an unauthorised token as such and opens the options', async () => {
    const server = await serve(echoLinked);
    const api = createTestApi(server.url, '');
    const store = createBadgesStore(api);
    await store.getState().load([{ reference: 'E1001' }]);
    expect(store.getState().problem?.kind).toBe('not_configured');
    await store.getState().openOptions();
    expect(api.optionsOpened()).toBe(1);
  });

  it('asks only for rows not seen yet when a virtualised list scrolls, and all of them when it is drawn afresh', async () => {
    const server = await serve(echoLinked);
    const store = createBadgesStore(createTestApi(server.url));
    await store.getState().load([{ reference: 'E1' }, { reference: 'E2' }]);
    await store.getState().load([{ reference: 'E2' }, { reference: 'E3' }], { refresh: false });
    await store.getState().load([{ reference: 'E1' }, { reference: 'E2' }], { refresh: false });
    await store.getState().load([{ reference: 'E2' }, { reference: 'E3' }], { refresh: true });
    expect(server.requests.filter((request) => request.method === 'POST').map(usersOf)).toEqual([
      [{ reference: 'E1' }, { reference: 'E2' }],
      [{ reference: 'E3' }],
      [{ reference: 'E2' }, { reference: 'E3' }],
    ]);
    expect(Object.keys(store.getState().badges).sort()).toEqual(['reference:E2', 'reference:E3']);
  });

  it('asks nothing for an empty list', async () => {
    const server = await serve(echoLinked);
    const store = createBadgesStore(createTestApi(server.url));
    await store.getState().load([]);
    expect(server.requests).toHaveLength(0);
    expect(store.getState().status).toBe('ready');
  });
});
