import type { TokenRole } from '@staffsync/shared';

/**
 * Why a request to the staffsync server did not give an answer, as the UI tells it (PRODUCT.md 5: loading, server
 * unreachable, unauthorised, user not found, error each have a clear face).
 */
export type ProblemKind =
  /** No API token saved yet, or the server URL is not valid. */
  | 'not_configured'
  /** No answer at all: the server is down, the URL is wrong, or the request timed out. */
  | 'unreachable'
  /** 401: the token is wrong, expired or revoked. */
  | 'unauthorized'
  /** 403: the token is valid but its role does not allow this action (PRODUCT.md 4.3: viewer, operator, owner). */
  | 'forbidden'
  /** 404: for a user, no ExpenseIn user with that reference or email. */
  | 'not_found'
  /** The server has no connection to Staffology and ExpenseIn yet. */
  | 'no_connection'
  | 'rate_limited'
  /** 400 or 409: the server refused the request. */
  | 'refused'
  /** 5xx, or a vendor the server could not reach. */
  | 'server_error'
  /** The answer did not match the shared schemas: server and extension versions differ. */
  | 'bad_response'
  /** The extension itself failed (e.g. the background worker could not be reached after an update). */
  | 'extension_error';

export interface Problem {
  kind: ProblemKind;
  /** A sentence an administrator can act on. */
  message: string;
  status?: number;
  /** For `rate_limited`: when to try again. */
  retryAfterSeconds?: number;
  /** For `forbidden`: the role the action needs, when the server names it. */
  requiredRole?: TokenRole;
  /** For `refused`: the request field the server named (`staffology.apiKey`, `alertWebhookUrl`...). */
  field?: string;
}

export type ServerResult<T> = { ok: true; data: T } | { ok: false; problem: Problem };

export function success<T>(data: T): ServerResult<T> {
  return { ok: true, data };
}

export function failure<T = never>(problem: Problem): ServerResult<T> {
  return { ok: false, problem };
}
