import type { Link } from '@staffsync/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore, testConnection } from './open-temp-store.ts';

let temp: TempStore;
let connectionId: number;
beforeEach(() => {
  temp = openTempStore();
  connectionId = temp.store.connections.create(testConnection()).id;
});
afterEach(() => temp.cleanup());

const ada: Link = {
  employeeNumber: 'E1',
  userId: 11,
  lastWritten: { firstName: 'Ada', email: 'ada@example.com', departmentId: null, bankHash: 'abc' },
  leaveDateSetBySync: null,
};

describe('links', () => {
  it('inserts, then updates by employee number, and reads back domain objects', () => {
    const { links } = temp.store;
    links.upsertMany(connectionId, [ada, { ...ada, employeeNumber: 'E2', userId: 12, lastWritten: {} }]);
    links.upsertMany(connectionId, [
      {
        ...ada,
        lastWritten: { ...ada.lastWritten, leaveDate: '2026-12-01' },
        leaveDateSetBySync: '2026-12-01',
      },
    ]);

    expect(links.forConnection(connectionId)).toEqual([
      {
        employeeNumber: 'E1',
        userId: 11,
        lastWritten: {
          firstName: 'Ada',
          email: 'ada@example.com',
          departmentId: null,
          bankHash: 'abc',
          leaveDate: '2026-12-01',
        },
        leaveDateSetBySync: '2026-12-01',
      },
      { employeeNumber: 'E2', userId: 12, lastWritten: {}, leaveDateSetBySync: null },
    ]);
    expect(links.get(connectionId, { userId: 12 })?.employeeNumber).toBe('E2');
    expect(links.get(connectionId, { employeeNumber: 'E9' })).toBeNull();
  });

  it('keeps one link per user: linking the user to another employee number drops the old link', () => {
    const { links } = temp.store;
    links.upsertMany(connectionId, [ada]);
    links.upsertMany(connectionId, [{ ...ada, employeeNumber: 'E7' }]);
    expect(links.forConnection(connectionId).map((l) => [l.employeeNumber, l.userId])).toEqual([['E7', 11]]);
  });

  it('keeps links of different connections apart', () => {
    const { links, connections } = temp.store;
    const other = connections.create(testConnection({ name: 'Other' })).id;
    links.upsertMany(connectionId, [ada]);
    links.upsertMany(other, [ada]);
    expect(links.forConnection(other)).toHaveLength(1);
    expect(links.remove(other, 'E1')).toBe(true);
    expect(links.forConnection(connectionId)).toHaveLength(1);
  });

  it('refuses bank details in clear and writes nothing of that batch', () => {
    const { links } = temp.store;
    const leaky = {
      ...ada,
      employeeNumber: 'E3',
      lastWritten: { bankDetails: { accountNumber: '12345678' } },
    };
    expect(() => links.upsertMany(connectionId, [ada, leaky as unknown as Link])).toThrow(/bankDetails/);
    expect(links.forConnection(connectionId)).toEqual([]);
  });
});
