import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';

// The PostgreSQL twin of schema.ts: the same tables, columns, indexes and row types (schema-parity.test.ts), so the
// repositories run unchanged on either (store-context.ts). Migrations: drizzle-pg/, made by drizzle-kit from this
// file (drizzle-pg.config.ts). Timestamps stay ISO-8601 text and JSON stays text, as in SQLite: one format for both,
// and a fixed-width text sorts and compares as the time it holds.

/** Key/value facts about the database itself, e.g. a check value that proves the secret key is the right one. */
export const storeMeta = pgTable('store_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const connections = pgTable('connections', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: text('name').notNull(),
  staffologyBaseUrl: text('staffology_base_url').notNull(),
  staffologyEmployerId: text('staffology_employer_id').notNull(),
  /** AES-256-GCM ciphertext (PRODUCT.md 4.2: secrets are encrypted at rest). */
  staffologyKeyEnc: text('staffology_key_enc').notNull(),
  expenseinBaseUrl: text('expensein_base_url').notNull(),
  expenseinKeyEnc: text('expensein_key_enc').notNull(),
  includeBankDetails: boolean('include_bank_details').notNull().default(false),
  leaverGuardPercent: integer('leaver_guard_percent').notNull().default(20),
  leaverGuardMin: integer('leaver_guard_min').notNull().default(5),
  alertWebhookUrl: text('alert_webhook_url'),
  /** Interval runs besides the 04:00 one (issue "One run engine", 5); null: STAFFSYNC_SYNC_EVERY, or none. */
  syncEveryMinutes: integer('sync_every_minutes'),
  source: text('source', { enum: ['env', 'api'] }).notNull(),
  status: text('status', { enum: ['connected', 'disconnected'] }).notNull(),
  createdAt: text('created_at').notNull(),
  connectedAt: text('connected_at').notNull(),
  reconnectedAt: text('reconnected_at'),
  disconnectedAt: text('disconnected_at'),
  /** The 04:00 UTC slot last run, so a slot missed while the server was down is run once at start. */
  lastScheduledRunAt: text('last_scheduled_run_at'),
  /**
   * JSON number[]: some ExpenseIn user ids the connection last read (the lowest, which change least), so new keys
   * can be checked to read the same account even before any user is linked (PRODUCT.md 4.3).
   */
  expenseinUserSample: text('expensein_user_sample').notNull().default('[]'),
});

export const links = pgTable(
  'links',
  {
    connectionId: integer('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    employeeNumber: text('employee_number').notNull(),
    userId: integer('user_id').notNull(),
    /** JSON LastWritten; bank details only as a keyed hash. */
    lastWritten: text('last_written').notNull(),
    leaveDateSetBySync: text('leave_date_set_by_sync'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.connectionId, t.employeeNumber] }),
    uniqueIndex('links_connection_user').on(t.connectionId, t.userId),
  ],
);

export const runs = pgTable(
  'runs',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    connectionId: integer('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    trigger: text('trigger', {
      enum: ['connect', 'reconnect', 'schedule', 'manual', 'single-user', 'approval', 'retry', 'interval'],
    }).notNull(),
    status: text('status', { enum: ['running', 'succeeded', 'partial', 'held', 'failed'] }).notNull(),
    dryRun: boolean('dry_run').notNull(),
    requestedBy: text('requested_by'),
    /** JSON Record<string, number>. */
    counts: text('counts').notNull().default('{}'),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at'),
    error: text('error'),
    /** Lease: a `running` run whose heartbeat is older than the lease was left by a killed process. */
    heartbeatAt: text('heartbeat_at').notNull(),
    /**
     * The process that owns a running run: a run whose owner on this host has died (kill -9) is abandoned at
     * once, instead of blocking the connection until its lease runs out.
     */
    ownerPid: integer('owner_pid'),
    ownerHost: text('owner_host'),
  },
  (t) => [
    // PRODUCT.md 4.2: one run at a time per connection, enforced by the database across processes.
    uniqueIndex('runs_one_running_per_connection').on(t.connectionId).where(sql`status = 'running'`),
    index('runs_connection_id').on(t.connectionId, t.id),
    index('runs_started_at').on(t.startedAt),
  ],
);

