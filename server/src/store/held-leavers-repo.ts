import { type IsoDate, isoDateSchema } from '@staffsync/shared';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { type StoreContext, StoreNotFoundError, type StoreTables } from './store-context.ts';

export type HeldLeaverStatus = 'pending' | 'approved' | 'rejected' | 'released';
export type HeldLeaverDecision = Exclude<HeldLeaverStatus, 'pending'>;

/** A leaver action held by the leaver guard until an administrator decides (R17). */
export interface HeldLeaver {
  id: number;
  connectionId: number;
  runId: number;
  employeeNumber: string;
  userId: number;
  subjectName: string | null;
  leaveDate: IsoDate;
  status: HeldLeaverStatus;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
}

export interface NewHeldLeaver {
  employeeNumber: string;
  userId: number;
  leaveDate: IsoDate;
  /** The leave date HR gave; null when HR gave none (R12 held the run's day). Default: `leaveDate`. */
  hrLeaveDate?: IsoDate | null;
  subjectName?: string | null;
}

export interface HeldLeaversRepo {
  /**
   * Holds leavers for a run. An employee already pending from an earlier run is moved to this run (with this leave
   * date), so one leaver never waits twice.
   */
  add(runId: number, leavers: NewHeldLeaver[]): Promise<HeldLeaver[]>;
  list(connectionId: number, filter?: { status?: HeldLeaverStatus; runId?: number }): Promise<HeldLeaver[]>;
  /** Decides the given pending leavers (all pending ones of the connection when `ids` is left out). */
  decide(input: {
    connectionId: number;
    ids?: number[];
    decision: HeldLeaverDecision;
    decidedBy: string;
  }): Promise<HeldLeaver[]>;
  /** R17: the leave dates administrators rejected, which the planner keeps from being marked (or held) again. */
  rejectedLeaveDates(connectionId: number): Promise<{ employeeNumber: string; leaveDate: IsoDate | null }[]>;
}

type Row = StoreTables['heldLeavers']['$inferSelect'];

export function createHeldLeaversRepo(ctx: StoreContext): HeldLeaversRepo {
  const { heldLeavers, runs } = ctx.tables;
  return {
    add(runId, leavers) {
      const values = leavers.map((leaver) => ({
        ...leaver,
        leaveDate: isoDateSchema.parse(leaver.leaveDate),
        hrLeaveDate:
          leaver.hrLeaveDate === undefined
            ? isoDateSchema.parse(leaver.leaveDate)
            : leaver.hrLeaveDate === null
              ? null
              : isoDateSchema.parse(leaver.hrLeaveDate),
      }));
      return ctx.transaction(async () => {
        const [run] = await ctx.db
          .select({ connectionId: runs.connectionId })
          .from(runs)
          .where(eq(runs.id, runId));
        if (!run) throw new StoreNotFoundError('run', runId);
        const now = ctx.now();
        const held: HeldLeaver[] = [];
        for (const leaver of values) {
          const [row] = await ctx.db
            .insert(heldLeavers)
            .values({
              connectionId: run.connectionId,
              runId,
              employeeNumber: leaver.employeeNumber,
              userId: leaver.userId,
              subjectName: leaver.subjectName ?? null,
              leaveDate: leaver.leaveDate,
              hrLeaveDate: leaver.hrLeaveDate,
              status: 'pending',
              createdAt: now,
            })
            .onConflictDoUpdate({
              target: [heldLeavers.connectionId, heldLeavers.employeeNumber],
              // Must repeat the partial index's predicate for the database to match the conflict target.
              targetWhere: sql`status = 'pending'`,
              set: {
                runId,
                userId: leaver.userId,
                subjectName: leaver.subjectName ?? null,
                leaveDate: leaver.leaveDate,
                hrLeaveDate: leaver.hrLeaveDate,
              },
            })
            .returning();
          if (!row) throw new Error('holding a leaver returned no row');
          held.push(toHeldLeaver(row));
        }
        return held;
      });
    },
    async list(connectionId, filter = {}) {
      const rows = await ctx.db
        .select()
        .from(heldLeavers)
        .where(
          and(
            eq(heldLeavers.connectionId, connectionId),
            filter.status ? eq(heldLeavers.status, filter.status) : undefined,
            filter.runId === undefined ? undefined : eq(heldLeavers.runId, filter.runId),
          ),
        )
        .orderBy(asc(heldLeavers.id));
      return rows.map(toHeldLeaver);
    },
    async decide(input) {
      if (input.ids?.length === 0) return [];
      const rows = await ctx.db
        .update(heldLeavers)
        .set({ status: input.decision, decidedAt: ctx.now(), decidedBy: input.decidedBy })
        .where(
          and(
            eq(heldLeavers.connectionId, input.connectionId),
            eq(heldLeavers.status, 'pending'),
            input.ids ? inArray(heldLeavers.id, input.ids) : undefined,
          ),
        )
        .returning();
      return rows.map(toHeldLeaver).sort((a, b) => a.id - b.id);
    },
    async rejectedLeaveDates(connectionId) {
      const rows = await ctx.db
        .selectDistinct({ employeeNumber: heldLeavers.employeeNumber, leaveDate: heldLeavers.hrLeaveDate })
        .from(heldLeavers)
        .where(and(eq(heldLeavers.connectionId, connectionId), eq(heldLeavers.status, 'rejected')));
      return rows.map((row) => ({
        employeeNumber: row.employeeNumber,
        leaveDate: row.leaveDate === null ? null : isoDateSchema.parse(row.leaveDate),
      }));
    },
  };
}

function toHeldLeaver(row: Row): HeldLeaver {
  return {
    id: row.id,
    connectionId: row.connectionId,
    runId: row.runId,
    employeeNumber: row.employeeNumber,
    userId: row.userId,
    subjectName: row.subjectName,
    leaveDate: isoDateSchema.parse(row.leaveDate),
    status: row.status,
    createdAt: row.createdAt,
    decidedAt: row.decidedAt,
    decidedBy: row.decidedBy,
  };
}
