import type { EiUser, Link } from '@staffsync/shared';
import { matchKey } from '../sync/normalise.ts';

/** What a connection knows of the ExpenseIn account it syncs. */
export interface AccountEvidence {
  links: readonly Pick<Link, 'employeeNumber' | 'userId'>[];
  /** Some user ids it last read (connections.expenseinUserSample). */
  userSample: readonly number[];
}

export interface AccountComparison {
  /** The users read are the connection's account, as far as the evidence can tell. */
  same: boolean;
  /** What was compared: the links, else the user ids last read, else nothing (a new, empty account). */
  basis: 'links' | 'user_sample' | 'nothing';
  compared: number;
  matched: number;
}

/** Enough evidence to decide, and cheap to check against 50,000 users. */
const evidenceCompared = 200;

/**
 * Whether `users` (read with new or other keys) are the connection's ExpenseIn account (PRODUCT.md 4.3: reconnect
 * cannot move a connection). Linked users must be there with the same ids and the same references; with no links
 * yet, the user ids it last read must be there. Half of them is enough: an administrator may have deleted a few
 * users or edited a reference since, while another account shares none (ids are the account's own). Pure.
 */
export function compareAccount(
  evidence: AccountEvidence,
  users: readonly Pick<EiUser, 'id' | 'reference'>[],
): AccountComparison {
  const byId = new Map(users.map((user) => [user.id, user]));
  if (evidence.links.length > 0) {
    const links = [...evidence.links].sort((a, b) => a.userId - b.userId).slice(0, evidenceCompared);
    const matched = links.filter(
      (link) => matchKey(byId.get(link.userId)?.reference) === matchKey(link.employeeNumber),
    ).length;
    return { same: isMost(matched, links.length), basis: 'links', compared: links.length, matched };
  }
  if (evidence.userSample.length > 0) {
    const sample = evidence.userSample.slice(0, evidenceCompared);
    const matched = sample.filter((id) => byId.has(id)).length;
    return { same: isMost(matched, sample.length), basis: 'user_sample', compared: sample.length, matched };
  }
  return { same: true, basis: 'nothing', compared: 0, matched: 0 };
}

function isMost(matched: number, compared: number): boolean {
  return matched > 0 && matched * 2 >= compared;
}

/** New keys would move a connection to another account or employer: nothing is stored, no run (HTTP 409). */
export class AccountChangedError extends Error {
  constructor(
    readonly connectionId: number,
    message: string,
  ) {
    super(message);
    this.name = 'AccountChangedError';
  }
}
