import type {
  BankDetailsEvent,
  EiBank,
  ExpenseInAccountState,
  ExpenseInApiKey,
  ExpenseInDepartment,
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

/** Who made a change, as the Event Log records it (expensein.md 2.8). */
export type ChangedBy = 'api' | 'admin-ui';

export type ExpenseInSettings = ExpenseInAccountState['settings'];

/** A business-rule outcome: the value, or the HTTP status and body ExpenseIn answers with. */
export type StoreResult<T> =
  | { ok: true; value: T }
  | { ok: false; status: 400 | 404 | 409; body: ExpenseInErrorBody };

/** One ExpenseIn account's data and business rules, independent of HTTP; every value in or out is a copy. */
export interface ExpenseInAccount {
  accountName(): string;
  /** This account's key with that value, if it has one. */
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
  snapshot(): ExpenseInAccountState;
}

export interface ExpenseInAccountDeps {
  now: () => Date;
  /** The next user id of the sequence every account of the simulator shares. */
  nextUserId: () => number;
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

/**
 * User ids by a value several users may share (a scenario may load legacy duplicates, R4), so that the uniqueness
 * rules cost one lookup per write instead of a scan of every user: a 50,000-user account stays fast.
 */
class IdsByValue {
  private readonly ids = new Map<string, Set<number>>();

  add(value: string | null, id: number): void {
    if (value === null) return;
    const ids = this.ids.get(value);
    if (ids) ids.add(id);
    else this.ids.set(value, new Set([id]));
  }

  remove(value: string | null, id: number): void {
    if (value === null) return;
    const ids = this.ids.get(value);
    ids?.delete(id);
    if (ids?.size === 0) this.ids.delete(value);
  }

  /** Whether a user other than `id` holds the value. */
  heldByAnother(value: string | null, id: number): boolean {
    if (value === null) return false;
    const ids = this.ids.get(value);
    return ids !== undefined && (ids.size > 1 || !ids.has(id));
  }
}

/** `state` becomes the account's own (the caller hands over a copy). */
export function createExpenseInAccount(
  state: ExpenseInAccountState,
  deps: ExpenseInAccountDeps,
): ExpenseInAccount {
  const { now } = deps;
  const positions = new Map<number, number>();
  // Emails compare case-insensitively (expensein.md 1.4); references exactly.
  const byEmail = new IdsByValue();
  const byReference = new IdsByValue();
  const emailKey = (email: string) => email.toLowerCase();

  const index = (user: ExpenseInUserRecord, position: number) => {
    positions.set(user.id, position);
    byEmail.add(emailKey(user.email), user.id);
    byReference.add(user.reference, user.id);
  };
  state.users.forEach(index);

  const userAt = (id: number) => {
    const position = positions.get(id);
    return position === undefined ? undefined : state.users[position];
  };

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
    if (written.has('email') && byEmail.heldByAnother(emailKey(email), candidate.id)) {
      taken.email = ['Email is already in use by another user'];
    }
    if (referencesUnique && written.has('reference') && byReference.heldByAnother(reference, candidate.id)) {
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
    accountName: () => state.accountName,
    findApiKey: (key) => structuredClone(state.apiKeys.find((k) => k.key === key)),
    listUsers: () => structuredClone(state.users),
    getUser: (id) => structuredClone(userAt(id)),

    createUser(input, changedBy) {
      const parsed = userCreateSchema.safeParse(input);
      if (!parsed.success) return { ok: false, status: 400, body: validationErrors(parsed.error) };
      const data = parsed.data;
      const blank: ExpenseInUserRecord = {
        // Drawn only once the rules pass (below), so a refused create leaves no gap in the sequence.
        id: 0,
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
      user.id = deps.nextUserId();
      state.users.push(user);
      index(user, state.users.length - 1);
      if (user.bankDetails) logBankChange(user, changedBy);
      return { ok: true, value: structuredClone(user) };
    },

    updateUser(id, patch, changedBy) {
      const position = positions.get(id);
      const current = position === undefined ? undefined : state.users[position];
      if (position === undefined || !current) return fail(404, `User ${id} not found`);
      const parsed = userPatchSchema.safeParse(patch);
      if (!parsed.success) return { ok: false, status: 400, body: validationErrors(parsed.error) };
      const user = applyPatch(current, parsed.data);
      const broken = checkAccountRules(user, new Set(Object.keys(parsed.data)));
      if (broken) return broken;
      byEmail.remove(emailKey(current.email), id);
      byReference.remove(current.reference, id);
      state.users[position] = user;
      index(user, position);
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
    snapshot: () => structuredClone(state),
  };
}
