import type { UserKey } from '@staffsync/shared';

/** No ExpenseIn user answers to the reference or email asked about; the HTTP API answers 404. */
export class UserNotFoundError extends Error {
  constructor(
    readonly key: UserKey,
    detail = '',
  ) {
    super(`No ExpenseIn user has ${describeUserKey(key)}${detail}`);
    this.name = 'UserNotFoundError';
  }
}

export function describeUserKey(key: UserKey): string {
  return 'reference' in key ? `Reference "${key.reference}"` : `email "${key.email}"`;
}
