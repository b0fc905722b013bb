import { randomBytes } from 'node:crypto';
import { createExpenseInAccount, type ExpenseInAccount } from './expensein-account.ts';
import type { ExpenseInApiKey, ExpenseInState } from './types.ts';

export type { ChangedBy, ExpenseInSettings, StoreResult } from './expensein-account.ts';

/** Active, scheduled leaver (future leave date, yellow clock) or left (red clock): expensein.md 2.2. */
export type LeaverStatus = 'active' | 'scheduled' | 'left';

export interface ExpenseInStoreOptions {
  now?: () => Date;
}

/**
 * Every ExpenseIn account the simulator holds. As an `ExpenseInAccount` itself it is the default account (the
 * first), the one the admin web UI shows; an API key opens its own account through `accountForApiKey`.
 */
export interface ExpenseInStore extends ExpenseInAccount {
  /** The admin web UI's session cookie value (`ei_session`), random per store, kept across load and reset. */
  readonly adminSessionToken: string;
  now(): Date;
  /** Today's date (UTC, YYYY-MM-DD), the day leave dates are compared with. */
  today(): string;
  /** The account this key opens, with the key's permissions; undefined for a key no account has. */
  accountForApiKey(key: string): { account: ExpenseInAccount; apiKey: ExpenseInApiKey } | undefined;
  /** Every account, the default one first. */
  accounts(): ExpenseInAccount[];
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

interface Loaded {
  defaultAccount: ExpenseInAccount;
  accounts: ExpenseInAccount[];
  byApiKey: Map<string, ExpenseInAccount>;
}

export function createExpenseInStore(
  initial: ExpenseInState,
  options: ExpenseInStoreOptions = {},
): ExpenseInStore {
  const now = options.now ?? (() => new Date());
  const pristine = structuredClone(initial);
  const adminSessionToken = randomBytes(24).toString('hex');
  const today = () => now().toISOString().slice(0, 10);

  // One sequence for every account, as one multi-tenant database gives: a user id names one user anywhere.
  let nextUserId = 1;
  const build = (state: ExpenseInState): Loaded => {
    const { otherAccounts = [], ...first } = structuredClone(state);
    const states = [first, ...otherAccounts];
    nextUserId = 1;
    for (const account of states) {
      for (const user of account.users) nextUserId = Math.max(nextUserId, user.id + 1);
    }
    const deps = { now, nextUserId: () => nextUserId++ };
    const byApiKey = new Map<string, ExpenseInAccount>();
    const accounts = states.map((accountState) => {
      const account = createExpenseInAccount(accountState, deps);
      for (const { key } of accountState.apiKeys) byApiKey.set(key, account);
      return account;
    });
    const [defaultAccount] = accounts;
    if (!defaultAccount) throw new Error('the simulator holds at least its default account');
    return { defaultAccount, accounts, byApiKey };
  };
  let loaded = build(initial);
  const defaultAccount = () => loaded.defaultAccount;

  return {
    adminSessionToken,
    now,
    today,
    accountName: () => defaultAccount().accountName(),
    findApiKey: (key) => defaultAccount().findApiKey(key),
    listUsers: () => defaultAccount().listUsers(),
    getUser: (id) => defaultAccount().getUser(id),
    createUser: (input, changedBy) => defaultAccount().createUser(input, changedBy),
    updateUser: (id, patch, changedBy) => defaultAccount().updateUser(id, patch, changedBy),
    listDepartments: () => defaultAccount().listDepartments(),
    getSettings: () => defaultAccount().getSettings(),
    updateSettings: (patch) => defaultAccount().updateSettings(patch),
    eventLog: () => defaultAccount().eventLog(),

    accountForApiKey(key) {
      const account = loaded.byApiKey.get(key);
      const apiKey = account?.findApiKey(key);
      return account && apiKey ? { account, apiKey } : undefined;
    },
    accounts: () => [...loaded.accounts],
    leaverStatus: (user, day = today()) => leaverStatus(user, day),

    load(next) {
      loaded = build(next);
    },
    reset() {
      loaded = build(pristine);
    },
    snapshot() {
      const others = loaded.accounts.slice(1).map((account) => account.snapshot());
      return { ...loaded.defaultAccount.snapshot(), ...(others.length > 0 ? { otherAccounts: others } : {}) };
    },
  };
}
