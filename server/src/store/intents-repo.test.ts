import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore, testConnection } from './open-temp-store.ts';
import { StoreConflictError } from './store-context.ts';

let temp: TempStore;
let connectionId: number;
let runId: number;
beforeEach(() => {
  temp = openTempStore();
  connectionId = temp.store.connections.create(testConnection()).id;
  runId = temp.store.runs.start({ connectionId, trigger: 'connect', dryRun: false }).run.id;
});
afterEach(() => temp.cleanup());

describe('create intents', () => {
  it('survive a restart as pending, and allow one unsettled create per employee', () => {
    const { intents } = temp.store;
    const intent = intents.record({ connectionId, employeeNumber: 'E1', runId, email: 'ada@example.com' });
    expect(() =>
      intents.record({ connectionId, employeeNumber: 'E1', runId, email: 'ada@example.com' }),
    ).toThrow(StoreConflictError);

    const store = temp.reopen();
    expect(store.intents.pending(connectionId)).toEqual([intent]);
    expect(store.intents.complete(intent.id, 42)).toMatchObject({ state: 'done', userId: 42 });
    expect(store.intents.pending(connectionId)).toEqual([]);
    expect(() => store.intents.fail(intent.id, 'late')).toThrow(/already done/);

    const retry = store.intents.record({
      connectionId,
      employeeNumber: 'E1',
      runId,
      email: 'ada@example.com',
    });
    expect(store.intents.fail(retry.id, 'POST refused: 409')).toMatchObject({
      state: 'failed',
      error: 'POST refused: 409',
    });
  });

  it('commit with a link in one transaction, or not at all', () => {
    const { intents, links } = temp.store;
    const intent = intents.record({ connectionId, employeeNumber: 'E1', runId, email: 'ada@example.com' });
    expect(() =>
      temp.store.transaction(() => {
        intents.complete(intent.id, 42);
        links.upsertMany(connectionId, [
          { employeeNumber: 'E1', userId: 42, lastWritten: {}, leaveDateSetBySync: null },
        ]);
        throw new Error('crash before commit');
      }),
    ).toThrow('crash before commit');
    expect(intents.pending(connectionId)).toHaveLength(1);
    expect(links.forConnection(connectionId)).toEqual([]);
  });
});
