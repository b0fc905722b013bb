import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore, testConnection, testDialects } from './open-temp-store.ts';
import { StoreNotFoundError } from './store-context.ts';

// Part of the store's contract suite: the same tests on every dialect (open-temp-store.ts testDialects).
describe.each(testDialects())('connections on %s', (dialect) => {
  let temp: TempStore;
  beforeEach(async () => {
    temp = await openTempStore({ dialect });
  });
  afterEach(() => temp.cleanup());

  describe('connections', () => {
    it('are created connected with the default settings, and never carry their keys', async () => {
      const created = await temp.store.connections.create(
        testConnection({ settings: { includeBankDetails: true } }),
      );
      expect(created).toEqual({
        id: created.id,
        name: 'Acme',
        staffology: { baseUrl: 'http://127.0.0.1:4010', employerId: 'emp-1' },
        expensein: { baseUrl: 'http://127.0.0.1:4020' },
        settings: { includeBankDetails: true, leaverGuardPercent: 20, leaverGuardMin: 5 },
        alertWebhookUrl: null,
        syncEveryMinutes: null,
        source: 'api',
        status: 'connected',
        createdAt: '2026-11-25T04:00:00.000Z',
        connectedAt: '2026-11-25T04:00:00.000Z',
        reconnectedAt: null,
        disconnectedAt: null,
        lastScheduledRunAt: null,
        expenseinUserSample: [],
      });
      expect(JSON.stringify(await temp.store.connections.list())).not.toContain('key-');
    });

    it('update settings and keys, disconnect and reconnect', async () => {
      const { connections } = temp.store;
      const { id } = await connections.create(testConnection());
      await connections.update(id, {
        settings: { leaverGuardMin: 9 },
        lastScheduledRunAt: '2026-11-25T04:00:00.000Z',
      });
      temp.clock.advance(1000);
      expect(await connections.disconnect(id)).toMatchObject({
        status: 'disconnected',
        disconnectedAt: '2026-11-25T04:00:01.000Z',
      });
      expect(await connections.list({ status: 'connected' })).toEqual([]);

      temp.clock.advance(1000);
      const back = await connections.reconnect(id, { expensein: { apiKey: 'new-ei-key' } });
      expect(back).toMatchObject({
        status: 'connected',
        reconnectedAt: '2026-11-25T04:00:02.000Z',
        disconnectedAt: null,
        settings: { leaverGuardMin: 9, leaverGuardPercent: 20 },
        lastScheduledRunAt: '2026-11-25T04:00:00.000Z',
      });
      expect(await connections.credentials(id)).toEqual({
        staffologyApiKey: 'staffology-key-7f3a9c',
        expenseinApiKey: 'new-ei-key',
      });
    });

    it('filter by source and report an unknown id', async () => {
      const { connections } = temp.store;
      await connections.create(testConnection());
      const env = await connections.create(testConnection({ name: 'From env', source: 'env' }));
      expect((await connections.list({ source: 'env' })).map((c) => c.id)).toEqual([env.id]);
      expect(await connections.get(999)).toBeNull();
      await expect(connections.update(999, { name: 'x' })).rejects.toThrow(StoreNotFoundError);
      await expect(connections.credentials(999)).rejects.toThrow(/connection 999 not found/);
    });

    it('keep the lowest user ids read as the account sample, at most 200', async () => {
      const { connections } = temp.store;
      const { id } = await connections.create(testConnection());
      await connections.recordUserSample(id, [900, ...Array.from({ length: 300 }, (_, i) => 300 - i), 5]);
      const sample = (await connections.require(id)).expenseinUserSample;
      expect(sample).toHaveLength(200);
      expect(sample.slice(0, 3)).toEqual([1, 2, 3]);
      expect(sample.at(-1)).toBe(200);
    });
  });
});
