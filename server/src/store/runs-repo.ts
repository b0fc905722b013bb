import {
  type FinalRunStatus,
  partialRunTriggers,
  type RunStatus,
  type RunTrigger,
  runStatusSchema,
  runTriggerSchema,
} from '@staffsync/shared';
import { and, asc, count, desc, eq, gte, inArray, lt, ne, notInArray, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import {
  type Page,
  type PageRequest,
  pageBounds,
  StoreConflictError,
  type StoreContext,
  StoreNotFoundError,
  type StoreTables,
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
  start(input: StartRun): Promise<StartRunResult>;
  /** Ends a running run; throws StoreConflictError if it is no longer running (e.g. marked stale meanwhile). */
  finish(
    runId: number,
    result: { status: FinalRunStatus; counts?: FlatCounts; error?: string | null },
  ): Promise<Run>;
  /** A `held` run ends once its held leavers are decided (R17). */
  resolveHeld(runId: number, status: Exclude<FinalRunStatus, 'held'>, counts?: FlatCounts): Promise<Run>;
  get(runId: number): Promise<Run | null>;
  list(filter?: { connectionId?: number; dryRun?: boolean } & PageRequest): Promise<Page<Run>>;
  /**
   * The connection's newest full run (neither a dry run nor a partial one: a resync or a leaver approval), running or ended: the one every
   * user was last synced by, and what the scheduler counts as a sync since the last (re)connect.
   */
  lastFull(connectionId: number): Promise<Run | null>;
  running(connectionId: number): Promise<Run | null>;
  /** Renews the lease; false when the run is no longer running, and its runner should stop. */
  heartbeat(runId: number): Promise<boolean>;
  /**
   * Marks every running run whose lease has expired, or whose process on this host is gone, as failed; returns them,
   * each to one caller only when several workers call at once.
   */
  markStale(): Promise<Run[]>;
  /** A running run whose lease has run out, or whose process on this host is gone: markStale or start ends it. */
  isAbandoned(run: Run): Promise<boolean>;
  /** The connection's runs of these triggers started at or after `startedAt`, oldest first. */
  since(connectionId: number, filter: { startedAt: string; triggers: RunTrigger[] }): Promise<Run[]>;
}

type Row = StoreTables['runs']['$inferSelect'];

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
  const { runs } = ctx.tables;
  const { ownership } = options;

  /**
   * Of these running runs, those whose owning process on this host is gone (killed) are abandoned, whatever their
   * leases say: one write per such run, none when there is none. A run another caller ended meanwhile is left out.
   */
  async function failOrphaned(candidates: Row[]): Promise<Row[]> {
    const ended: Row[] = [];
    for (const row of candidates.filter(ownerIsGone)) {
      const failed = await ctx.db
        .update(runs)
        .set({
          status: 'failed',
          finishedAt: ctx.now(),
          error: `abandoned: its process (pid ${row.ownerPid}) is gone (was it killed?)`,
        })
        .where(and(eq(runs.id, row.id), eq(runs.status, 'running')))
        .returning();
      ended.push(...failed);
    }
    return ended;
  }

  function ownerIsGone(row: Row): boolean {
    if (row.ownerPid === null || row.ownerHost !== ownership.host) return false;
    return row.ownerPid !== ownership.pid && !ownership.isAlive(row.ownerPid);
  }

  function staleBefore(): string {
    return new Date(Date.parse(ctx.now()) - options.leaseMs).toISOString();
  }

  function failStale(where?: SQL): Promise<Row[]> {
    const now = ctx.now();
    return ctx.db
      .update(runs)
      .set({
        status: 'failed',
        finishedAt: now,
        error: `abandoned: no heartbeat within ${Math.round(options.leaseMs / 1000)} s (was the process killed?)`,
      })
      .where(and(eq(runs.status, 'running'), lt(runs.heartbeatAt, staleBefore()), where))
      .returning();
  }

  async function findRow(runId: number): Promise<Row | undefined> {
    const [row] = await ctx.db.select().from(runs).where(eq(runs.id, runId));
    return row;
  }

  async function getRow(runId: number): Promise<Row> {
    const row = await findRow(runId);
    if (!row) throw new StoreNotFoundError('run', runId);
    return row;
  }

  async function runningRow(connectionId: number): Promise<Row | undefined> {
    const [row] = await ctx.db
      .select()
      .from(runs)
      .where(and(eq(runs.connectionId, connectionId), eq(runs.status, 'running')));
    return row;
  }

  async function newest(where: SQL | undefined): Promise<Row | undefined> {
    const [row] = await ctx.db.select().from(runs).where(where).orderBy(desc(runs.id)).limit(1);
    return row;
  }

  return {
    start(input) {
      return ctx.transaction(
        async (): Promise<StartRunResult> => {
          await failStale(eq(runs.connectionId, input.connectionId));
          const live = await runningRow(input.connectionId);
          if (live && !ownerIsGone(live)) return { started: false, run: toRun(live) };
          if (live) await failOrphaned([live]);
          if (input.coveredSince !== undefined) {
            const covering = await newest(
              and(
                eq(runs.connectionId, input.connectionId),
                eq(runs.dryRun, input.dryRun),
                notInArray(runs.trigger, [...partialRunTriggers]),
                gte(runs.startedAt, input.coveredSince),
              ),
            );
            if (covering) return { started: false, run: toRun(covering) };
          }
          const now = ctx.now();
          const [row] = await ctx.db
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
            .returning();
          if (!row) throw new Error('inserting a run returned no row');
          return { started: true, run: toRun(row) };
        },
        { connectionId: input.connectionId },
      );
    },
    finish(runId, result) {
      return ctx.transaction(async () => {
        const current = await getRow(runId);
        if (current.status !== 'running') {
          throw new StoreConflictError(`run ${runId} is not running (it is ${current.status})`);
        }
        const [row] = await ctx.db
          .update(runs)
          .set({
            status: result.status,
            finishedAt: ctx.now(),
            error: result.error ?? null,
            ...(result.counts ? { counts: JSON.stringify(flatCountsSchema.parse(result.counts)) } : {}),
          })
          .where(eq(runs.id, runId))
          .returning();
        return toRun(row ?? current);
      });
    },
    resolveHeld(runId, status, counts) {
      return ctx.transaction(async () => {
        const current = await getRow(runId);
        if (current.status !== 'held') {
          throw new StoreConflictError(`run ${runId} is not held (it is ${current.status})`);
        }
        const [row] = await ctx.db
          .update(runs)
          .set({
            status,
            ...(counts ? { counts: JSON.stringify(flatCountsSchema.parse(counts)) } : {}),
          })
          .where(eq(runs.id, runId))
          .returning();
        return toRun(row ?? current);
      });
    },
    async get(runId) {
      const row = await findRow(runId);
      return row ? toRun(row) : null;
    },
    async list(filter = {}) {
      const { limit, offset } = pageBounds(filter);
      const where = and(
        filter.connectionId === undefined ? undefined : eq(runs.connectionId, filter.connectionId),
        filter.dryRun === undefined ? undefined : eq(runs.dryRun, filter.dryRun),
      );
      const rows = await ctx.db
        .select()
        .from(runs)
        .where(where)
        .orderBy(desc(runs.id))
        .limit(limit)
        .offset(offset);
      const [total] = await ctx.db.select({ n: count() }).from(runs).where(where);
      return { items: rows.map(toRun), total: total?.n ?? 0, limit, offset };
    },
    async lastFull(connectionId) {
      const row = await newest(
        and(
          eq(runs.connectionId, connectionId),
          eq(runs.dryRun, false),
          notInArray(runs.trigger, [...partialRunTriggers]),
        ),
      );
      return row ? toRun(row) : null;
    },
    async running(connectionId) {
      const row = await runningRow(connectionId);
      return row ? toRun(row) : null;
    },
    async heartbeat(runId) {
      const renewed = await ctx.db
        .update(runs)
        .set({ heartbeatAt: ctx.now() })
        .where(and(eq(runs.id, runId), eq(runs.status, 'running')))
        .returning({ id: runs.id });
      return renewed.length > 0;
    },
    async markStale() {
      // No transaction, so no write lock (every worker calls this every 10 s, mostly to find nothing): each
      // update is atomic and re-checks that the run is still running, so a run is failed, and returned, by one caller.
      const stale = await failStale();
      const ownedHere = await ctx.db
        .select()
        .from(runs)
        .where(
          and(
            eq(runs.status, 'running'),
            eq(runs.ownerHost, ownership.host),
            ne(runs.ownerPid, ownership.pid),
          ),
        );
      const orphaned = await failOrphaned(ownedHere);
      return [...stale, ...orphaned].map(toRun);
    },
    async since(connectionId, filter) {
      const rows = await ctx.db
        .select()
        .from(runs)
        .where(
          and(
            eq(runs.connectionId, connectionId),
            gte(runs.startedAt, filter.startedAt),
            inArray(runs.trigger, filter.triggers),
          ),
        )
        .orderBy(asc(runs.id));
      return rows.map(toRun);
    },
    async isAbandoned(run) {
      if (run.status !== 'running') return false;
      if (run.heartbeatAt < staleBefore()) return true;
      const row = await findRow(run.id);
      return row !== undefined && ownerIsGone(row);
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
