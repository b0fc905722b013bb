import { describe, expect, it } from 'vitest';
import { createExpenseInSnapshots } from './expensein-snapshots.ts';

function counter() {
  let reads = 0;
  let fail = false;
  return {
    read: async () => {
      reads += 1;
      if (fail) throw new Error('ExpenseIn down');
      return { users: [], invalidRecords: [] };
    },
    reads: () => reads,
    failNext: (value: boolean) => {
      fail = value;
    },
  };
}

describe('ExpenseIn snapshots for badges', () => {
  it('shares one read per connection within the few seconds, and reads again after', async () => {
    let now = Date.parse('2026-12-04T10:00:00Z');
    const snapshots = createExpenseInSnapshots({ ttlMs: 5_000, clock: () => new Date(now) });
    const one = counter();
    const other = counter();
    const [a, b] = await Promise.all([snapshots.get(1, one.read, ''), snapshots.get(1, one.read, '')]);
    expect(one.reads()).toBe(1);
    expect(a.readAt).toBe('2026-12-04T10:00:00.000Z');
    expect(b).toBe(a);
    await snapshots.get(2, other.read, '');
    expect(other.reads()).toBe(1);
    now += 4_999;
    await snapshots.get(1, one.read, '');
    expect(one.reads()).toBe(1);
    now += 1;
    expect((await snapshots.get(1, one.read, '')).readAt).toBe('2026-12-04T10:00:05.000Z');
    expect(one.reads()).toBe(2);
  });

  it('reads again once a run has ended since, so its writes are not taken for edits made in ExpenseIn', async () => {
    const snapshots = createExpenseInSnapshots({ clock: () => new Date('2026-12-04T10:00:00Z') });
    const source = counter();
    await snapshots.get(1, source.read, '');
    await snapshots.get(1, source.read, '41');
    await snapshots.get(1, source.read, '41');
    expect(source.reads()).toBe(2);
  });

  it('keeps no failed read: the next request tries again', async () => {
    const snapshots = createExpenseInSnapshots({ clock: () => new Date('2026-12-04T10:00:00Z') });
    const source = counter();
    source.failNext(true);
    await expect(snapshots.get(1, source.read, '')).rejects.toThrow('ExpenseIn down');
    source.failNext(false);
    await expect(snapshots.get(1, source.read, '')).resolves.toMatchObject({ users: [] });
    expect(source.reads()).toBe(2);
  });
});
