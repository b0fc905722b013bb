import type { Sandbox } from '../../sandbox/index.ts';

/**
 * Makes the company's ExpenseIn account lag behind HR, the same way in every sandbox: a third of the employees' users
 * gone (to be created again) and a third renamed (to be updated), so a run writes a lot.
 */
export function loseTrackOfEmployees(sandbox: Sandbox): void {
  const state = sandbox.expensein.control.backend.snapshot();
  const { adminUserId, contractorUserIds } = sandbox.company.facts;
  const kept = new Set([adminUserId, ...contractorUserIds]);
  state.users = state.users.flatMap((user, index) => {
    if (kept.has(user.id) || index % 3 === 1) return [user];
    return index % 3 === 0 ? [] : [{ ...user, lastName: `${user.lastName}-Old` }];
  });
  state.eventLog = [];
  sandbox.expensein.control.backend.load(state);
}
