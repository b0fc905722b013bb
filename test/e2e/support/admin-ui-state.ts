import { newUser } from '../../sandbox/data/expensein-user.ts';
import type { ExpenseInState, ExpenseInUserRecord } from '../../sandbox/expensein/types.ts';

/** The day the admin UI spec runs on (the simulator's clock), so leaver clocks never depend on the real date. */
export const ADMIN_UI_TODAY = new Date('2026-03-10T09:00:00Z');
export const ADMIN_UI_API_KEY = 'e2e-admin-key';
/** Renders as an element if anything inserts user data as HTML; it must show as text. */
export const XSS_FIRST_NAME = '<img src=x onerror="window.__xss=1">';

function user(id: number, fields: Partial<ExpenseInUserRecord>): ExpenseInUserRecord {
  return newUser({
    firstName: 'First',
    lastName: 'Last',
    email: `user${id}@northwind.example`,
    reference: `E${1000 + id}`,
    settings: { createPersonalCarMileage: true },
    ...fields,
    id,
  });
}

/** A small account with every kind of row the Users list distinguishes. */
export function adminUiState(): ExpenseInState {
  return {
    accountName: 'Northwind Trading Ltd',
    apiKeys: [{ key: ADMIN_UI_API_KEY, permissions: ['Account Administrator'] }],
    settings: { userReferencesMustBeUnique: true },
    departments: [
      { id: 1, name: 'Sales', reference: 'D-SAL' },
      { id: 2, name: 'Finance', reference: 'D-FIN' },
      { id: 3, name: 'Engineering', reference: 'D-ENG' },
      { id: 4, name: 'Operations', reference: null },
    ],
    users: [
      user(1, {
        firstName: 'Ada',
        lastName: 'Lovelace',
        email: 'ada.lovelace@northwind.example',
        departmentId: 3,
        permissions: ['Add and Submit Expenses', 'Account Administrator'],
        bankDetails: { accountName: 'A Lovelace', sortCode: '112233', accountNumber: '12345678' },
      }),
      // Future leave date: scheduled leaver, yellow clock.
      user(2, {
        firstName: 'Grace',
        lastName: 'Hopper',
        email: 'grace.hopper@northwind.example',
        departmentId: 3,
        leaveDate: '2026-04-30',
      }),
      user(3, {
        firstName: 'Alan',
        lastName: 'Turing',
        email: 'alan.turing@northwind.example',
        departmentId: 2,
        inviteStatus: 'Invited',
      }),
      // Left before today: red clock, hidden unless Include Leavers.
      user(4, {
        firstName: 'Katherine',
        lastName: 'Johnson',
        email: 'katherine.johnson@northwind.example',
        departmentId: 1,
        leaveDate: '2026-01-31',
      }),
      user(5, {
        firstName: 'Margaret',
        lastName: 'Hamilton',
        email: 'margaret.hamilton@northwind.example',
        departmentId: 4,
        reference: null,
        inviteStatus: 'NotInvited',
        expensePolicyId: null,
        approvalFlowId: null,
      }),
      user(6, {
        firstName: XSS_FIRST_NAME,
        lastName: 'Markup',
        email: 'markup@northwind.example',
        departmentId: 1,
      }),
      user(7, {
        firstName: 'Tim',
        lastName: 'Berners-Lee',
        email: 'tim.berners-lee@northwind.example',
        departmentId: 1,
      }),
      // Leave date today: on or before today means left (expensein.md 2.2).
      user(8, {
        firstName: 'Hedy',
        lastName: 'Lamarr',
        email: 'hedy.lamarr@northwind.example',
        departmentId: 3,
        leaveDate: '2026-03-10',
      }),
    ],
    eventLog: [],
  };
}
