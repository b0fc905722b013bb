/**
 * The ExpenseIn simulator's state. The API shape is PRODUCT.md 3.2; the extra fields are those the admin web
 * UI shows (expensein.md section 3), kept so the Edit User pop-up has something real behind every tab.
 */
export interface EiBank {
  accountName: string;
  sortCode: string;
  accountNumber: string;
}

export interface ExpenseInUserRecord {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  reference: string | null;
  departmentId: number | null;
  leaveDate: string | null; // YYYY-MM-DD
  bankDetails: EiBank | null;
  inviteStatus: 'NotInvited' | 'Invited' | 'Active';
  expensePolicyId: number | null;
  approvalFlowId: number | null;
  // UI-only fields (Edit User pop-up tabs)
  statementIdentifier: string | null;
  permissions: string[];
  settings: Record<string, boolean>;
  outOfOffice: { enabled: boolean; onlyDuringPeriod: boolean; start: string | null; end: string | null };
}

export interface ExpenseInDepartment {
  id: number;
  name: string;
  reference: string | null;
}

export interface ExpenseInApiKey {
  key: string;
  /** ExpenseIn key permissions reuse user permission names (expensein.md 1.2). */
  permissions: string[];
}

/** ExpenseIn's Event Log: every bank-detail change, with who made it (expensein.md 1.6, 2.8). */
export interface BankDetailsEvent {
  at: string; // ISO timestamp
  userId: number;
  /** Only the last 4 digits, as a log a finance admin could download would show. */
  accountNumberEnding: string | null;
  changedBy: string; // "api" (an API key) or "admin-ui" (the admin web UI session)
}

/** One ExpenseIn account (one customer): its API keys, settings, departments, users and Event Log. */
export interface ExpenseInAccountState {
  /** Each key opens this account only; a key belongs to one account. */
  apiKeys: ExpenseInApiKey[];
  settings: { userReferencesMustBeUnique: boolean };
  departments: ExpenseInDepartment[];
  users: ExpenseInUserRecord[];
  eventLog: BankDetailsEvent[];
  /** The account shown in the admin UI header. */
  accountName: string;
}

/**
 * The simulator's state: the default account at the top level (the single-account shape every scenario and test
 * reads and loads, and the account the admin web UI shows) and, when it holds several, the others. User ids are
 * unique across all accounts, as one multi-tenant database's sequence makes them.
 */
export interface ExpenseInState extends ExpenseInAccountState {
  otherAccounts?: ExpenseInAccountState[];
}
