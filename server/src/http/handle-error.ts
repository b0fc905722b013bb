import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { z } from 'zod';
import { VendorError } from '../adapters/index.ts';
import { NoWorkerError } from '../jobs/create-run-queuer.ts';
import type { Logger } from '../logging/create-logger.ts';
import { describeRunError } from '../run/carry-out-run.ts';
import { AccountChangedError } from '../run/compare-account.ts';
import { UserNotFoundError } from '../run/user-not-found-error.ts';
import { RefusedUrlError } from '../security/allowed-hosts.ts';
import { StoreConflictError, StoreNotFoundError } from '../store/index.ts';
import { ApiException, apiErrorBody, codeOfStatus } from './api-exception.ts';

/**
 * The one place errors become responses (STYLE.md: HTTPException turned into responses in one place). Every error
 * body has the shape of `apiErrorSchema`; an unexpected error is logged and answered without its details.
 */
export function handleError(logger: Logger): ErrorHandler {
  return function handleError(error, c) {
    if (error instanceof ApiException) return error.getResponse();
    if (error instanceof HTTPException) {
      // Hono's own, e.g. "Malformed JSON in request body" from the validator.
      const code = codeOfStatus(error.status);
      const message = error.message || 'Request refused';
      return c.json(apiErrorBody(code, message, code === 'bad_request' ? 'body' : undefined), error.status);
    }
    if (error instanceof RefusedUrlError) {
      return c.json(apiErrorBody('bad_request', capitalise(error.message), error.field), 400);
    }
    if (error instanceof AccountChangedError) {
      return c.json(apiErrorBody('account_changed', capitalise(error.message)), 409);
    }
    if (error instanceof StoreNotFoundError || error instanceof UserNotFoundError) {
      return c.json(apiErrorBody('not_found', capitalise(error.message)), 404);
    }
    if (error instanceof StoreConflictError)
      return c.json(apiErrorBody('conflict', capitalise(error.message)), 409);
    // The job stays queued: a worker that starts later runs it. The message names what to start.
    if (error instanceof NoWorkerError)
      return c.json(apiErrorBody('unavailable', capitalise(error.message)), 503);
    if (error instanceof VendorError) {
      // Vendor messages are redacted by the adapters (no keys, no bank details).
      return c.json(apiErrorBody('vendor_error', describeRunError(error)), 502);
    }
    logger.error(
      { err: error instanceof Error ? error.message : String(error), path: c.req.path },
      'request failed',
    );
    return c.json(apiErrorBody('internal', 'Internal error: see the server log'), 500);
  };
}

export const handleNotFound: NotFoundHandler = function handleNotFound(c) {
  return c.json(apiErrorBody('not_found', `No route ${c.req.method} ${c.req.path}`), 404);
};

type ValidationResult = { target: string } & (
  | { success: true; data: unknown }
  | { success: false; error: z.ZodError }
);

/**
 * @hono/zod-openapi's defaultHook: a request that fails its shared schema gets 400 naming the field
 * (PRODUCT.md 4.3), e.g. `staffology.apiKey`, `users.3.email` or the query's `reference`.
 */
export function validationHook(result: ValidationResult, c: Context): Response | undefined {
  if (result.success) return undefined;
  const [issue] = result.error.issues;
  const { field, message } = describeIssue(issue, result.target);
  return c.json(apiErrorBody('bad_request', message, field), 400);
}

const targetNames: Record<string, string> = { json: 'body', query: 'query', param: 'path', header: 'header' };

function describeIssue(
  issue: z.core.$ZodIssue | undefined,
  target: string,
): { field: string; message: string } {
  const where = targetNames[target] ?? target;
  if (issue === undefined) return { field: where, message: `Invalid ${where}` };
  let path = issue.path;
  let detail = issue.message;
  // A union (a user by reference or by email): name the first alternative's field rather than the whole object.
  if (issue.code === 'invalid_union') {
    const inner = issue.errors[0]?.[0];
    if (inner) {
      path = [...path, ...inner.path];
      detail = `${inner.message} (give ${issue.errors.map((alternative) => alternative[0]?.path.join('.')).join(' or ')})`;
    }
  }
  const field = path.length > 0 ? path.map(String).join('.') : where;
  return { field, message: `Invalid ${where} field "${field}": ${detail}` };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
