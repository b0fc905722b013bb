import { afterEach, describe, expect, it } from 'vitest';
import { serverRoutes } from '../background/server-routes.ts';
import { recognisePage } from '../page/recognise-page.ts';
import { createSelectors } from '../page/selectors.ts';
import { createTestApi } from '../testing/create-test-api.ts';
import { loadSavedPage } from '../testing/load-saved-page.ts';
import {
  sampleConnection,
  sampleConnectionHealth,
  sampleCounts,
  sampleRun,
} from '../testing/sample-responses.ts';
import { type CannedResponse, startTestServer } from '../testing/start-test-server.ts';
import { createPopupStore } from './create-popup-store.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function serve(start: CannedResponse) {
  let runReads = 0;
  const server = await startTestServer({
    [`GET ${serverRoutes.connections()}`]: { body: { connections: [sampleConnection()] } },
    [`GET ${serverRoutes.connectionHealth(1)}`]: { body: sampleConnectionHealth() },
    [`POST ${serverRoutes.runs(1)}`]: (request) =>
      (request.body as { dryRun?: boolean }).dryRun
        ? { body: { runId: 10, counts: sampleCounts({ created: 3 }), groups: [] } }
        : start,
    [`GET ${serverRoutes.run(9)}`]: () => {
      runReads += 1;
      const run = sampleRun({ id: 9, trigger: 'manual', status: runReads < 3 ? 'running' : 'succeeded' });
      return { body: { run, items: [], page: 1, pageSize: 1, total: 0 } };
    },
  });
  closers.push(server.close);
  return { server, runReads: () => runReads };
}

const started = { status: 202, body: { runId: 9, alreadyRunning: false, status: 'running' } };

describe('popup store', () => {
  it('loads the connection health', async () => {
    const { server } = await serve(started);
    const store = createPopupStore(createTestApi(server.url));
    await store.getState().loadOverview();
    expect(store.getState().overview).toMatchObject({
      state: 'ready',
      health: { credentials: { staffology: 'ok' } },
    });
  });

  it('starts a sync and follows it to its end, then reads the health again', async () => {
    const { server, runReads } = await serve(started);
    const store = createPopupStore(createTestApi(server.url), { pollMs: 5 });
    await store.getState().syncNow(new AbortController().signal);
    expect(store.getState().sync).toMatchObject({ state: 'done', run: { id: 9, status: 'succeeded' } });
    expect(runReads()).toBe(3);
    expect(store.getState().overview.state).toBe('ready');
  });

  it('stops following the run when the popup closes', async () => {
    const { server, runReads } = await serve(started);
    const store = createPopupStore(createTestApi(server.url), { pollMs: 10_000 });
    const closed = new AbortController();
    const following = store.getState().syncNow(closed.signal);
    while (runReads() === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    closed.abort();
    await following;
    expect(runReads()).toBe(1);
    expect(store.getState().sync).toMatchObject({ state: 'running', runId: 9 });
  });

  it('says when a run was already going', async () => {
    const { server } = await serve({
      status: 202,
      body: { runId: 9, alreadyRunning: true, status: 'running' },
    });
    const store = createPopupStore(createTestApi(server.url), { pollMs: 5 });
    const seen: unknown[] = [];
    store.subscribe((state) => seen.push(state.sync));
    await store.getState().syncNow(new AbortController().signal);
    expect(seen).toContainEqual({ state: 'running', runId: 9, alreadyRunning: true });
    expect(store.getState().sync.state).toBe('done');
  });

  it('shows a refused start as a problem', async () => {
    const { server } = await serve({ status: 429, headers: { 'Retry-After': '5' }, body: {} });
    const store = createPopupStore(createTestApi(server.url));
    await store.getState().syncNow(new AbortController().signal);
    expect(store.getState().sync).toMatchObject({ state: 'problem', problem: { kind: 'rate_limited' } });
  });

  it('previews a sync with the dry run counts', async () => {
    const { server } = await serve(started);
    const store = createPopupStore(createTestApi(server.url));
    await store.getState().runPreview();
    expect(store.getState().preview).toMatchObject({ state: 'done', result: { counts: { created: 3 } } });
  });
});

describe('popup store: this page', () => {
  const document = loadSavedPage('users-list.html');
  const recognition = recognisePage(document, createSelectors());
  const pages = {
    recognise: async () => ({ ok: true as const, data: recognition }),
    report: async () => ({ ok: true as const, data: 'staffsync page report\nline 2' }),
  };
  const api = createTestApi('http://127.0.0.1:9');

  it('says what the ExpenseIn tab recognises', async () => {
    const store = createPopupStore(api, { pages });
    await store.getState().loadPage();
    const page = store.getState().page;
    expect(
      page.state === 'ready' && page.recognition.anchors.find((anchor) => anchor.id === 'usersList'),
    ).toMatchObject({
      status: 'found',
      variant: 'table named Users',
    });
  });

  it('says how to get a report when no ExpenseIn tab is open', async () => {
    const store = createPopupStore(api, {
      pages: {
        ...pages,
        recognise: async () => ({ ok: false, reason: 'no_tab', message: 'Open ExpenseIn.' }),
      },
    });
    await store.getState().loadPage();
    expect(store.getState().page).toEqual({ state: 'unavailable', message: 'Open ExpenseIn.' });
  });

  it('copies the page report, or shows it to copy by hand when the clipboard refuses', async () => {
    const copied: string[] = [];
    const store = createPopupStore(api, { pages, copy: async (text) => void copied.push(text) });
    await store.getState().copyReport();
    expect(copied).toEqual(['staffsync page report\nline 2']);
    expect(store.getState().report).toEqual({ state: 'copied', lines: 2 });

    const refused = createPopupStore(api, {
      pages,
      copy: async () => {
        throw new DOMException('Document is not focused.', 'NotAllowedError');
      },
    });
    await refused.getState().copyReport();
    expect(refused.getState().report).toEqual({ state: 'shown', text: 'staffsync page report\nline 2' });
  });
});
