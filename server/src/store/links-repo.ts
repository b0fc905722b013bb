import { isoDateSchema, type LastWritten, type Link } from '@staffsync/shared';
import { and, asc, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { StoreContext, StoreTables } from './store-context.ts';

/**
 * LastWritten as stored. Strict, so a value carrying anything else (bank details in clear above all) is refused
 * on write instead of landing in the database (PRODUCT.md 4.2, R8: bank only as a hash).
 */
export const lastWrittenSchema = z.strictObject({
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  email: z.string().optional(),
  departmentId: z.number().int().nullable().optional(),
  bankHash: z.string().optional(),
  leaveDate: isoDateSchema.nullable().optional(),
}) satisfies z.ZodType<LastWritten>;

export type LinkKey = { employeeNumber: string } | { userId: number };

export interface LinksRepo {
  forConnection(connectionId: number): Promise<Link[]>;
  get(connectionId: number, key: LinkKey): Promise<Link | null>;
  /**
   * Inserts or replaces links by employee number, in one transaction. A user can be linked to one employee only:
   * an older link that gives this user to another employee number is dropped, since the plan that supplies these
   * links reflects the References ExpenseIn holds now (R5).
   */
  upsertMany(connectionId: number, links: Link[]): Promise<void>;
  remove(connectionId: number, employeeNumber: string): Promise<boolean>;
  /**
   * R14: records that the sync owns `leaveDate` on this user before the PATCH that sets it, keeping what the link
   * says of the other fields (a link created here has no record of them yet).
   */
  recordLeaveDateOwner(
    connectionId: number,
    owner: { employeeNumber: string; userId: number; leaveDate: string | null },
  ): Promise<void>;
}

type Row = StoreTables['links']['$inferSelect'];

export function createLinksRepo(ctx: StoreContext): LinksRepo {
  const { links } = ctx.tables;
  return {
    async forConnection(connectionId) {
      const rows = await ctx.db
        .select()
        .from(links)
        .where(eq(links.connectionId, connectionId))
        .orderBy(asc(links.employeeNumber));
      return rows.map(toLink);
    },
    async get(connectionId, key) {
      const match =
        'employeeNumber' in key ? eq(links.employeeNumber, key.employeeNumber) : eq(links.userId, key.userId);
      const [row] = await ctx.db
        .select()
        .from(links)
        .where(and(eq(links.connectionId, connectionId), match));
      return row ? toLink(row) : null;
    },
    async upsertMany(connectionId, input) {
      // Parse before the transaction: a bad value refuses the whole batch and writes nothing.
      const values = input.map((link) => ({
        connectionId,
        employeeNumber: link.employeeNumber,
        userId: link.userId,
        lastWritten: JSON.stringify(lastWrittenSchema.parse(link.lastWritten)),
        leaveDateSetBySync:
          link.leaveDateSetBySync === null ? null : isoDateSchema.parse(link.leaveDateSetBySync),
      }));
      await ctx.transaction(
        async () => {
          const updatedAt = ctx.now();
          for (const value of values) {
            await ctx.db
              .delete(links)
              .where(
                and(
                  eq(links.connectionId, connectionId),
                  eq(links.userId, value.userId),
                  ne(links.employeeNumber, value.employeeNumber),
                ),
              );
            await ctx.db
              .insert(links)
              .values({ ...value, updatedAt })
              .onConflictDoUpdate({
                target: [links.connectionId, links.employeeNumber],
                set: {
                  userId: value.userId,
                  lastWritten: value.lastWritten,
                  leaveDateSetBySync: value.leaveDateSetBySync,
                  updatedAt,
                },
              });
          }
        },
        { connectionId },
      );
    },
    async recordLeaveDateOwner(connectionId, owner) {
      const leaveDateSetBySync = owner.leaveDate === null ? null : isoDateSchema.parse(owner.leaveDate);
      const updatedAt = ctx.now();
      await ctx.db
        .insert(links)
        .values({
          connectionId,
          employeeNumber: owner.employeeNumber,
          userId: owner.userId,
          lastWritten: '{}',
          leaveDateSetBySync,
          updatedAt,
        })
        .onConflictDoUpdate({
          target: [links.connectionId, links.employeeNumber],
          set: { userId: owner.userId, leaveDateSetBySync, updatedAt },
        });
    },
    async remove(connectionId, employeeNumber) {
      const removed = await ctx.db
        .delete(links)
        .where(and(eq(links.connectionId, connectionId), eq(links.employeeNumber, employeeNumber)))
        .returning({ userId: links.userId });
      return removed.length > 0;
    },
  };
}

function toLink(row: Row): Link {
  return {
    employeeNumber: row.employeeNumber,
    userId: row.userId,
    lastWritten: lastWrittenSchema.parse(JSON.parse(row.lastWritten)),
    leaveDateSetBySync: row.leaveDateSetBySync === null ? null : isoDateSchema.parse(row.leaveDateSetBySync),
  };
}
