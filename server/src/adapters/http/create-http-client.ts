import { withoutTrailingSlash } from '@staffsync/shared';
import pRetry from 'p-retry';
import { z } from 'zod';
import { redact } from '../../security/redact.ts';
import { retryDelay } from './backoff.ts';
import { type HttpSettings, resolveHttpSettings } from './http-settings.ts';
import { createRequestLimiter, type RequestLimiter } from './request-limiter.ts';
import { parseRetryAfter } from './retry-after.ts';
import {
  kindForStatus,
  type Vendor,
  VendorError,
  type VendorErrorInit,
  type VendorErrorKind,
} from './vendor-error.ts';

export type HttpMethod = 'GET' | 'POST' | 'PATCH';

/** One attempt at one request, as reported to `onRequest` (progress bars, benchmarks). No ids, no secrets. */
export interface RequestEvent {
  vendor: Vendor;
  method: HttpMethod;
  /** The route template, e.g. `/employers/{employerId}/employees/{id}`. */
  route: string;
  /** null when no response came back. */
  status: number | null;
  /** null on success. */
  kind: VendorErrorKind | null;
  ms: number;
  /** 1-based. */
  attempt: number;
}

/** What a vendor client may be given besides its credentials: every seam is optional. */
export interface HttpOptions {
  fetch?: typeof fetch;
  http?: Partial<HttpSettings>;
  /** Share one limiter between clients of the same vendor account; by default each client has its own. */
  limiter?: RequestLimiter;
  onRequest?: (event: RequestEvent) => void;
  /** Cancels every request of the client (e.g. the run was stopped). */
  signal?: AbortSignal;
  /** How backoff waits; tests pass one that records the wait instead of waiting. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter source, for repeatable tests. */
  random?: () => number;
  /** Clock for `Retry-After` dates. */
  now?: () => number;
}

export interface HttpClientOptions extends HttpOptions {
  vendor: Vendor;
  baseUrl: string;
  /** The authentication header(s). */
  headers: Record<string, string>;
  /** Redacted from every message (the API key and anything derived from it). */
  secrets: readonly string[];
}

export interface VendorRequest {
  method: HttpMethod;
  route: string;
  /** Path after the base URL, query included. */
  path: string;
  body?: unknown;
  /**
   * The request may be sent again with the same effect, so it is retried like a read whatever its method. For a
   * POST that only reads (Staffology's batch read of employees, PRODUCT.md 3.1); GET and PATCH are retried so
   * without it.
   */
  idempotent?: boolean;
  signal?: AbortSignal;
}

export interface VendorResponse {
  status: number;
  /** The parsed JSON body (null for an empty body): the caller validates it with zod. */
  body: unknown;
}

export interface HttpClient {
  request(request: VendorRequest): Promise<VendorResponse>;
}

// ExpenseIn's error body (PRODUCT.md 3.2); Staffology declares none (staffology-api.md 6), so anything else is
// read as plain text. Read leniently: the contract fixes the names, not that a vendor never sends `null` for an
// absent part or a single message where a list was meant, and a refusal must not lose its reason over that.
const errorBodySchema = z.object({
  message: z.string().nullish(),
  errors: z
    .record(
      z.string(),
      z.union([z.array(z.string()), z.string().transform((message) => [message])]).nullish(),
    )
    .nullish(),
});

