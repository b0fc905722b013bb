import { afterEach, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore } from '../store/open-temp-store.ts';
import { ensureEnvConnection } from './ensure-env-connection.ts';
import type { EnvConnection } from './parse-env.ts';

const env: EnvConnection = {
  staffologyBaseUrl: 'http://127.0.0.1:4010',
  staffologyApiKey: 'staffology-key',
  staffologyEmployerId: 'employer-1',
  expenseinBaseUrl: 'http://127.0.0.1:4020',
  expenseinApiKey: 'expensein-key',
  includeBankDetails: false,
  leaverGuardPercent: null,
  leaverGuardMin: null,
};

let temp: TempStore;
afterEach(() => temp.cleanup());

describe('ensureEnvConnection', () => {
  it('creates the connection once, then leaves it unchanged', () => {
    temp = openTempStore();
    const first = ensureEnvConnection(temp.store, env);
    expect(first.change).toBe('created');
    const second = ensureEnvConnection(temp.store, env);
    expect(second).toMatchObject({ change: 'unchanged', connection: { id: first.connection.id } });
  });

  it('treats new keys as a reconnect of the same connection, keeping its links', () => {
    temp = openTempStore();
    const { connection } = ensureEnvConnection(temp.store, env);
    temp.store.links.upsertMany(connection.id, [
      { employeeNumber: '1001', userId: 1, lastWritten: {}, leaveDateSetBySync: null },
    ]);
    const again = ensureEnvConnection(temp.store, { ...env, expenseinApiKey: 'rotated' });
    expect(again).toMatchObject({ change: 'reconnected', connection: { id: connection.id } });
    expect(temp.store.links.forConnection(connection.id)).toHaveLength(1);
    expect(temp.store.connections.credentials(connection.id).expenseinApiKey).toBe('rotated');
  });

  it('starts a fresh connection when the environment points at another employer, so old links cannot mislead', () => {
    temp = openTempStore();
    const { connection: old } = ensureEnvConnection(temp.store, env);
    temp.store.links.upsertMany(old.id, [
      { employeeNumber: '1001', userId: 1, lastWritten: {}, leaveDateSetBySync: null },
    ]);
    const moved = ensureEnvConnection(temp.store, { ...env, staffologyEmployerId: 'employer-2' });
    expect(moved.change).toBe('created');
    expect(moved.connection.id).not.toBe(old.id);
    expect(temp.store.links.forConnection(moved.connection.id)).toEqual([]);
    expect(temp.store.connections.get(old.id)?.status).toBe('disconnected');

    // Pointing back finds the first connection again, with its links.
    const back = ensureEnvConnection(temp.store, env);
    expect(back).toMatchObject({ change: 'reconnected', connection: { id: old.id, status: 'connected' } });
    expect(temp.store.connections.get(moved.connection.id)?.status).toBe('disconnected');
  });

  it('updates settings alone without a reconnect', () => {
    temp = openTempStore();
    ensureEnvConnection(temp.store, env);
    const updated = ensureEnvConnection(temp.store, { ...env, includeBankDetails: true });
    expect(updated.change).toBe('updated');
    expect(updated.connection.settings.includeBankDetails).toBe(true);
  });
});
