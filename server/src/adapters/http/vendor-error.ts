/** The two vendors staffsync speaks to (PRODUCT.md 3). */
export type Vendor = 'staffology' | 'expensein';

/** Each vendor's name as people know it, for messages. */
export const vendorNames: Record<Vendor, string> = { staffology: 'Staffology', expensein: 'ExpenseIn' };

export const vendorErrorKinds = [
  'auth',
  'forbidden',
  'not_found',
  'conflict',
  'invalid',
  'rate_limited',
  'unavailable',
  'timeout',
  'network',
  'bad_response',
] as const;
export type VendorErrorKind = (typeof vendorErrorKinds)[number];

export interface VendorErrorInit {
  vendor: Vendor;
  method: string;
  /** The request path after the base URL, query included (never holds credentials: both vendors take them in headers). */
  path: string;
  /** null when no response came back (timeout, network). */
  status: number | null;
  kind: VendorErrorKind;
  message: string;
  /** ExpenseIn's `{ message, errors }` body (PRODUCT.md 3.2): field path -> messages. */
  fieldErrors?: Record<string, string[]>;
  /** The low-level error code of a network failure (ECONNRESET, UND_ERR_SOCKET...). */
  code?: string | null;
  /** What a 429 or 503 asked for in `Retry-After`, in milliseconds. */
  retryAfterMs?: number | null;
  /** 1-based number of the attempt that produced this error. */
  attempts?: number;
  cause?: unknown;
}

/**
 * A vendor call that failed, with enough to decide what to do (the kind) and to tell a person (the message).
 * Messages and field errors are redacted: never an API key or bank details (PRODUCT.md 4.2).
 */
export class VendorError extends Error {
  override readonly name = 'VendorError';
  readonly vendor: Vendor;
  readonly method: string;
  readonly path: string;
  readonly status: number | null;
  readonly kind: VendorErrorKind;
  readonly fieldErrors: Record<string, string[]>;
  readonly code: string | null;
  readonly retryAfterMs: number | null;
  readonly attempts: number;

  constructor(init: VendorErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.vendor = init.vendor;
    this.method = init.method;
    this.path = init.path;
    this.status = init.status;
    this.kind = init.kind;
    this.fieldErrors = init.fieldErrors ?? {};
    this.code = init.code ?? null;
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.attempts = init.attempts ?? 1;
  }
}

/** The kind of an HTTP error status. */
export function kindForStatus(status: number): VendorErrorKind {
  switch (status) {
    case 400:
    case 422:
      return 'invalid';
    case 401:
      return 'auth';
    case 403:
      return 'forbidden';
    case 404:
    case 410:
      return 'not_found';
    case 409:
      return 'conflict';
    case 429:
      return 'rate_limited';
    default:
      return status >= 500 ? 'unavailable' : 'bad_response';
  }
}

export function isVendorError(error: unknown, kind?: VendorErrorKind): error is VendorError {
  return error instanceof VendorError && (kind === undefined || error.kind === kind);
}
