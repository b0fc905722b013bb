import { afterEach, describe, expect, it } from 'vitest';
import { serverRoutes } from '../background/server-routes.ts';
import { createTestApi } from '../testing/create-test-api.ts';
import { sampleConnection, sampleResync, sampleUserStatus } from '../testing/sample-responses.ts';
import { type CannedResponse, startTestServer } from '../testing/start-test-server.ts';
import { createUserPanelStore } from './create-user-panel-store.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function serve(resync: CannedResponse = { body: sampleResync() }) {
  let statusCalls = 0;
  const server = await startTestServer({
    [`GET ${serverRoutes.connections()}`]: { body: { connections: [sampleConnection()] } },
    [`GET ${serverRoutes.userStatus(1)}`]: (request) => {
      if (request.search.includes('nobody')) {
        return {
          status: 404,
          body: { error: { code: 'not_found', message: 'No ExpenseIn user has Reference "nobody"' } },
        };
      }
      statusCalls += 1;
      // After a resync the pending overwrite is gone.
      return { body: sampleUserStatus(statusCalls > 1 ? { pendingOverwrites: [], badge: 'linked' } : {}) };
    },
    [`POST ${serverRoutes.resync(1)}`]: resync,
  });
  closers.push(server.close);
  return server;
}

describe('user panel store', () => {
  it('loads the user status', async () => {
    const server = await serve();
    const store = createUserPanelStore(createTestApi(server.url), { reference: 'E1001' });
    expect(store.getState().status).toBe('loading');
    await store.getState().load();
    expect(store.getState()).toMatchObject({ status: 'ready', user: { badge: 'pending_overwrite' } });
  });

  it('says when no ExpenseIn user has the reference', async () => {
    const server = await serve();
    const store = createUserPanelStore(createTestApi(server.url), { reference: 'nobody' });
    await store.getState().load();
    expect(store.getState()).toMatchObject({ status: 'problem', problem: { kind: 'not_found' } });
  });

  it('keeps an edit until the field is back at its original value', async () => {
    const server = await serve();
    const store = createUserPanelStore(createTestApi(server.url), { reference: 'E1001' });
    const { observe } = store.getState();
    observe('firstName', { value: 'Ada', text: 'Ada' });
    expect(store.getState().edits).toEqual({});
    observe('firstName', { value: 'Augusta', text: 'Augusta' });
    expect(store.getState().edits.firstName).toEqual({
      field: 'firstName',
      value: 'Augusta',
      text: 'Augusta',
      original: 'Ada',
      originalText: 'Ada',
    });
    observe('firstName', { value: 'Ada', text: 'Ada' });
    expect(store.getState().edits).toEqual({});
  });

  it('keeps the first reading as the original when a tab draws the field again with the edit in it', async () => {
    const server = await serve();
    const store = createUserPanelStore(createTestApi(server.url), { reference: 'E1001' });
    const { observe } = store.getState();
    observe('departmentId', { value: '3', text: 'Engineering' });
    observe('departmentId', { value: '2', text: 'Sales' });
    // The Details pane is drawn again later, still showing the edit: the original stays Engineering.
    observe('departmentId', { value: '2', text: 'Sales' });
    expect(store.getState().edits.departmentId).toMatchObject({ original: '3', originalText: 'Engineering' });
  });

  it('resyncs, keeps the trace and reads the status again', async () => {
    const server = await serve();
    const store = createUserPanelStore(createTestApi(server.url), { reference: 'E1001' });
    await store.getState().load();
    const resync = store.getState().runResync();
    expect(store.getState().resync.state).toBe('running');
    await resync;
    const state = store.getState();
    expect(state.resync.state === 'done' && state.resync.result.trace).toHaveLength(5);
    expect(state.user?.pendingOverwrites).toEqual([]);
    expect(server.requests.filter((request) => request.path.endsWith('/users/status'))).toHaveLength(2);
  });

  it('shows a refused resync as a problem and keeps the status', async () => {
    const server = await serve({ status: 429, headers: { 'Retry-After': '30' }, body: {} });
    const store = createUserPanelStore(createTestApi(server.url), { reference: 'E1001' });
    await store.getState().load();
    await store.getState().runResync();
    expect(store.getState().resync).toMatchObject({ state: 'problem', problem: { kind: 'rate_limited' } });
    expect(store.getState().user?.badge).toBe('pending_overwrite');
  });
});
