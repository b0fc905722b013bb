import { randomBytes } from 'node:crypto';
import type {
  BankDetailsEvent,
  EiBank,
  ExpenseInApiKey,
  ExpenseInDepartment,
  ExpenseInState,
  ExpenseInUserRecord,
} from './types.ts';
import {
  EXPENSEIN_USER_SETTING_KEYS,
  type ExpenseInErrorBody,
  settingsPatchSchema,
  type UserPatchInput,
  userCreateSchema,
  userPatchSchema,
  validationErrors,
} from './user-input-schemas.ts';

/** Active, scheduled leaver (future leave date, yellow clock) or left (red clock): expensein.md 2.2. */
export type LeaverStatus = 'active' | 'scheduled' | 'left';

/** Who made a change, as the Event Log records it (expensein.md 2.8). */
export type ChangedBy = 'api' | 'admin-ui';

export type ExpenseInSettings = ExpenseInState['settings'];

/** A business-rule outcome: the value, or the HTTP status and body ExpenseIn answers with. */
export type StoreResult<T> =
  | { ok: true; value: T }
  | { ok: false; status: 400 | 404 | 409; body: ExpenseInErrorBody };

export interface ExpenseInStoreOptions {
  now?: () => Date;
}

/** ExpenseIn's state and business rules, independent of HTTP; every value in or out is a copy. */
export interface ExpenseInStore {
  /** The admin web UI's session cookie value (`ei_session`), random per store, kept across load and reset. */
  readonly adminSessionToken: string;
  now(): Date;
  /** Today's date (UTC, YYYY-MM-DD), the day leave dates are compared with. */
  today(): string;
  accountName(): string;
  findApiKey(key: string): ExpenseInApiKey | undefined;
  listUsers(): ExpenseInUserRecord[];
  getUser(id: number): ExpenseInUserRecord | undefined;
  /** Validates `input` (a User without id) and applies the uniqueness rules (expensein.md 1.4). */
  createUser(input: unknown, changedBy: ChangedBy): StoreResult<ExpenseInUserRecord>;
  /** Applies only the fields present in `patch`. */
  updateUser(id: number, patch: unknown, changedBy: ChangedBy): StoreResult<ExpenseInUserRecord>;
  listDepartments(): ExpenseInDepartment[];
  getSettings(): ExpenseInSettings;
  updateSettings(patch: unknown): StoreResult<ExpenseInSettings>;
  /** Bank-detail changes, oldest first. */
  eventLog(): BankDetailsEvent[];
  /** `leaverStatus(user, today)` with today's date by default. */
  leaverStatus(user: { leaveDate: string | null }, today?: string): LeaverStatus;
  load(state: ExpenseInState): void;
  reset(): void;
  snapshot(): ExpenseInState;
}

/** A future leave date makes a scheduled leaver; one on or before today, a user who has left (expensein.md 2.2). */
export function leaverStatus(user: { leaveDate: string | null }, today: string | Date): LeaverStatus {
  if (user.leaveDate === null) return 'active';
  const day = typeof today === 'string' ? today : today.toISOString().slice(0, 10);
  return user.leaveDate > day ? 'scheduled' : 'left';
}

/** Default Settings tab: every box unticked [G: the account's New Users defaults are not modelled]. */
function defaultUserSettings(): Record<string, boolean> {
  return Object.fromEntries(EXPENSEIN_USER_SETTING_KEYS.map((key) => [key, false]));
}

function sameBank(a: EiBank | null, b: EiBank | null): boolean {
  if (a === null || b === null) return a === b;
  return a.accountName === b.accountName && a.sortCode === b.sortCode && a.accountNumber === b.accountNumber;
}

function fail(status: 400 | 404 | 409, message: string, errors: Record<string, string[]> = {}) {
  return { ok: false as const, status, body: { message, errors } };
}

