import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { answerMessage, createMessenger, registerMessageHandlers } from '../messaging/create-messenger.ts';
import { messageTypes } from '../messaging/protocol.ts';
import { apiTokenItem, readConnectionSettings, serverUrlItem } from '../settings/connection-settings.ts';
import { EXPENSEIN_MATCHES } from '../settings/page-matches.ts';
import { correctionsItem, readCorrections } from '../settings/selector-corrections.ts';
import { sampleConnection, sampleHealth, sampleResync } from '../testing/sample-responses.ts';
import { startTestServer } from '../testing/start-test-server.ts';
import { createMessageHandlers } from './create-message-handlers.ts';
import { createSenderPolicy } from './create-sender-policy.ts';
import { createServerClient } from './create-server-client.ts';
import { serverRoutes } from './server-routes.ts';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;
let server: TestServer;
let optionsOpened = 0;

beforeEach(async () => {
  fakeBrowser.reset();
  optionsOpened = 0;
  server = await startTestServer({
    [`GET ${serverRoutes.health()}`]: { body: sampleHealth },
    [`GET ${serverRoutes.connections()}`]: (request) =>
      request.authorization === 'Bearer good-token'
        ? { body: { connections: [sampleConnection({ id: 2 })] } }
        : { status: 401, body: { error: { code: 'unauthorized', message: 'bad token' } } },
    [`POST ${serverRoutes.resync(2)}`]: { body: sampleResync() },
  });
  await serverUrlItem.setValue(server.url);
  await apiTokenItem.setValue('good-token');
});

afterEach(async () => {
  await server.close();
});

function handlers() {
  return createMessageHandlers({
    client: createServerClient({ settings: readConnectionSettings }),
    clientFor: (settings) => createServerClient({ settings: async () => settings }),
    openOptions: async () => {
      optionsOpened += 1;
    },
    readCorrections,
  });
}

describe('message handlers', () => {
  it('resyncs a user and returns the trace', async () => {
    const result = await handlers().resyncUser({ reference: 'E1001' });
    expect(result.ok && result.data.trace.map((step) => step.step)).toEqual([
      'fetched',
      'checked',
      'matched',
      'planned',
      'applied',
    ]);
    expect(server.requests.at(-1)?.body).toEqual({ reference: 'E1001' });
  });

  it('answers a malformed message with an extension error and sends nothing', async () => {
    const result = await handlers().getBadges({ users: [] });
    expect(result).toMatchObject({ ok: false, problem: { kind: 'extension_error' } });
    expect(server.requests).toHaveLength(0);
  });

  it('answers malformed set-up messages with an extension error, sending no key anywhere', async () => {
    const api = handlers();
    const results = await Promise.all([
      api.checkSetup({ staffology: { apiKey: '' }, expensein: { apiKey: 'k' } }),
      api.connect({ staffology: { apiKey: 'k', employerId: '' }, expensein: { apiKey: 'k' } }),
      api.saveSettings({ connectionId: 2, settings: { leaverGuardPercent: 500 } }),
      api.reconnect({ connectionId: 0, expenseinApiKey: 'k' }),
    ]);
    for (const result of results)
      expect(result).toMatchObject({ ok: false, problem: { kind: 'extension_error' } });
    expect(server.requests).toHaveLength(0);
  });

  it('tests the typed settings, not the saved ones', async () => {
    await apiTokenItem.setValue('');
    const good = await handlers().testConnection({ serverUrl: `${server.url}/`, token: 'good-token' });
    expect(good).toEqual({ ok: true, data: { serverUrl: server.url, version: '0.1.0', connections: 1 } });
    const wrong = await handlers().testConnection({ serverUrl: server.url, token: 'wrong' });
    expect(wrong).toMatchObject({ ok: false, problem: { kind: 'unauthorized' } });
  });

  it('tells an unreachable server from a wrong token', async () => {
    const result = await handlers().testConnection({ serverUrl: 'http://127.0.0.1:9', token: 'good-token' });
    expect(result).toMatchObject({ ok: false, problem: { kind: 'unreachable' } });
  });

  it('refuses a server address that is not http(s)', async () => {
    const result = await handlers().testConnection({ serverUrl: 'ftp://example.com', token: 'x' });
    expect(result).toMatchObject({ ok: false, problem: { kind: 'not_configured' } });
  });

  it('follows a change of the saved token at once', async () => {
    const api = handlers();
    expect((await api.resyncUser({ reference: 'E1001' })).ok).toBe(true);
    await apiTokenItem.setValue('revoked');
    expect(await api.resyncUser({ reference: 'E1001' })).toMatchObject({
      ok: false,
      problem: { kind: 'unauthorized' },
    });
  });

  it('gives a content script the saved corrections, and only anchors it knows', async () => {
    await correctionsItem.setValue({ usersList: 'ul.people', rows: ' ', nonsense: 'div' });
    expect(await handlers().getCorrections(undefined)).toEqual({
      ok: true,
      data: { usersList: 'ul.people' },
    });
  });

  it('opens the options page for a content script', async () => {
    expect(await handlers().openOptions(undefined)).toEqual({ ok: true, data: null });
    expect(optionsOpened).toBe(1);
  });

  it('refuses a message from a tab on another origin, and asks the server nothing', async () => {
    const allows = createSenderPolicy({ extensionId: 'staffsync', pageMatches: EXPENSEIN_MATCHES });
    const result = await answerMessage(handlers(), allows, {
      type: 'resyncUser',
      data: { reference: 'E1001' },
      sender: {
        id: 'staffsync',
        url: 'https://evil.example/admin/users',
        origin: 'https://evil.example',
        tab: {},
      },
    });
    expect(result).toEqual({
      ok: false,
      problem: { kind: 'extension_error', message: 'staffsync does not answer https://evil.example.' },
    });
    expect(server.requests).toHaveLength(0);
    // The same message from ExpenseIn is answered.
    const answered = await answerMessage(handlers(), allows, {
      type: 'resyncUser',
      data: { reference: 'E1001' },
      sender: {
        id: 'staffsync',
        url: 'https://app.expensein.com/admin/users',
        origin: 'https://app.expensein.com',
        tab: {},
      },
    });
    expect(answered.ok).toBe(true);
  });

  it('registers a background listener for every message of the protocol', () => {
    const messenger = createMessenger();
    const remove = registerMessageHandlers(messenger, handlers(), () => true);
    // One listener per type: registering a type twice throws, so every type in the protocol is taken.
    for (const type of messageTypes) expect(() => messenger.onMessage(type, () => undefined)).toThrow();
    remove();
    for (const type of messageTypes) expect(() => messenger.onMessage(type, () => undefined)).not.toThrow();
    messenger.removeAllListeners();
  });
});