// Network failures worth another attempt: the connection broke or never came up.
const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
]);
// Failures that happen before a byte of the request leaves: a write can be retried after these, it did not happen.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'ENOTFOUND', 'UND_ERR_CONNECT_TIMEOUT']);

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * The one HTTP layer both vendor clients use (PRODUCT.md 3): a timeout on every attempt, retries with capped
 * exponential backoff and jitter for 429 (honouring `Retry-After`), 502, 503, 504, network errors and timeouts,
 * bounded concurrency and a sliding-window rate limit. Failures come out as `VendorError`.
 *
 * Writes: a POST is retried only when the vendor provably did not act on it (429, or the connection never came
 * up). After a timeout or a connection dropped mid-request the create may or may not have happened, and a blind
 * retry could create the user twice; the error goes to the applier, and the next run finds the user by its
 * reference (R5) instead of creating it again. A PATCH sets the same values however often it is sent, so it is
 * retried like a read, and so is a POST its caller marks `idempotent` (one that only reads).
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const settings = resolveHttpSettings(options.http);
  const fetchImpl = options.fetch ?? fetch;
  const limiter = options.limiter ?? createRequestLimiter(settings);
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const baseUrl = withoutTrailingSlash(options.baseUrl);
  const clean = (text: string) => redact(text, options.secrets);

  function fail(
    request: VendorRequest,
    attempt: number,
    init: Omit<VendorErrorInit, 'vendor' | 'method' | 'path' | 'attempts'>,
  ) {
    return new VendorError({
      vendor: options.vendor,
      method: request.method,
      path: request.path,
      attempts: attempt,
      ...init,
    });
  }

  async function attemptOnce(request: VendorRequest, attempt: number, signal: AbortSignal | undefined) {
    const started = performance.now();
    let status: number | null = null;
    let kind: VendorErrorKind | null = null;
    try {
      const timeout = AbortSignal.timeout(settings.timeoutMs);
      const response = await fetchImpl(`${baseUrl}${request.path}`, {
        method: request.method,
        headers: {
          ...options.headers,
          Accept: 'application/json',
          ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        // PRODUCT.md 4.3: a vendor's answer cannot send staffsync, with its credentials, to another host.
        redirect: 'manual',
        signal: signal ? AbortSignal.any([timeout, signal]) : timeout,
      });
      status = response.status;
      // Read inside the same timeout: a body that stalls half way is as dead as no answer.
      const text = await response.text();
      if (!response.ok) throw errorFromResponse(request, attempt, response, text);
      return { status: response.status, body: parseBody(request, attempt, response.status, text) };
    } catch (error) {
      const failure = error instanceof VendorError ? error : errorFromThrow(request, attempt, error, signal);
      kind = failure instanceof VendorError ? failure.kind : null;
      throw failure;
    } finally {
      options.onRequest?.({
        vendor: options.vendor,
        method: request.method,
        route: request.route,
        status,
        kind,
        ms: Math.round(performance.now() - started),
        attempt,
      });
    }
  }

  function parseBody(request: VendorRequest, attempt: number, status: number, text: string): unknown {
    if (text.trim() === '') return null;
    try {
      return JSON.parse(text);
    } catch (cause) {
      throw fail(request, attempt, {
        status,
        kind: 'bad_response',
        message: `${options.vendor} ${request.method} ${request.path}: HTTP ${status} with a body that is not JSON`,
        cause,
      });
    }
  }

  function errorFromResponse(request: VendorRequest, attempt: number, response: Response, text: string) {
    if (response.status >= 300 && response.status < 400) {
      return fail(request, attempt, {
        status: response.status,
        kind: 'bad_response',
        message: `${options.vendor} ${request.method} ${request.path}: HTTP ${response.status} redirect${describeLocation(response.headers.get('location'))} not followed: redirects are refused (PRODUCT.md 4.3)`,
      });
    }
    const kind = kindForStatus(response.status);
    let vendorMessage = text.trim().slice(0, 300);
    let fieldErrors: Record<string, string[]> = {};
    try {
      const parsed = errorBodySchema.safeParse(JSON.parse(text));
      if (parsed.success) {
        fieldErrors = Object.fromEntries(
          Object.entries(parsed.data.errors ?? {}).flatMap(([field, messages]) =>
            messages ? [[field, messages.map(clean)]] : [],
          ),
        );
        // A body with neither part (`{ "title": ... }`) keeps its text as the message, rather than saying nothing.
        const said = parsed.data.message ?? '';
        if (said !== '' || Object.keys(fieldErrors).length > 0) vendorMessage = said;
      }
    } catch {
      // Not JSON: the text itself is the message (Staffology declares no error body).
    }
    const fields = Object.entries(fieldErrors)
      .map(([field, messages]) => `${field}: ${messages.join(', ')}`)
      .join('; ');
    const detail = [clean(vendorMessage), fields].filter((part) => part !== '').join(' - ');
    return fail(request, attempt, {
      status: response.status,
      kind,
      message: `${options.vendor} ${request.method} ${request.path}: HTTP ${response.status} (${kind})${detail ? `: ${detail}` : ''}`,
      fieldErrors,
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), now()),
    });
  }

  function errorFromThrow(
    request: VendorRequest,
    attempt: number,
    error: unknown,
    signal: AbortSignal | undefined,
  ) {
    // The caller's own cancellation is not a vendor failure: let it through as it is.
    if (signal?.aborted) return error;
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') {
      return fail(request, attempt, {
        status: null,
        kind: 'timeout',
        message: `${options.vendor} ${request.method} ${request.path}: no complete answer within ${settings.timeoutMs} ms`,
        cause: error,
      });
    }
    const code = networkCode(error);
    return fail(request, attempt, {
      status: null,
      kind: 'network',
      code,
      message: `${options.vendor} ${request.method} ${request.path}: network error${code ? ` (${code})` : ''}: ${clean(describe(error))}`,
      cause: error,
    });
  }

  function isRetryable(request: VendorRequest, error: VendorError): boolean {
    if (error.kind === 'rate_limited') return true;
    if (request.method === 'POST' && request.idempotent !== true)
      return error.kind === 'network' && error.code !== null && NOT_SENT_CODES.has(error.code);
    if (error.kind === 'timeout') return true;
    // No code: undici's bare "fetch failed", a connection failure of some kind. A code outside the list (an
    // invalid URL, a TLS error) will not get better by trying again.
    if (error.kind === 'network')
      return error.code === null || TRANSIENT_CODES.has(error.code) || error.code === 'ENOTFOUND';
    return error.status === 502 || error.status === 503 || error.status === 504;
  }

  return {
    async request(request) {
      const signals = [options.signal, request.signal].filter((s): s is AbortSignal => s !== undefined);
      // One derived signal per request: the caller's signal then carries one listener per request in flight,
      // not one per layer (queue, fetch, retry wait).
      const signal = signals.length === 0 ? undefined : AbortSignal.any(signals);
      return pRetry((attempt) => limiter.schedule(() => attemptOnce(request, attempt, signal), signal), {
        retries: settings.retries,
        // p-retry's own wait is switched off: shouldRetry below waits, because only it knows Retry-After.
        minTimeout: 0,
        maxTimeout: 0,
        ...(signal ? { signal } : {}),
        shouldRetry: async ({ error, retriesConsumed }) => {
          if (!(error instanceof VendorError) || !isRetryable(request, error)) return false;
          if (error.retryAfterMs !== null && error.retryAfterMs > settings.maxRetryAfterMs) return false;
          const wait = retryDelay(
            retriesConsumed + 1,
            error.kind === 'rate_limited' || error.status === 503 ? error.retryAfterMs : null,
            { baseMs: settings.backoffBaseMs, capMs: settings.backoffCapMs },
            random,
          );
          await sleep(wait, signal);
          return true;
        },
      });
    },
  };
}

/** The first error code along the cause chain (undici puts the socket's error under `cause`). */
function networkCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string') return code;
    if (/socket hang up/i.test(current.message)) return 'ECONNRESET';
    if (/other side closed/i.test(current.message)) return 'UND_ERR_SOCKET';
    current = current.cause;
  }
  return null;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}

/** Where a redirect pointed, as its origin only: the path may carry a token. */
function describeLocation(location: string | null): string {
  if (!location) return '';
  try {
    return ` to ${new URL(location).origin}`;
  } catch {
    return '';
  }
}
