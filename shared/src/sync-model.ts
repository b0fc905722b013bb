import { z } from 'zod';
import type { outcomeSchema, subjectSchema } from './outcomes.ts';
import { ruleIdSchema } from './rules.ts';

/** A calendar date, `YYYY-MM-DD`. The planner is given today's date as one of these (no clock inside). */
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
export type IsoDate = z.infer<typeof isoDateSchema>;

export const bankDetailsSchema = z.object({
  accountName: z.string(),
  sortCode: z.string(),
  accountNumber: z.string(),
});
export type BankDetails = z.infer<typeof bankDetailsSchema>;

/**
 * An HR employee as the Staffology adapter maps it (PRODUCT.md 2 and 3.1). Strings are as HR holds them
 * (not yet trimmed): normalisation is the planner's job, so that it is tested in one place.
 */
export interface HrEmployee {
  sourceId: string;
  employeeNumber: string | null;
  knownAs: string | null;
  surname: string | null;
  workEmail: string | null;
  department: string | null;
  /** null when HR holds no complete bank details, or when Include Bank Details is off (never read then). */
  bank: BankDetails | null;
  isLeaver: boolean;
  leaveDate: IsoDate | null;
}

/** A vendor record that failed schema validation: it becomes that subject's `invalid_record` outcome. */
export interface InvalidRecord {
  vendor: 'staffology' | 'expensein';
  sourceId: string | null;
  employeeNumber: string | null;
  userId: number | null;
  reason: string;
}

/** An ExpenseIn user (PRODUCT.md 3.2). */
export interface EiUser {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  reference: string | null;
  departmentId: number | null;
  leaveDate: IsoDate | null;
  bankDetails: BankDetails | null;
  inviteStatus: 'NotInvited' | 'Invited' | 'Active';
  expensePolicyId: number | null;
  approvalFlowId: number | null;
}

export interface EiDepartment {
  id: number;
  name: string;
  reference: string | null;
}

/** The fields staffsync writes to an ExpenseIn user. */
export const syncedFields = [
  'firstName',
  'lastName',
  'email',
  'departmentId',
  'bankDetails',
  'leaveDate',
] as const;
export const syncedFieldSchema = z.enum(syncedFields);
export type SyncedField = z.infer<typeof syncedFieldSchema>;

/** Each synced field as ExpenseIn's Edit User window labels it (expensein.md 3), for messages and reports. */
export const syncedFieldLabels: Record<SyncedField, string> = {
  firstName: 'First Name',
  lastName: 'Last Name',
  email: 'Email',
  departmentId: 'Department',
  bankDetails: 'Bank Details',
  leaveDate: 'Leave Date',
};

/**
 * What the sync last wrote to a linked user, per field. Bank details only as a hash (never stored in clear).
 * `undefined` = never written by the sync.
 */
export interface LastWritten {
  firstName?: string;
  lastName?: string;
  email?: string;
  departmentId?: number | null;
  bankHash?: string;
  leaveDate?: IsoDate | null;
}

/** What the link table keeps about an employee besides the user id. */
export interface LinkState {
  employeeNumber: string;
  lastWritten: LastWritten;
  /** R14: only a leave date that staffsync set may be cleared on reinstatement. */
  leaveDateSetBySync: IsoDate | null;
}

/** The link table row: employee number <-> ExpenseIn user id. */
export interface Link extends LinkState {
  userId: number;
}

export interface SyncSettings {
  includeBankDetails: boolean;
  leaverGuardPercent: number;
  leaverGuardMin: number;
}
export const defaultSyncSettings: SyncSettings = {
  includeBankDetails: false,
  leaverGuardPercent: 20,
  leaverGuardMin: 5,
};

/**
 * A field change as shown to people and stored in run items. Bank details are never shown in clear: `before`
 * and `after` for `bankDetails` hold a masked form (account name and the last 2 digits of the account number).
 * `overwritten` (R16) is set when ExpenseIn's value was edited since the sync last wrote it: `before` is then
 * the value that is lost.
 */
export const fieldChangeSchema = z.object({
  field: syncedFieldSchema,
  rule: ruleIdSchema,
  before: z.union([z.string(), z.number(), z.null()]),
  after: z.union([z.string(), z.number(), z.null()]),
  overwritten: z.boolean(),
});
export type FieldChange = z.infer<typeof fieldChangeSchema>;

