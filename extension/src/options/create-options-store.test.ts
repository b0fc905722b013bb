import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { serverRoutes } from '../background/server-routes.ts';
import type { Corrections } from '../page/anchors.ts';
import { recognisePage } from '../page/recognise-page.ts';
import { createSelectors } from '../page/selectors.ts';
import {
  apiTokenItem,
  DEFAULT_SERVER_URL,
  originPattern,
  serverUrlItem,
} from '../settings/connection-settings.ts';
import { readCorrections, saveCorrections } from '../settings/selector-corrections.ts';
import { createTestApi } from '../testing/create-test-api.ts';
import { loadSavedPage } from '../testing/load-saved-page.ts';
import { sampleConnection, sampleHealth } from '../testing/sample-responses.ts';
import { startTestServer } from '../testing/start-test-server.ts';
import { createOptionsStore } from './create-options-store.ts';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;
let server: TestServer;
let asked: string[] = [];

beforeEach(async () => {
  fakeBrowser.reset();
  asked = [];
  applied = [];
  server = await startTestServer({
    [`GET ${serverRoutes.health()}`]: { body: sampleHealth },
    [`GET ${serverRoutes.connections()}`]: (request) =>
      request.authorization === 'Bearer good-token'
        ? { body: { connections: [sampleConnection()] } }
        : { status: 401, body: { error: { code: 'unauthorized', message: 'bad token' } } },
  });
});

afterEach(async () => {
  await server.close();
});

const openTab = loadSavedPage('unrecognised-users.html');
let applied: Corrections[] = [];

function store(granted = true, tabOpen = true) {
  return createOptionsStore({
    api: createTestApi(server.url),
    ensureHostPermission: async (serverUrl) => {
      asked.push(serverUrl);
      return granted;
    },
    // The content script's side, run on a saved page: what the open tab would answer.
    pages: {
      recognise: async (corrections) =>
        tabOpen
          ? { ok: true, data: recognisePage(openTab, createSelectors(corrections)) }
          : { ok: false, reason: 'no_tab', message: 'Open ExpenseIn.' },
      applyCorrections: async (corrections) => {
        applied.push(corrections);
        return 1;
      },
    },
  });
}

describe('options store', () => {
  it('starts from the default server and no token', async () => {
    const options = store();
    await options.getState().load();
    expect(options.getState()).toMatchObject({ loaded: true, serverUrl: DEFAULT_SERVER_URL, token: '' });
  });

  it('saves the typed settings into the storage items, trimmed', async () => {
    const options = store();
    await options.getState().load();
    options.getState().setServerUrl(` ${server.url}/ `);
    options.getState().setToken(' good-token ');
    await options.getState().save();
    expect(options.getState().saved).toBe('saved');
    expect(await serverUrlItem.getValue()).toBe(server.url);
    expect(await apiTokenItem.getValue()).toBe('good-token');
    expect(asked).toEqual([server.url]);
  });

  it('names the server URL field when the address is not one, and saves nothing', async () => {
    const options = store();
    options.getState().setServerUrl('staffsync');
    await options.getState().save();
    expect(options.getState().fieldError?.field).toBe('serverUrl');
    expect(await serverUrlItem.getValue()).toBe(DEFAULT_SERVER_URL);
  });

  it('saves nothing when the browser refuses access to the server', async () => {
    const options = store(false);
    options.getState().setServerUrl('https://staffsync.example.com');
    await options.getState().save();
    expect(options.getState().saved).toBe('denied');
    expect(await serverUrlItem.getValue()).toBe(DEFAULT_SERVER_URL);
  });

  it('asks for the exact origin before testing, and tests nothing when refused', async () => {
    const options = store(false);
    options.getState().setServerUrl('https://staffsync.example.com:8443/base');
    options.getState().setToken('good-token');
    await options.getState().testConnection();
    expect(asked).toEqual(['https://staffsync.example.com:8443/base']);
    expect(options.getState().test).toMatchObject({ state: 'problem', problem: { kind: 'not_configured' } });
    expect(server.requests).toHaveLength(0);
  });

  it('tests what is typed: a good token connects, a wrong one is refused', async () => {
    const options = store();
    options.getState().setServerUrl(server.url);
    options.getState().setToken('good-token');
    await options.getState().testConnection();
    expect(options.getState().test).toMatchObject({
      state: 'ok',
      result: { connections: 1, version: '0.1.0' },
    });
    options.getState().setToken('wrong');
    await options.getState().testConnection();
    expect(options.getState().test).toMatchObject({ state: 'problem', problem: { kind: 'unauthorized' } });
  });
});

describe('originPattern', () => {
  it.each([
    ['http://127.0.0.1:8787', 'http://127.0.0.1:8787/*'],
    ['https://staffsync.example.com/api/', 'https://staffsync.example.com/*'],
    ['https://staffsync.example.com:8443', 'https://staffsync.example.com:8443/*'],
  ])('grants %s as %s: that origin alone, port included', (url, pattern) => {
    expect(originPattern(url)).toBe(pattern);
  });
});

describe('options store: corrections', () => {
  it('tries a correction on the open tab, and saves and applies it only when it finds its anchor', async () => {
    const options = store();
    await options.getState().load();
    options.getState().setCorrection('usersList', 'ul.nothing-here');
    await options.getState().saveCorrections();
    expect(options.getState().correctionsSaved).toBe('refused');
    const check = options.getState().check;
    expect(check.state === 'checked' && check.problems).toEqual([
      'Users list: your selector finds nothing on the open page.',
    ]);
    expect(await readCorrections()).toEqual({});

    options.getState().setCorrection('usersList', 'ul.people-directory');
    options.getState().setCorrection('rows', 'li');
    options.getState().setCorrection('rowKey', '.person-contact');
    options.getState().setCorrection('field:firstName', '.given');
    await options.getState().saveCorrections();
    expect(options.getState().correctionsSaved).toBe('saved');
    const saved = {
      usersList: 'ul.people-directory',
      rows: 'li',
      rowKey: '.person-contact',
      'field:firstName': '.given',
    };
    expect(await readCorrections()).toEqual(saved);
    expect(applied).toEqual([saved]);
    const after = options.getState().check;
    expect(after.state === 'checked' && after.unchecked).toEqual([
      'First Name field: not checked (no Edit User window open).',
    ]);
  });

  it('refuses a selector that is no CSS selector', async () => {
    const options = store();
    options.getState().setCorrection('usersList', 'ul[[');
    expect(await options.getState().tryCorrections()).toBe(false);
    const check = options.getState().check;
    expect(check.state === 'checked' && check.problems[0]).toContain('not a valid CSS selector');
  });

  it('saves nothing without an open ExpenseIn tab to try it on, but clears corrections without one', async () => {
    await saveCorrections({ rows: 'li' });
    const options = store(true, false);
    await options.getState().load();
    options.getState().setCorrection('rows', 'li.card');
    await options.getState().saveCorrections();
    expect(options.getState()).toMatchObject({
      correctionsSaved: 'refused',
      check: { state: 'unavailable' },
    });
    options.getState().setCorrection('rows', '');
    await options.getState().saveCorrections();
    expect(await readCorrections()).toEqual({});
  });
});
