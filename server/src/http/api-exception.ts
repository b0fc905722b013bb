import { type ApiError, apiErrorSchema, type TokenRole } from '@staffsync/shared';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { redact } from '../security/redact.ts';

export type ApiErrorCode = ApiError['error']['code'];

/** The status each error code is sent with. */
export const statusOfCode: Record<ApiErrorCode, ContentfulStatusCode> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  account_changed: 409,
  payload_too_large: 413,
  rate_limited: 429,
  vendor_error: 502,
  internal: 500,
  unavailable: 503,
};

/** The code an HTTP status is reported under, for errors that did not say (e.g. Hono's own 400s). */
export function codeOfStatus(status: number): ApiErrorCode {
  const codes = apiErrorSchema.shape.error.shape.code.options;
  return codes.find((code) => statusOfCode[code] === status) ?? (status >= 500 ? 'internal' : 'bad_request');
}

/**
 * Every error body the API sends. Its message may quote a vendor's answer, so it is redacted here, the one place all
 * of them pass (PRODUCT.md 4.2: no key or bank details in an answer).
 */
export function apiErrorBody(
  code: ApiErrorCode,
  message: string,
  field?: string,
  requiredRole?: TokenRole,
): ApiError {
  return {
    error: {
      code,
      message: redact(message),
      ...(field === undefined ? {} : { field }),
      ...(requiredRole === undefined ? {} : { requiredRole }),
    },
  };
}

/**
 * An error the API answers with `{ error: { code, message, field } }` (shared/src/api/common.ts). Thrown by
 * middleware and handlers; Hono's own error path (or the app's onError) turns it into the response.
 */
export class ApiException extends HTTPException {
  readonly code: ApiErrorCode;
  readonly field: string | undefined;

  constructor(
    code: ApiErrorCode,
    message: string,
    options: { field?: string; headers?: Record<string, string>; requiredRole?: TokenRole } = {},
  ) {
    const status = statusOfCode[code];
    super(status, {
      message,
      res: Response.json(apiErrorBody(code, message, options.field, options.requiredRole), {
        status,
        headers: options.headers,
      }),
    });
    this.name = 'ApiException';
    this.code = code;
    this.field = options.field;
  }
}