/** The values an action writes to ExpenseIn (bank details in clear: never stored or logged). */
export interface UserWrite {
  firstName?: string;
  lastName?: string;
  email?: string;
  reference?: string;
  departmentId?: number | null;
  leaveDate?: IsoDate | null;
  bankDetails?: BankDetails;
}

export const actionKindSchema = z.enum(['create', 'update', 'mark_leaver', 'reinstate']);
export type ActionKind = z.infer<typeof actionKindSchema>;

/** One write the applier will make, naming its rule. */
export type PlannedAction = CreateAction | ChangeAction;

/** What a create sends: every field it sets, the Reference (the Employee Number, R5) among them. */
export interface NewUserWrite extends UserWrite {
  firstName: string;
  lastName: string;
  email: string;
  reference: string;
}

/**
 * A new user (R10; R13 for a scheduled leaver). Its write is all there is to know: what it changes (each field from
 * nothing) and the link it leaves are derived from the write when asked (the planner's `changesOf` and `linkOf`),
 * not kept beside it. A first sync of 50,000 employees kept 27 MB of such copies.
 */
export interface CreateAction {
  kind: 'create';
  rule: z.infer<typeof ruleIdSchema>;
  subject: z.infer<typeof subjectSchema>;
  userId: null;
  write: NewUserWrite;
}

/** A write to a user that exists: each field's value before and after, and whether it overwrites an edit (R16). */
export interface ChangeAction {
  kind: Exclude<ActionKind, 'create'>;
  rule: z.infer<typeof ruleIdSchema>;
  subject: z.infer<typeof subjectSchema>;
  userId: number;
  write: UserWrite;
  changes: FieldChange[];
  /**
   * The link as it will be after the write succeeds. When the action writes bank details the applier adds their
   * hash, once they are written: a first sync hashing 50,000 sets of details while planning spent a third of the
   * planner's time on writes that might never happen.
   */
  link: LinkState;
  /** For a leaver: the leave date HR gave (null: none, so R12 took today), kept with a held leaver (R17). */
  hrLeaveDate?: IsoDate | null;
}

export interface Plan {
  actions: PlannedAction[];
  /** R17: leaver actions held for an administrator's approval. */
  held: ChangeAction[];
  outcomes: z.infer<typeof outcomeSchema>[];
  /** R18: the run makes no change and fails. */
  abort: { rule: 'R18'; code: 'source_empty'; message: string } | null;
  /**
   * Links to store even without a write (R5 matches on a first run, so later drift can be labelled): one for every
   * employee R5 links this run, action or not. Each records what the user already holds in agreement with HR, not
   * what an action has still to write, so it is right to store whether that action succeeds, fails or is held:
   * store these, then the link of each succeeded action (the planner's `linkOf`) over its employee's. Creates are
   * not here (no user id yet).
   */
  links: Link[];
}

export interface PlanInput {
  employees: HrEmployee[];
  invalidRecords: InvalidRecord[];
  users: EiUser[];
  departments: EiDepartment[];
  links: Link[];
  settings: SyncSettings;
  today: IsoDate;
  /**
   * Hashes bank details for the link table (never stored in clear). Injected so the planner stays pure and the
   * server can key it (HMAC with the connection's secret): an unkeyed hash of 8 digits is easy to reverse. Details
   * in any form: the same details written two ways hash the same.
   */
  hashBank: (bank: BankDetails) => string;
  /**
   * Guards that judge a whole run (R17, R18), on unless switched off: a run of a few employees (a resync, an
   * approval) is no export of the whole company, so neither an empty answer nor a wave of leavers can be told.
   */
  guards?: { sourceEmpty?: boolean; leaverGuard?: boolean };
  /**
   * R17: leave dates an administrator rejected, as HR gave them (null: HR gave none, and today was held); such a
   * leaver is neither marked nor held again until HR gives another date.
   */
  rejectedLeavers?: { employeeNumber: string; leaveDate: IsoDate | null }[];
  /**
   * R3 for a run that reads only some employees: numbers the last read of the whole employer found shared by
   * several employees (a one-employee read cannot see the others).
   */
  knownDuplicateNumbers?: string[];
}
