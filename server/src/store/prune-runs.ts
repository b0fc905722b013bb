import { and, count, eq, inArray, lt, ne, notExists, sql } from 'drizzle-orm';
import type { StoreContext } from './store-context.ts';

export interface PruneResult {
  runs: number;
  items: number;
}

/**
 * Retention (PRODUCT.md 4.2: kept, retention configurable): deletes runs started more than `olderThanDays` ago,
 * with their items, intents and decided held leavers. A run still running, or one that an unsettled create or an
 * undecided held leaver refers to, is kept: those are needed to recover or to decide.
 */
export async function pruneRuns(ctx: StoreContext, options: { olderThanDays: number }): Promise<PruneResult> {
  if (!Number.isFinite(options.olderThanDays) || options.olderThanDays < 0) {
    throw new Error(`olderThanDays must be a number of days >= 0, got ${options.olderThanDays}`);
  }
  const { createIntents, heldLeavers, runItems, runs } = ctx.tables;
  const cutoff = new Date(Date.parse(ctx.now()) - options.olderThanDays * 86_400_000).toISOString();
  return ctx.transaction(async () => {
    const { db } = ctx;
    const rows = await db
      .select({ id: runs.id })
      .from(runs)
      .where(
        and(
          lt(runs.startedAt, cutoff),
          ne(runs.status, 'running'),
          notExists(
            db
              .select({ one: sql`1` })
              .from(createIntents)
              .where(and(eq(createIntents.runId, runs.id), eq(createIntents.state, 'pending'))),
          ),
          notExists(
            db
              .select({ one: sql`1` })
              .from(heldLeavers)
              .where(and(eq(heldLeavers.runId, runs.id), eq(heldLeavers.status, 'pending'))),
          ),
        ),
      );
    const doomed = rows.map((row) => row.id);
    if (doomed.length === 0) return { runs: 0, items: 0 };
    let items = 0;
    // Chunked: both databases bound the parameters of one statement.
    for (let i = 0; i < doomed.length; i += 500) {
      const chunk = doomed.slice(i, i + 500);
      const [counted] = await db.select({ n: count() }).from(runItems).where(inArray(runItems.runId, chunk));
      items += counted?.n ?? 0;
      // Items, intents and held leavers go with their run (ON DELETE CASCADE).
      await db.delete(runs).where(inArray(runs.id, chunk));
    }
    return { runs: doomed.length, items };
  });
}
