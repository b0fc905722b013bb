import type { EiUser, InvalidRecord } from '@staffsync/shared';

/** Every ExpenseIn user of a connection, as read at `readAt`. */
export interface ExpenseInSnapshot {
  users: EiUser[];
  invalidRecords: InvalidRecord[];
  readAt: string;
}

export interface ExpenseInSnapshots {
  /**
   * The connection's users as read at most `ttlMs` ago and after the runs that have ended (`runsEnded`, which
   * changes when another run ends): `read` is called when the last read is older, was made before a run ended, or
   * failed; requests arriving meanwhile share that one read.
   */
  get(
    connectionId: number,
    read: () => Promise<{ users: EiUser[]; invalidRecords: InvalidRecord[] }>,
    runsEnded: string,
  ): Promise<ExpenseInSnapshot>;
}

/**
 * PRODUCT.md 4.4: the Users list badges come from current ExpenseIn values, with at most one ExpenseIn read per few
 * seconds per connection, however many administrators have the list open. Kept per process, in memory.
 */
export function createExpenseInSnapshots(
  options: { ttlMs?: number; clock?: () => Date } = {},
): ExpenseInSnapshots {
  const ttlMs = options.ttlMs ?? 5_000;
  const clock = options.clock ?? (() => new Date());
  const kept = new Map<number, { at: number; runsEnded: string; snapshot: Promise<ExpenseInSnapshot> }>();
  return {
    get(connectionId, read, runsEnded) {
      const now = clock().getTime();
      const known = kept.get(connectionId);
      // A read made before a run's writes would show them as edits made in ExpenseIn.
      if (known && now - known.at < ttlMs && known.runsEnded === runsEnded) return known.snapshot;
      const snapshot = read().then((listed) => ({ ...listed, readAt: new Date(now).toISOString() }));
      kept.set(connectionId, { at: now, runsEnded, snapshot });
      // A failed read is not kept: the next request tries again.
      snapshot.catch(() => {
        if (kept.get(connectionId)?.snapshot === snapshot) kept.delete(connectionId);
      });
      return snapshot;
    },
  };
}
