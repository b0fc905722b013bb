import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore, testConnection, testDialects } from './open-temp-store.ts';
import { StoreConflictError } from './store-context.ts';

// Part of the store's contract suite: the same tests on every dialect (open-temp-store.ts testDialects).
describe.each(testDialects())('intents on %s', (dialect) => {
  let temp: TempStore;
  let connectionId: number;
  let runId: number;
  beforeEach(async () => {
    temp = await openTempStore({ dialect });
    connectionId = (await temp.store.connections.create(testConnection())).id;
    runId = (await temp.store.runs.start({ connectionId, trigger: 'connect', dryRun: false })).run.id;
  });
  afterEach(() => temp.cleanup());

  describe('create intents', () => {
    it('survive a restart as pending, and allow one unsettled create per employee', async () => {
      const { intents } = temp.store;
      const intent = await intents.record({
        connectionId,
        employeeNumber: 'E1',
        runId,
        email: 'ada@example.com',
      });
      await expect(
        intents.record({ connectionId, employeeNumber: 'E1', runId, email: 'ada@example.com' }),
      ).rejects.toThrow(StoreConflictError);

      const store = await temp.reopen();
      expect(await store.intents.pending(connectionId)).toEqual([intent]);
      expect(await store.intents.complete(intent.id, 42)).toMatchObject({ state: 'done', userId: 42 });
      expect(await store.intents.pending(connectionId)).toEqual([]);
      await expect(store.intents.fail(intent.id, 'late')).rejects.toThrow(/already done/);

      const retry = await store.intents.record({
        connectionId,
        employeeNumber: 'E1',
        runId,
        email: 'ada@example.com',
      });
      expect(await store.intents.fail(retry.id, 'POST refused: 409')).toMatchObject({
        state: 'failed',
        error: 'POST refused: 409',
      });
    });

    it('commit with a link in one transaction, or not at all', async () => {
      const { intents, links } = temp.store;
      const intent = await intents.record({
        connectionId,
        employeeNumber: 'E1',
        runId,
        email: 'ada@example.com',
      });
      await expect(
        temp.store.transaction(async () => {
          await intents.complete(intent.id, 42);
          await links.upsertMany(connectionId, [
            { employeeNumber: 'E1', userId: 42, lastWritten: {}, leaveDateSetBySync: null },
          ]);
          throw new Error('crash before commit');
        }),
      ).rejects.toThrow('crash before commit');
      expect(await intents.pending(connectionId)).toHaveLength(1);
      expect(await links.forConnection(connectionId)).toEqual([]);
    });
  });
});
