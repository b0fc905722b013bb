import {
  type FinalRunStatus,
  partialRunTriggers,
  type RunStatus,
  type RunTrigger,
  runStatusSchema,
  runTriggerSchema,
} from '@staffsync/shared';
import { and, asc, count, desc, eq, gte, inArray, lt, notInArray, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { runs } from './schema.ts';
import {
  type Page,
  type PageRequest,
  pageBounds,
  StoreConflictError,
  type StoreContext,
  StoreNotFoundError,
} from './store-context.ts';

/** One sync run (STYLE.md 4: runs are data). Times are ISO-8601 UTC strings. */
export interface Run {
  id: number;
  connectionId: number;
  trigger: RunTrigger;
  status: RunStatus;
  dryRun: boolean;
  /** A token name, 'cli' or 'scheduler'; null when not known. */
  requestedBy: string | null;
  /** Counts by outcome code, action kind or result, as the run layer chooses. */
  counts: FlatCounts;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
  heartbeatAt: string;
}

/** A run's counts as its row keeps them: flat names (run/count-run.ts turns them into the API's RunCounts). */
export const flatCountsSchema = z.record(z.string(), z.number().int().nonnegative());
export type FlatCounts = z.infer<typeof flatCountsSchema>;

export type { FinalRunStatus };

export interface StartRun {
  connectionId: number;
  trigger: RunTrigger;
  dryRun: boolean;
  requestedBy?: string | null;
  /**
   * A full run of the same kind (dry or not) that started at or after this ISO time, ended or not, covers the
   * request: it read the vendors after the request was made. Returned instead of starting another.
   */
  coveredSince?: string;
}

/** `started: false` when the connection already had a live run: that run is returned (PRODUCT.md 4.2). */
export type StartRunResult = { started: true; run: Run } | { started: false; run: Run };

export interface RunsRepo {
  /**
   * Starts a run unless the connection has one running; atomic across processes (write lock plus a partial unique
   * index). A running run whose lease has expired is marked failed and the new run starts.
   */
  start(input: StartRun): StartRunResult;
  /** Ends a running run; throws StoreConflictError if it is no longer running (e.g. marked stale meanwhile). */
  finish(runId: number, result: { status: FinalRunStatus; counts?: FlatCounts; error?: string | null }): Run;
  /** A `held` run ends once its held leavers are decided (R17). */
  resolveHeld(runId: number, status: Exclude<FinalRunStatus, 'held'>, counts?: FlatCounts): Run;
  get(runId: number): Run | null;
  list(filter?: { connectionId?: number; dryRun?: boolean } & PageRequest): Page<Run>;
  /**
   * The connection's newest full run (neither a dry run nor a partial one: a resync or a leaver approval), running or ended: the one every
   * user was last synced by, and what the scheduler counts as a sync since the last (re)connect.
   */
  lastFull(connectionId: number): Run | null;
  running(connectionId: number): Run | null;
  /** Renews the lease; false when the run is no longer running, and its runner should stop. */
  heartbeat(runId: number): boolean;
  /** Marks every running run whose lease has expired as failed (at server start); returns them. */
  markStale(): Run[];
  /** A running run whose lease has run out, or whose process on this host is gone: markStale or start ends it. */
  isAbandoned(run: Run): boolean;
  /** The connection's runs of these triggers started at or after `startedAt`, oldest first. */
  since(connectionId: number, filter: { startedAt: string; triggers: RunTrigger[] }): Run[];
}

type Row = typeof runs.$inferSelect;

/** Who runs this process, and whether another process on this host is still alive. */
export interface RunOwnership {
  pid: number;
  host: string;
  isAlive(pid: number): boolean;
}

export function createRunsRepo(
  ctx: StoreContext,
  options: { leaseMs: number; ownership: RunOwnership },
): RunsRepo {
  const { db } = ctx;
  const { ownership } = options;

  /** A running run whose owning process on this host is gone (killed) is abandoned, whatever its lease says. */
  function failOrphaned(connectionId: number): void {
    const live = runningRow(connectionId);
    if (!live || live.ownerPid === null || live.ownerHost !== ownership.host) return;
    if (live.ownerPid === ownership.pid || ownership.isAlive(live.ownerPid)) return;
    db.update(runs)
      .set({
        status: 'failed',
        finishedAt: ctx.now(),
        error: `abandoned: its process (pid ${live.ownerPid}) is gone (was it killed?)`,
      })
      .where(and(eq(runs.id, live.id), eq(runs.status, 'running')))
      .run();
  }

  function staleBefore(): string {
    return new Date(Date.parse(ctx.now()) - options.leaseMs).toISOString();
  }

  function failStale(where: SQL): Row[] {
    const now = ctx.now();
    return db
      .update(runs)
      .set({
        status: 'failed',
        finishedAt: now,
        error: `abandoned: no heartbeat within ${Math.round(options.leaseMs / 1000)} s (was the process killed?)`,
      })
      .where(and(eq(runs.status, 'running'), lt(runs.heartbeatAt, staleBefore()), where))
      .returning()
      .all();
  }

  function getRow(runId: number): Row {
    const row = db.select().from(runs).where(eq(runs.id, runId)).get();
    if (!row) throw new StoreNotFoundError('run', runId);
    return row;
  }

  function runningRow(connectionId: number): Row | undefined {
    return db
      .select()
      .from(runs)
      .where(and(eq(runs.connectionId, connectionId), eq(runs.status, 'running')))
      .get();
  }

  return {
    start(input) {
      return ctx.transaction(() => {
        failStale(eq(runs.connectionId, input.connectionId));
        failOrphaned(input.connectionId);
        const live = runningRow(input.connectionId);
        if (live) return { started: false, run: toRun(live) };
        if (input.coveredSince !== undefined) {
          const covering = db
            .select()
            .from(runs)
            .where(
              and(
                eq(runs.connectionId, input.connectionId),
                eq(runs.dryRun, input.dryRun),
                notInArray(runs.trigger, [...partialRunTriggers]),
                gte(runs.startedAt, input.coveredSince),
              ),
            )
            .orderBy(desc(runs.id))
            .get();
          if (covering) return { started: false, run: toRun(covering) };
        }
        const now = ctx.now();
        const row = db
          .insert(runs)
          .values({
            connectionId: input.connectionId,
            trigger: input.trigger,
            status: 'running',
            dryRun: input.dryRun,
            requestedBy: input.requestedBy ?? null,
            startedAt: now,
            heartbeatAt: now,
            ownerPid: ownership.pid,
            ownerHost: ownership.host,
          })
          .returning()
          .get();
        return { started: true, run: toRun(row) };
      });
    },
    finish(runId, result) {
      return ctx.transaction(() => {
        const current = getRow(runId);
        if (current.status !== 'running') {
          throw new StoreConflictError(`run ${runId} is not running (it is ${current.status})`);
        }
        const row = db
          .update(runs)
          .set({
            status: result.status,
            finishedAt: ctx.now(),
            error: result.error ?? null,
            ...(result.counts ? { counts: JSON.stringify(flatCountsSchema.parse(result.counts)) } : {}),
          })
          .where(eq(runs.id, runId))
          .returning()
          .get();
        return toRun(row ?? current);
      });
    },
    resolveHeld(runId, status, counts) {
      return ctx.transaction(() => {
        const current = getRow(runId);
        if (current.status !== 'held') {
          throw new StoreConflictError(`run ${runId} is not held (it is ${current.status})`);
        }
        const row = db
          .update(runs)
          .set({
            status,
            ...(counts ? { counts: JSON.stringify(flatCountsSchema.parse(counts)) } : {}),
          })
          .where(eq(runs.id, runId))
          .returning()
          .get();
        return toRun(row ?? current);
      });
    },
    get(runId) {
      const row = db.select().from(runs).where(eq(runs.id, runId)).get();
      return row ? toRun(row) : null;
    },
    list(filter = {}) {
      const { limit, offset } = pageBounds(filter);
      const where = and(
        filter.connectionId === undefined ? undefined : eq(runs.connectionId, filter.connectionId),
        filter.dryRun === undefined ? undefined : eq(runs.dryRun, filter.dryRun),
      );
      const items = db
        .select()
        .from(runs)
        .where(where)
        .orderBy(desc(runs.id))
        .limit(limit)
        .offset(offset)
        .all()
        .map(toRun);
      const total = db.select({ n: count() }).from(runs).where(where).get()?.n ?? 0;
      return { items, total, limit, offset };
    },
    lastFull(connectionId) {
      const row = db
        .select()
        .from(runs)
        .where(
          and(
            eq(runs.connectionId, connectionId),
            eq(runs.dryRun, false),
            notInArray(runs.trigger, [...partialRunTriggers]),
          ),
        )
        .orderBy(desc(runs.id))
        .get();
      return row ? toRun(row) : null;
    },
    running(connectionId) {
      const row = runningRow(connectionId);
      return row ? toRun(row) : null;
    },
    heartbeat(runId) {
      const result = db
        .update(runs)
        .set({ heartbeatAt: ctx.now() })
        .where(and(eq(runs.id, runId), eq(runs.status, 'running')))
        .run();
      return result.changes > 0;
    },
    markStale() {
      return ctx.transaction(() => {
        const stale = failStale(eq(runs.status, 'running')).map(toRun);
        const orphaned = db
          .select({ connectionId: runs.connectionId })
          .from(runs)
          .where(eq(runs.status, 'running'))
          .all();
        for (const { connectionId } of orphaned) failOrphaned(connectionId);
        return stale;
      });
    },
    since(connectionId, filter) {
      return db
        .select()
        .from(runs)
        .where(
          and(
            eq(runs.connectionId, connectionId),
            gte(runs.startedAt, filter.startedAt),
            inArray(runs.trigger, filter.triggers),
          ),
        )
        .orderBy(asc(runs.id))
        .all()
        .map(toRun);
    },
    isAbandoned(run) {
      if (run.status !== 'running') return false;
      if (run.heartbeatAt < staleBefore()) return true;
      const row = db.select().from(runs).where(eq(runs.id, run.id)).get();
      if (!row || row.ownerPid === null || row.ownerHost !== ownership.host) return false;
      return row.ownerPid !== ownership.pid && !ownership.isAlive(row.ownerPid);
    },
  };
}

function toRun(row: Row): Run {
  return {
    id: row.id,
    connectionId: row.connectionId,
    trigger: runTriggerSchema.parse(row.trigger),
    status: runStatusSchema.parse(row.status),
    dryRun: row.dryRun,
    requestedBy: row.requestedBy,
    counts: flatCountsSchema.parse(JSON.parse(row.counts)),
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    error: row.error,
    heartbeatAt: row.heartbeatAt,
  };
}
