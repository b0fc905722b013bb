import type { Link } from '@staffsync/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore, testConnection, testDialects } from './open-temp-store.ts';

// Part of the store's contract suite: the same tests on every dialect (open-temp-store.ts testDialects).
describe.each(testDialects())('links on %s', (dialect) => {
  let temp: TempStore;
  let connectionId: number;
  beforeEach(async () => {
    temp = await openTempStore({ dialect });
    connectionId = (await temp.store.connections.create(testConnection())).id;
  });
  afterEach(() => temp.cleanup());

  const ada: Link = {
    employeeNumber: 'E1',
    userId: 11,
    lastWritten: { firstName: 'Ada', email: 'ada@example.com', departmentId: null, bankHash: 'abc' },
    leaveDateSetBySync: null,
  };

  describe('links', () => {
    it('inserts, then updates by employee number, and reads back domain objects', async () => {
      const { links } = temp.store;
      await links.upsertMany(connectionId, [
        ada,
        { ...ada, employeeNumber: 'E2', userId: 12, lastWritten: {} },
      ]);
      await links.upsertMany(connectionId, [
        {
          ...ada,
          lastWritten: { ...ada.lastWritten, leaveDate: '2026-12-01' },
          leaveDateSetBySync: '2026-12-01',
        },
      ]);

      expect(await links.forConnection(connectionId)).toEqual([
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
      expect((await links.get(connectionId, { userId: 12 }))?.employeeNumber).toBe('E2');
      expect(await links.get(connectionId, { employeeNumber: 'E9' })).toBeNull();
    });

    it('keeps one link per user: linking the user to another employee number drops the old link', async () => {
      const { links } = temp.store;
      await links.upsertMany(connectionId, [ada]);
      await links.upsertMany(connectionId, [{ ...ada, employeeNumber: 'E7' }]);
      expect((await links.forConnection(connectionId)).map((l) => [l.employeeNumber, l.userId])).toEqual([
        ['E7', 11],
      ]);
    });

    it('keeps links of different connections apart', async () => {
      const { links, connections } = temp.store;
      const other = (await connections.create(testConnection({ name: 'Other' }))).id;
      await links.upsertMany(connectionId, [ada]);
      await links.upsertMany(other, [ada]);
      expect(await links.forConnection(other)).toHaveLength(1);
      expect(await links.remove(other, 'E1')).toBe(true);
      expect(await links.forConnection(connectionId)).toHaveLength(1);
    });

    it('refuses bank details in clear and writes nothing of that batch', async () => {
      const { links } = temp.store;
      const leaky = {
        ...ada,
        employeeNumber: 'E3',
        lastWritten: { bankDetails: { accountNumber: '12345678' } },
      };
      await expect(links.upsertMany(connectionId, [ada, leaky as unknown as Link])).rejects.toThrow(
        /bankDetails/,
      );
      expect(await links.forConnection(connectionId)).toEqual([]);
    });
  });
});
