import {
  type ActionKind,
  actionKindSchema,
  type FieldChange,
  fieldChangeSchema,
  type Outcome,
  type OutcomeCode,
  outcomeCodeSchema,
  type RuleId,
  type RunTrigger,
  ruleIdSchema,
  runItemResultSchema,
  type Severity,
  type Subject,
  severitySchema,
} from '@staffsync/shared';
import { and, count, desc, eq, inArray, max, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import {
  type Page,
  type PageRequest,
  pageBounds,
  type StoreContext,
  StoreNotFoundError,
  type StoreTables,
} from './store-context.ts';

export type ActionResult = 'planned' | 'applied' | 'failed' | 'held';
export type RunItemResult = ActionResult | 'recorded';
export type RunItemKind = 'action' | 'outcome';

/** One row of a run's record: an action and its result, or an outcome (STYLE.md 4). */
export interface RunItem {
  id: number;
  runId: number;
  seq: number;
  kind: RunItemKind;
  rule: RuleId | null;
  code: OutcomeCode | null;
  severity: Severity | null;
  actionKind: ActionKind | null;
  subject: Subject;
  message: string;
  /** Bank details masked (sync-model.ts FieldChange). */
  changes: FieldChange[];
  details: Record<string, unknown>;
  result: RunItemResult;
  error: string | null;
  at: string;
}

export type RunItemInput =
  | { kind: 'outcome'; outcome: Outcome; at?: string }
  | {
      kind: 'action';
      actionKind: ActionKind;
      rule: RuleId;
      subject: Subject;
      changes: readonly FieldChange[];
      message: string;
      result: ActionResult;
      error?: string | null;
      at?: string;
    };

type OneOrMany<T> = T | T[];

export interface RunItemFilter extends PageRequest {
  kind?: OneOrMany<RunItemKind>;
  severity?: OneOrMany<Severity>;
  code?: OneOrMany<OutcomeCode>;
  rule?: OneOrMany<RuleId>;
  result?: OneOrMany<RunItemResult>;
}

/** A run item with the run it belongs to, for a user's history across runs. */
export interface UserRunItem extends RunItem {
  run: { trigger: RunTrigger; dryRun: boolean; startedAt: string };
}

export interface RunItemsRepo {
  /** Appends items in order, numbering them after the run's last item. */
  add(runId: number, items: RunItemInput[]): Promise<void>;
  /** In `seq` order. */
  list(runId: number, filter?: RunItemFilter): Promise<Page<RunItem>>;
  /** Every item of a run that passes `filter`, in `seq` order, unpaged: for reading a run's whole record. */
  all(runId: number, filter?: Omit<RunItemFilter, keyof PageRequest>): Promise<RunItem[]>;
  /**
   * The items of these runs about these employees or users (or, for `alsoCodes`, of these codes whoever they are
   * about), in run then `seq` order: a page of Users list badges reads its rows' items only, through the indexes.
   */
  forSubjects(
    runIds: number[],
    who: { employeeNumbers: string[]; userIds: number[]; alsoCodes?: OutcomeCode[] },
  ): Promise<RunItem[]>;
  /** A user's items across runs, newest first; dry runs left out unless asked for. */
  forUser(
    connectionId: number,
    who: { userId: number } | { employeeNumber: string },
    options?: { limit?: number; includeDryRuns?: boolean },
  ): Promise<UserRunItem[]>;
}

const changesSchema = z.array(fieldChangeSchema);
const detailsSchema = z.record(z.string(), z.unknown());

type Row = StoreTables['runItems']['$inferSelect'];
/**
 * Rows per INSERT: 21 columns each stays far below SQLite's 32,766 and PostgreSQL's 65,535 bound variables per
 * statement.
 */
const rowsPerInsert = 500;
type Insert = StoreTables['runItems']['$inferInsert'];

export function createRunItemsRepo(ctx: StoreContext): RunItemsRepo {
  const { runItems, runs } = ctx.tables;

  function itemsOf(runId: number, filter: RunItemFilter): SQL | undefined {
    return and(
      eq(runItems.runId, runId),
      oneOf(runItems.kind, filter.kind),
      oneOf(runItems.severity, filter.severity),
      oneOf(runItems.code, filter.code),
      oneOf(runItems.rule, filter.rule),
      oneOf(runItems.result, filter.result),
    );
  }

  return {
    async add(runId, items) {
      const rows = items.map((item) => toInsert(item, ctx.now()));
      return ctx.transaction(
        async () => {
          const [run] = await ctx.db
            .select({ connectionId: runs.connectionId })
            .from(runs)
            .where(eq(runs.id, runId));
          if (!run) throw new StoreNotFoundError('run', runId);
          if (rows.length === 0) return;
          const [last] = await ctx.db
            .select({ seq: max(runItems.seq) })
            .from(runItems)
            .where(eq(runItems.runId, runId));
          const numbered = rows.map((row, index) => ({
            ...row,
            runId,
            connectionId: run.connectionId,
            seq: (last?.seq ?? 0) + index + 1,
          }));
          // Many rows per statement: a run records an outcome per employee, and one statement each was most of a
          // no-change run's time (and a round trip each on PostgreSQL). Nothing is read back: no caller needs the
          // rows, and reading 10,000 back was a fifth of a no-change run's apply phase.
          for (let at = 0; at < numbered.length; at += rowsPerInsert) {
            await ctx.db.insert(runItems).values(numbered.slice(at, at + rowsPerInsert));
          }
        },
        { runId },
      );
    },
    async list(runId, filter = {}) {
      const { limit, offset } = pageBounds(filter);
      const where = itemsOf(runId, filter);
      const rows = await ctx.db
        .select()
        .from(runItems)
        .where(where)
        .orderBy(runItems.seq)
        .limit(limit)
        .offset(offset);
      const [total] = await ctx.db.select({ n: count() }).from(runItems).where(where);
      return { items: rows.map(toRunItem), total: total?.n ?? 0, limit, offset };
    },
    async all(runId, filter = {}) {
      const rows = await ctx.db.select().from(runItems).where(itemsOf(runId, filter)).orderBy(runItems.seq);
      return rows.map(toRunItem);
    },
    async forSubjects(runIds, who) {
      if (runIds.length === 0) return [];
      const about = [
        who.employeeNumbers.length > 0 ? inArray(runItems.employeeNumber, who.employeeNumbers) : undefined,
        who.userIds.length > 0 ? inArray(runItems.userId, who.userIds) : undefined,
        who.alsoCodes && who.alsoCodes.length > 0 ? inArray(runItems.code, who.alsoCodes) : undefined,
      ].filter((clause): clause is SQL => clause !== undefined);
      if (about.length === 0) return [];
      const rows = await ctx.db
        .select()
        .from(runItems)
        .where(and(inArray(runItems.runId, runIds), or(...about)))
        .orderBy(runItems.runId, runItems.seq);
      return rows.map(toRunItem);
    },
    async forUser(connectionId, who, options = {}) {
      const { limit } = pageBounds({ limit: options.limit });
      const match =
        'userId' in who ? eq(runItems.userId, who.userId) : eq(runItems.employeeNumber, who.employeeNumber);
      const rows = await ctx.db
        .select({ item: runItems, trigger: runs.trigger, dryRun: runs.dryRun, startedAt: runs.startedAt })
        .from(runItems)
        .innerJoin(runs, eq(runs.id, runItems.runId))
        .where(
          and(
            eq(runItems.connectionId, connectionId),
            match,
            options.includeDryRuns ? undefined : eq(runs.dryRun, false),
          ),
        )
        .orderBy(desc(runItems.runId), desc(runItems.seq))
        .limit(limit);
      return rows.map(({ item, trigger, dryRun, startedAt }) => ({
        ...toRunItem(item),
        run: { trigger, dryRun, startedAt },
      }));
    },
  };
}

function oneOf<T extends string>(
  column: Parameters<typeof eq>[0],
  value: OneOrMany<T> | undefined,
): SQL | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? inArray(column, value) : eq(column, value);
}

