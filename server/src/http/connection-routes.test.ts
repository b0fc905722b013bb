import {
  apiErrorSchema,
  connectionHealthSchema,
  connectionListResponseSchema,
  connectionSettingsResponseSchema,
  disconnectResponseSchema,
} from '@staffsync/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, testKeys, unreachableUrl } from './create-test-app.ts';
import { type Canary, startCanary } from './start-canary.ts';

const connectBody = {
  staffology: { baseUrl: unreachableUrl, apiKey: 'staffology-key-7f3a9c', employerId: 'emp-1' },
  expensein: { baseUrl: unreachableUrl, apiKey: 'expensein-key-b81e44' },
};

describe('connection routes', () => {
  let t: TestApp;
  afterEach(async () => {
    // PRODUCT.md 4.2: no response of the suite ever carries an API key.
    for (const body of t.bodies) for (const key of testKeys) expect(body).not.toContain(key);
    await t.cleanup();
  });

  it('lists connections without their credentials, and the webhook URL as its origin only', async () => {
    t = await createTestApp();
    expect(connectionListResponseSchema.parse((await t.call('/api/connections')).body).connections).toEqual(
      [],
    );
    const id = await t.addConnection();
    await t.temp.store.connections.update(id, {
      alertWebhookUrl: 'https://hooks.example.test/services/T0/B0/secret',
    });
    const res = await t.call('/api/connections');
    expect(res.status).toBe(200);
    const [connection] = connectionListResponseSchema.parse(res.body).connections;
    expect(connection).toMatchObject({ id, status: 'connected', source: 'api', includeBankDetails: false });
    expect(connection?.alertWebhookUrl).toBe('https://hooks.example.test/…');
    expect(JSON.stringify(res.body)).not.toContain('secret');
  });

  it('refuses a connect request that misses a field with 400 naming it', async () => {
    t = await createTestApp();
    const cases: [unknown, string][] = [
      [{ ...connectBody, staffology: { ...connectBody.staffology, apiKey: '' } }, 'staffology.apiKey'],
      [{ ...connectBody, expensein: {} }, 'expensein.apiKey'],
      [{ ...connectBody, alertWebhookUrl: 'ftp://hooks.example.test' }, 'alertWebhookUrl'],
      [{ ...connectBody, includeBankDetails: 'yes' }, 'includeBankDetails'],
    ];
    for (const [body, field] of cases) {
      const res = await t.call('/api/connections', { body });
      expect(res.status, field).toBe(400);
      expect(apiErrorSchema.parse(res.body).error).toMatchObject({ code: 'bad_request', field });
    }
    const malformed = await t.app.request('/api/connections', {
      method: 'POST',
      headers: { Authorization: `Bearer ${t.token}`, 'Content-Type': 'application/json' },
      body: '{"staffology":',
    });
    expect(malformed.status).toBe(400);
    expect(apiErrorSchema.parse(await malformed.json()).error.field).toBe('body');
  });

  it('stores nothing when the vendors cannot be reached to check the keys (502)', async () => {
    t = await createTestApp();
    const res = await t.call('/api/connections', { body: connectBody });
    expect(res.status).toBe(502);
    expect(apiErrorSchema.parse(res.body).error.code).toBe('vendor_error');
    expect(await t.temp.store.connections.list()).toEqual([]);
    expect((await t.temp.store.runs.list()).total).toBe(0);
  });

  it('answers 404 for reconnecting, disconnecting or checking an unknown connection', async () => {
    t = await createTestApp();
    const requests = [
      t.call('/api/connections/99/reconnect', { body: { expensein: { apiKey: 'new-key' } } }),
      t.call('/api/connections/99/disconnect', { method: 'POST' }),
      t.call('/api/connections/99/health'),
    ];
    for (const res of await Promise.all(requests)) {
      expect(res.status).toBe(404);
      expect(apiErrorSchema.parse(res.body).error).toMatchObject({
        code: 'not_found',
        message: 'Connection 99 not found',
      });
    }
  });

  it('keeps the stored keys when a reconnect cannot check the new ones', async () => {
    t = await createTestApp();
    const id = await t.addConnection();
    const res = await t.call(`/api/connections/${id}/reconnect`, {
      body: { expensein: { apiKey: 'replacement-key' } },
    });
    expect(res.status).toBe(502);
    expect((await t.temp.store.connections.credentials(id)).expenseinApiKey).toBe('expensein-key-b81e44');
  });

  it('disconnects a connection, after which a sync is refused with 409', async () => {
    t = await createTestApp();
    const id = await t.addConnection();
    const res = await t.call(`/api/connections/${id}/disconnect`, { method: 'POST' });
    expect(res.status).toBe(200);
    const { connection } = disconnectResponseSchema.parse(res.body);
    expect(connection).toMatchObject({ id, status: 'disconnected', connectedAt: null });
    const sync = await t.call(`/api/connections/${id}/runs`, { body: { dryRun: false } });
    expect(sync.status).toBe(409);
    expect(apiErrorSchema.parse(sync.body).error.code).toBe('conflict');
  });

  it('reports unreachable vendors, the next run and advice in the health check', async () => {
    t = await createTestApp();
    const id = await t.addConnection();
    const res = await t.call(`/api/connections/${id}/health`);
    expect(res.status).toBe(200);
    const health = connectionHealthSchema.parse(res.body);
    expect(health.credentials).toEqual({ staffology: 'unreachable', expensein: 'unreachable' });
    expect(health.userReferencesMustBeUnique).toBeNull();
    expect(health.lastRun).toBeNull();
    // Connected and never synced: the scheduler runs it at once (run/decide-scheduled-run.ts).
    expect(health.nextRunAt).toBe(t.temp.clock.now().toISOString());
    expect(health.advice.join('\n')).toContain('Staffology could not be reached');
  });

  it('changes the settings sent and leaves the others, shown as the API shows a connection', async () => {
    t = await createTestApp({ allowedHosts: 'hooks.example.test' });
    const id = await t.addConnection();
    const settingsOf = (res: { body: unknown }) =>
      connectionSettingsResponseSchema.parse(res.body).connection;
    const first = await t.call(`/api/connections/${id}/settings`, {
      body: {
        includeBankDetails: true,
        leaverGuardPercent: 35,
        alertWebhookUrl: 'https://hooks.example.test/services/T0/B0/secret',
        syncEveryMinutes: 60,
      },
    });
    expect(first.status).toBe(200);
    expect(settingsOf(first)).toMatchObject({
      includeBankDetails: true,
      leaverGuardPercent: 35,
      leaverGuardMin: 5,
      alertWebhookUrl: 'https://hooks.example.test/…',
      syncEveryMinutes: 60,
    });
    const second = await t.call(`/api/connections/${id}/settings`, {
      body: { leaverGuardMin: 12, alertWebhookUrl: null, syncEveryMinutes: null },
    });
    expect(settingsOf(second)).toMatchObject({
      includeBankDetails: true,
      leaverGuardPercent: 35,
      leaverGuardMin: 12,
      alertWebhookUrl: null,
      syncEveryMinutes: null,
    });
    const stored = await t.temp.store.connections.require(id);
    expect(stored.settings).toEqual({ includeBankDetails: true, leaverGuardPercent: 35, leaverGuardMin: 12 });
    expect(stored.syncEveryMinutes).toBeNull();
    // Changing settings is no reconnect: the keys and the status stay.
    expect((await t.temp.store.connections.credentials(id)).expenseinApiKey).toBe('expensein-key-b81e44');
  });

  it('refuses a setting out of range with 400 naming it, changing nothing', async () => {
    t = await createTestApp();
    const id = await t.addConnection();
    const before = await t.temp.store.connections.require(id);
    for (const [body, field] of [
      [{ leaverGuardPercent: 101 }, 'leaverGuardPercent'],
      [{ leaverGuardMin: -1 }, 'leaverGuardMin'],
      [{ syncEveryMinutes: 2 }, 'syncEveryMinutes'],
      [{ syncEveryMinutes: 60 * 25 }, 'syncEveryMinutes'],
      [{ includeBankDetails: 'yes' }, 'includeBankDetails'],
      [{ alertWebhookUrl: 'not a url' }, 'alertWebhookUrl'],
    ] as const) {
      const res = await t.call(`/api/connections/${id}/settings`, { body });
      expect(res.status, field).toBe(400);
      expect(apiErrorSchema.parse(res.body).error).toMatchObject({ code: 'bad_request', field });
    }
    expect(await t.temp.store.connections.require(id)).toEqual(before);
    expect(
      (await t.call('/api/connections/99/settings', { body: { includeBankDetails: true } })).status,
    ).toBe(404);
  });

  describe('allowed hosts (PRODUCT.md 4.3)', () => {
    let canary: Canary;
    afterEach(async () => canary.close());

    it('refuses an alert webhook outside the allowed hosts in the settings, changing nothing', async () => {
      canary = await startCanary();
      t = await createTestApp();
      const id = await t.addConnection();
      for (const url of [`${canary.url}/hook`, 'https://169.254.169.254/latest/meta-data']) {
        const res = await t.call(`/api/connections/${id}/settings`, {
          body: { alertWebhookUrl: url, includeBankDetails: true },
        });
        expect(res.status, url).toBe(400);
        const { error } = apiErrorSchema.parse(res.body);
        expect(error).toMatchObject({ code: 'bad_request', field: 'alertWebhookUrl' });
        expect(error.message).toMatch(/STAFFSYNC_ALLOWED_HOSTS/);
      }
      const stored = await t.temp.store.connections.require(id);
      expect(stored.alertWebhookUrl).toBeNull();
      expect(stored.settings.includeBankDetails).toBe(false);
      expect(canary.hits()).toBe(0);
    });

    it('refuses a connect to a vendor URL outside the allowed hosts with 400, sending it nothing', async () => {
      canary = await startCanary();
      t = await createTestApp();
      for (const [body, field] of [
        [
          { ...connectBody, staffology: { ...connectBody.staffology, baseUrl: canary.url } },
          'staffology.baseUrl',
        ],
        [
          { ...connectBody, expensein: { ...connectBody.expensein, baseUrl: `${canary.url}/1.0` } },
          'expensein.baseUrl',
        ],
        [{ ...connectBody, alertWebhookUrl: `${canary.url}/hook` }, 'alertWebhookUrl'],
        [{ ...connectBody, alertWebhookUrl: 'https://169.254.169.254/latest/meta-data' }, 'alertWebhookUrl'],
      ] as const) {
        const res = await t.call('/api/connections', { body });
        expect(res.status, field).toBe(400);
        const { error } = apiErrorSchema.parse(res.body);
        expect(error).toMatchObject({ code: 'bad_request', field });
        expect(error.message).toMatch(/STAFFSYNC_ALLOWED_HOSTS/);
      }
      expect(canary.hits()).toBe(0);
      expect(await t.temp.store.connections.list()).toEqual([]);
    });

    it('refuses a reconnect whose stored URL is no longer allowed, sending it nothing', async () => {
      canary = await startCanary();
      t = await createTestApp();
      const id = await t.addConnection(canary.url);
      const res = await t.call(`/api/connections/${id}/reconnect`, {
        body: { expensein: { apiKey: 'another' } },
      });
      expect(res.status).toBe(400);
      expect(apiErrorSchema.parse(res.body).error.field).toBe('staffology.baseUrl');
      expect(canary.hits()).toBe(0);
      expect((await t.temp.store.connections.credentials(id)).expenseinApiKey).toBe('expensein-key-b81e44');
    });

    it('fails a run of a connection whose URL is not allowed, before any request', async () => {
      canary = await startCanary();
      t = await createTestApp();
      const id = await t.addConnection(canary.url);
      const res = await t.call(`/api/connections/${id}/runs`, { body: { dryRun: false } });
      expect(res.status).toBe(202);
      await t.runs.settled();
      const [run] = (await t.temp.store.runs.list({ connectionId: id })).items;
      expect(run?.status).toBe('failed');
      expect(run?.error).toMatch(/not an allowed|STAFFSYNC_ALLOWED_HOSTS/);
      expect(canary.hits()).toBe(0);
    });
  });
});