export const runItems = pgTable(
  'run_items',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    runId: integer('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    /** Copied from the run so that a user's history is one indexed lookup. */
    connectionId: integer('connection_id').notNull(),
    seq: integer('seq').notNull(),
    kind: text('kind', { enum: ['action', 'outcome'] }).notNull(),
    rule: text('rule'),
    code: text('code'),
    severity: text('severity'),
    actionKind: text('action_kind'),
    employeeNumber: text('employee_number'),
    userId: integer('user_id'),
    sourceId: text('source_id'),
    subjectName: text('subject_name'),
    message: text('message').notNull(),
    /** JSON FieldChange[]; bank details masked. */
    changes: text('changes').notNull().default('[]'),
    /** JSON Outcome.details. */
    details: text('details').notNull().default('{}'),
    result: text('result', { enum: ['planned', 'applied', 'failed', 'held', 'recorded'] }).notNull(),
    error: text('error'),
    at: text('at').notNull(),
  },
  (t) => [
    uniqueIndex('run_items_run_seq').on(t.runId, t.seq),
    index('run_items_connection_employee').on(t.connectionId, t.employeeNumber),
    index('run_items_connection_user').on(t.connectionId, t.userId),
  ],
);

export const createIntents = pgTable(
  'create_intents',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    connectionId: integer('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    employeeNumber: text('employee_number').notNull(),
    runId: integer('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    state: text('state', { enum: ['pending', 'done', 'failed'] }).notNull(),
    userId: integer('user_id'),
    error: text('error'),
    createdAt: text('created_at').notNull(),
    settledAt: text('settled_at'),
  },
  (t) => [
    // PRODUCT.md 4.2: never a second user for one employee; an unsettled create must be reconciled first.
    uniqueIndex('create_intents_one_pending')
      .on(t.connectionId, t.employeeNumber)
      .where(sql`state = 'pending'`),
  ],
);

export const heldLeavers = pgTable(
  'held_leavers',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    connectionId: integer('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    runId: integer('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    employeeNumber: text('employee_number').notNull(),
    userId: integer('user_id').notNull(),
    subjectName: text('subject_name'),
    leaveDate: text('leave_date').notNull(),
    /** The leave date HR gave (null: none, and the run's day was held): what a rejection is remembered by (R17). */
    hrLeaveDate: text('hr_leave_date'),
    /** released: HR no longer said so when it was approved, or a later run no longer held it. */
    status: text('status', { enum: ['pending', 'approved', 'rejected', 'released'] }).notNull(),
    createdAt: text('created_at').notNull(),
    decidedAt: text('decided_at'),
    decidedBy: text('decided_by'),
  },
  (t) => [
    // A later run that holds the same leaver again refreshes the pending row instead of adding a second one.
    uniqueIndex('held_leavers_one_pending')
      .on(t.connectionId, t.employeeNumber)
      .where(sql`status = 'pending'`),
    index('held_leavers_run').on(t.runId),
  ],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    name: text('name').notNull(),
    /** sha256 of the token, hex (PRODUCT.md 4.3: stored hashed). The token itself is never stored. */
    hash: text('hash').notNull(),
    /** PRODUCT.md 4.3: viewer, operator or owner. */
    role: text('role', { enum: ['viewer', 'operator', 'owner'] })
      .notNull()
      .default('operator'),
    createdAt: text('created_at').notNull(),
    /** After this the token is refused (401); null only for tokens that never expire. */
    expiresAt: text('expires_at'),
    lastUsedAt: text('last_used_at'),
    revokedAt: text('revoked_at'),
  },
  (t) => [
    uniqueIndex('api_tokens_hash').on(t.hash),
    uniqueIndex('api_tokens_active_name').on(t.name).where(sql`revoked_at IS NULL`),
  ],
);
