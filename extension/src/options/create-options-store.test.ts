import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { serverRoutes } from '../background/server-routes.ts';
import {
  apiTokenItem,
  DEFAULT_SERVER_URL,
  originPattern,
  serverUrlItem,
} from '../settings/connection-settings.ts';
import { createTestApi } from '../testing/create-test-api.ts';
import { sampleConnection, sampleHealth } from '../testing/sample-responses.ts';
import { startTestServer } from '../testing/start-test-server.ts';
import { createOptionsStore } from './create-options-store.ts';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;
let server: TestServer;
let asked: string[] = [];

beforeEach(async () => {
  fakeBrowser.reset();
  asked = [];
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

function store(granted = true) {
  return createOptionsStore({
    api: createTestApi(server.url),
    ensureHostPermission: async (serverUrl) => {
      asked.push(serverUrl);
      return granted;
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