function toInsert(item: RunItemInput, now: string): Omit<Insert, 'runId' | 'connectionId' | 'seq'> {
  if (item.kind === 'outcome') {
    const { outcome } = item;
    return {
      kind: 'outcome',
      rule: outcome.rule,
      code: outcome.code,
      severity: outcome.severity,
      actionKind: null,
      ...subjectColumns(outcome.subject),
      message: outcome.message,
      changes: '[]',
      details: JSON.stringify(detailsSchema.parse(outcome.details)),
      result: 'recorded',
      error: null,
      at: item.at ?? now,
    };
  }
  return {
    kind: 'action',
    rule: item.rule,
    code: null,
    severity: null,
    actionKind: item.actionKind,
    ...subjectColumns(item.subject),
    message: item.message,
    changes: JSON.stringify(checkMasked(changesSchema.parse(item.changes))),
    details: '{}',
    result: item.result,
    error: item.error ?? null,
    at: item.at ?? now,
  };
}

function subjectColumns(subject: Subject) {
  return {
    employeeNumber: subject.employeeNumber,
    userId: subject.userId,
    sourceId: subject.sourceId,
    subjectName: subject.name,
  };
}

/** The masked form maskBank (sync/normalise.ts) gives: the account name, six dots, the last 2 digits. */
const maskedBank = /^(.*) ••••••\d{0,2}$/su;

/**
 * PRODUCT.md 4.2: at most the last 2 digits of an account number leave the vault. A bank change that is not in the
 * masked form, or whose account name part holds a sort code or account number (6 or more digits, dashes and spaces
 * ignored), is refused rather than stored. Digits in an account name ("Flat 123 Trust") are fine.
 */
function checkMasked(changes: readonly FieldChange[]): readonly FieldChange[] {
  for (const change of changes) {
    if (change.field !== 'bankDetails') continue;
    for (const value of [change.before, change.after]) {
      if (value === null) continue;
      const name = typeof value === 'string' ? maskedBank.exec(value)?.[1] : undefined;
      if (name === undefined || /\d{6}/.test(name.replace(/[\s-]/g, ''))) {
        throw new Error('refusing to store bank details that are not masked (PRODUCT.md 4.2)');
      }
    }
  }
  return changes;
}

function toRunItem(row: Row): RunItem {
  return {
    id: row.id,
    runId: row.runId,
    seq: row.seq,
    kind: row.kind,
    rule: row.rule === null ? null : ruleIdSchema.parse(row.rule),
    code: row.code === null ? null : outcomeCodeSchema.parse(row.code),
    severity: row.severity === null ? null : severitySchema.parse(row.severity),
    actionKind: row.actionKind === null ? null : actionKindSchema.parse(row.actionKind),
    subject: {
      employeeNumber: row.employeeNumber,
      userId: row.userId,
      sourceId: row.sourceId,
      name: row.subjectName,
    },
    message: row.message,
    changes: changesSchema.parse(JSON.parse(row.changes)),
    details: detailsSchema.parse(JSON.parse(row.details)),
    result: runItemResultSchema.parse(row.result),
    error: row.error,
    at: row.at,
  };
}
