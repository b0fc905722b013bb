import type { ExpenseInUserRecord } from '../../sandbox/expensein/types.ts';

/**
 * ExpenseIn users without their ids, in a stable order: two accounts that reached the same state through
 * different runs (a create retried later gets a later id) compare equal.
 */
export function usersIgnoringIds(users: readonly ExpenseInUserRecord[]): Omit<ExpenseInUserRecord, 'id'>[] {
  return users
    .map(({ id: _id, ...user }) => user)
    .sort(
      (a, b) =>
        (a.reference ?? '').localeCompare(b.reference ?? '') ||
        a.email.toLowerCase().localeCompare(b.email.toLowerCase()),
    );
}

/** References and emails (case-insensitive) held by more than one user: what a duplicated create would leave. */
export function sharedIdentities(users: readonly ExpenseInUserRecord[]): string[] {
  const counts = new Map<string, number>();
  for (const user of users) {
    for (const key of [`reference:${user.reference ?? ''}`, `email:${user.email.toLowerCase()}`]) {
      if (key === 'reference:') continue;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return [...counts].filter(([, n]) => n > 1).map(([key]) => key);
}
