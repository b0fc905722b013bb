/** Fixed vocabularies of the Edit User pop-up, with the wording of ExpenseIn's help centre. */

/** The nine user permissions, in the order of expensein.md 1.2 (S10: the article says eight, lists nine). */
export const PERMISSIONS = [
  { name: 'Add and Submit Expenses', help: 'Can create and submit their own expenses.' },
  { name: 'Add and Submit Purchase Requests', help: 'Can raise purchase requests for approval.' },
  { name: 'Add and Submit Invoices', help: 'Can add supplier invoices and submit them for approval.' },
  { name: 'Finance User', help: 'Can process approved expenses and invoices for payment and export.' },
  { name: 'Finance Administrator', help: 'Finance User, plus managing finance settings and exports.' },
  { name: 'Account Administrator', help: 'Full access to Admin: users, departments, policies and settings.' },
  { name: 'Billing', help: 'Can view and manage the subscription and billing details.' },
  { name: 'Manage Ad Hoc Users', help: 'Can add and manage ad hoc (non-employee) users.' },
  { name: 'Auditor', help: 'Read-only access to every expense on the account.' },
];

/**
 * The Settings tab checkboxes (expensein.md section 3); keys follow the guessed schema of expensein.md 1.5.
 * A key missing from a user's `settings` reads as unticked.
 */
export const USER_SETTINGS = [
  { key: 'createTimeExpenses', label: 'Create Time Expenses' },
  { key: 'createPersonalCarMileage', label: 'Create Personal Car Mileage Expenses' },
  { key: 'createCompanyCarMileage', label: 'Create Company Car Mileage Expenses' },
  { key: 'createCompanyCardExpenses', label: 'Create Company Card Expenses' },
  { key: 'createFuelCardExpenses', label: 'Create Fuel Card Expenses' },
  { key: 'createCashAdvanceExpenses', label: 'Create Cash Advance Expenses' },
  { key: 'importCardStatements', label: 'Import Card Statements' },
  { key: 'manageCompanyVehicles', label: 'Manage Company Vehicles' },
  { key: 'overrideDepartment', label: 'Override Department' },
];

/**
 * The simulator has no policies or approval-flow endpoints (PRODUCT.md 3.2 keeps only their ids), so the
 * selects offer these names; an id a user holds that is not listed still shows (as "#id"), so saving never
 * changes it behind the administrator's back.
 */
export const EXPENSE_POLICIES = [
  { id: 1, name: 'Standard Expense Policy' },
  { id: 2, name: 'Senior Staff Policy' },
  { id: 3, name: 'Contractor Policy' },
];

export const APPROVAL_FLOWS = [
  { id: 1, name: 'Line Manager Approval' },
  { id: 2, name: 'Line Manager then Finance' },
  { id: 3, name: 'Director Approval' },
];

/** PRODUCT.md 3.2 `inviteStatus` as the Users list words it. */
export const INVITE_STATUS_LABELS = {
  NotInvited: 'Not Invited',
  Invited: 'Invited',
  Active: 'Active',
};