export function createExpenseInStore(
  initial: ExpenseInState,
  options: ExpenseInStoreOptions = {},
): ExpenseInStore {
  const now = options.now ?? (() => new Date());
  const pristine = structuredClone(initial);
  let state = structuredClone(initial);
  const adminSessionToken = randomBytes(24).toString('hex');
  const today = () => now().toISOString().slice(0, 10);

  function logBankChange(user: ExpenseInUserRecord, changedBy: ChangedBy) {
    // Only the last 4 digits: the Event Log is downloadable by finance admins (expensein.md 2.8).
    state.eventLog.push({
      at: now().toISOString(),
      userId: user.id,
      accountNumberEnding: user.bankDetails ? user.bankDetails.accountNumber.slice(-4) : null,
      changedBy,
    });
  }

  /**
   * The rules that need the rest of the account: department exists, and (expensein.md 1.4) email unique
   * case-insensitively, reference required and unique while "User references must be unique" is on.
   * Only the fields being written are checked, so an old inconsistency never blocks an unrelated edit.
   */
  function checkAccountRules(candidate: ExpenseInUserRecord, written: ReadonlySet<string>) {
    const invalid: Record<string, string[]> = {};
    const { departmentId, reference, email } = candidate;
    if (written.has('departmentId') && departmentId !== null) {
      if (!state.departments.some((d) => d.id === departmentId))
        invalid.departmentId = ['Department not found'];
    }
    const referencesUnique = state.settings.userReferencesMustBeUnique;
    if (referencesUnique && written.has('reference') && reference === null) {
      invalid.reference = ['Reference is required while "User references must be unique" is on'];
    }
    if (Object.keys(invalid).length > 0) return fail(400, 'The request is invalid', invalid);

    const taken: Record<string, string[]> = {};
    const others = state.users.filter((u) => u.id !== candidate.id);
    if (written.has('email') && others.some((u) => u.email.toLowerCase() === email.toLowerCase())) {
      taken.email = ['Email is already in use by another user'];
    }
    if (referencesUnique && written.has('reference') && others.some((u) => u.reference === reference)) {
      taken.reference = ['User reference must be unique'];
    }
    if (Object.keys(taken).length > 0) return fail(409, 'A unique value is already taken', taken);
    return null;
  }

  function applyPatch(user: ExpenseInUserRecord, patch: UserPatchInput): ExpenseInUserRecord {
    const { id: _id, settings, ...fields } = patch;
    const next: ExpenseInUserRecord = { ...user };
    for (const [key, value] of Object.entries(fields)) {
      if (value !== undefined) Object.assign(next, { [key]: value });
    }
    // Settings are a map of flags: a patch changes the flags it names and keeps the others.
    if (settings) next.settings = { ...user.settings, ...settings };
    return next;
  }

  return {
    adminSessionToken,
    now,
    today,
    accountName: () => state.accountName,
    findApiKey: (key) => structuredClone(state.apiKeys.find((k) => k.key === key)),
    listUsers: () => structuredClone(state.users),
    getUser: (id) => structuredClone(state.users.find((u) => u.id === id)),

    createUser(input, changedBy) {
      const parsed = userCreateSchema.safeParse(input);
      if (!parsed.success) return { ok: false, status: 400, body: validationErrors(parsed.error) };
      const data = parsed.data;
      const blank: ExpenseInUserRecord = {
        id: state.users.reduce((max, u) => Math.max(max, u.id), 0) + 1,
        firstName: data.firstName,
        lastName: data.lastName,
        email: data.email,
        reference: null,
        departmentId: null,
        leaveDate: null,
        bankDetails: null,
        // Users created through the API are never invited and get no policy or approval flow (expensein.md 2.1, row 10).
        inviteStatus: 'NotInvited',
        expensePolicyId: null,
        approvalFlowId: null,
        statementIdentifier: null,
        // [G] every ExpenseIn user can at least claim expenses.
        permissions: ['Add and Submit Expenses'],
        settings: defaultUserSettings(),
        outOfOffice: { enabled: false, onlyDuringPeriod: false, start: null, end: null },
      };
      const user = applyPatch(blank, data);
      const broken = checkAccountRules(user, new Set([...Object.keys(data), 'reference', 'email']));
      if (broken) return broken;
      state.users.push(user);
      if (user.bankDetails) logBankChange(user, changedBy);
      return { ok: true, value: structuredClone(user) };
    },

    updateUser(id, patch, changedBy) {
      const index = state.users.findIndex((u) => u.id === id);
      const current = state.users[index];
      if (!current) return fail(404, `User ${id} not found`);
      const parsed = userPatchSchema.safeParse(patch);
      if (!parsed.success) return { ok: false, status: 400, body: validationErrors(parsed.error) };
      const user = applyPatch(current, parsed.data);
      const broken = checkAccountRules(user, new Set(Object.keys(parsed.data)));
      if (broken) return broken;
      state.users[index] = user;
      if (!sameBank(current.bankDetails, user.bankDetails)) logBankChange(user, changedBy);
      return { ok: true, value: structuredClone(user) };
    },

    listDepartments: () => structuredClone(state.departments),
    getSettings: () => structuredClone(state.settings),

    updateSettings(patch) {
      const parsed = settingsPatchSchema.safeParse(patch);
      if (!parsed.success) return { ok: false, status: 400, body: validationErrors(parsed.error) };
      // Turning uniqueness on is not refused when the account already breaks it: R4 needs such accounts, and
      // what ExpenseIn does then is undocumented (expensein.md 1.4); the rule applies to later writes.
      state.settings = { ...state.settings, ...parsed.data };
      return { ok: true, value: structuredClone(state.settings) };
    },

    eventLog: () => structuredClone(state.eventLog),
    leaverStatus: (user, day = today()) => leaverStatus(user, day),

    load(next) {
      state = structuredClone(next);
    },
    reset() {
      state = structuredClone(pristine);
    },
    snapshot: () => structuredClone(state),
  };
}
