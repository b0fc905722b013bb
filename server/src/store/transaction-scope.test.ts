import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from './build-store.ts';
import { openTempStore, type TempStore, testDialects } from './open-temp-store.ts';
import type { TransactionScope } from './store-context.ts';

// PRODUCT.md 4.5: on PostgreSQL many workers write at once. A write transaction about one connection excludes only
// the others about that connection; one without a scope excludes every other, as SQLite's one write lock does. Two
// stores on one database stand for two workers. (SQLite takes its one lock whatever the scope; a second store in
// this process would block the event loop waiting for it, so this file is PostgreSQL's.)
const onPostgres = testDialects().includes('postgres');

describe.skipIf(!onPostgres)(
  onPostgres
    ? 'scoped write transactions on PostgreSQL'
    : 'scoped write transactions on PostgreSQL (skipped: no PostgreSQL test server, STAFFSYNC_TEST_DATABASE_URL unset)',
  () => {
    let temp: TempStore;
    let other: Store;
    beforeEach(async () => {
      temp = await openTempStore({ dialect: 'postgres' });
      other = await temp.openAnother();
    });
    afterEach(() => temp.cleanup());

    /**
     * Holds a transaction open on the first store until released; meanwhile starts one on the second store and
     * reports whether that one got in while the first was held.
     */
    async function overlaps(first: TransactionScope | undefined, second: TransactionScope | undefined) {
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let entered: () => void = () => {};
      const firstIn = new Promise<void>((resolve) => {
        entered = resolve;
      });
      const events: string[] = [];
      const one = temp.store.transaction(async () => {
        events.push('first in');
        entered();
        await held;
        events.push('first out');
      }, first);
      await firstIn;
      const two = other.transaction(async () => {
        events.push('second in');
      }, second);
      // Long enough for the second to get its lock if it can (a few round trips on 127.0.0.1).
      await new Promise((resolve) => setTimeout(resolve, 300));
      release();
      await Promise.all([one, two]);
      return events.indexOf('second in') < events.indexOf('first out');
    }

    it('lets transactions of different connections write at once', async () => {
      expect(await overlaps({ connectionId: 1 }, { connectionId: 2 })).toBe(true);
      expect(await overlaps({ runId: 1 }, { connectionId: 1 })).toBe(true);
    });

    it('keeps transactions of one connection (or one run) one at a time', async () => {
      expect(await overlaps({ connectionId: 3 }, { connectionId: 3 })).toBe(false);
      expect(await overlaps({ runId: 3 }, { runId: 3 })).toBe(false);
    });

    it('keeps a transaction without a scope apart from every other', async () => {
      expect(await overlaps(undefined, { connectionId: 4 })).toBe(false);
      expect(await overlaps({ connectionId: 4 }, undefined)).toBe(false);
      expect(await overlaps(undefined, undefined)).toBe(false);
    });
  },
);
