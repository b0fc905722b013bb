import {
  apiErrorSchema,
  batchStatusResponseSchema,
  type Connection,
  type ConnectionSettingsRequest,
  connectionHealthSchema,
  connectionListResponseSchema,
  connectionSettingsResponseSchema,
  connectResponseSchema,
  departmentsCheckResponseSchema,
  disconnectResponseSchema,
  dryRunResponseSchema,
  healthSchema,
  type RunSummary,
  resyncResponseSchema,
  runDetailResponseSchema,
  runListResponseSchema,
  setupCheckResponseSchema,
  startRunResponseSchema,
  tokenListResponseSchema,
  tokenRoleSchema,
  type UserKey,
  userStatusSchema,
} from '@staffsync/shared';
import { z } from 'zod';
import type { ConnectInput, RunProblems, SetupCheckInput } from '../messaging/protocol.ts';
import { failure, type Problem, type ServerResult, success } from '../messaging/server-result.ts';
import { type ConnectionSettings, serverUrlSchema } from '../settings/connection-settings.ts';
import { serverRoutes } from './server-routes.ts';

export interface ServerClientOptions {
  /** Read before every request, so a change in Options applies at once. */
  settings: () => Promise<ConnectionSettings>;
  fetch?: typeof fetch;
  /**
   * Per request (default 20 s); a resync, a set-up check and a connect read both vendors (the check and the
   * departments check a whole employer), so they get longer.
   */
  timeoutMs?: number;
  resyncTimeoutMs?: number;
}

interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** `/api/health` is the one route without a token (PRODUCT.md 4.3). */
  auth?: boolean;
  timeoutMs?: number;
}

const connectionCacheMs = 60_000;

/**
 * The background worker's client of the staffsync server (STYLE.md 9): every response is parsed with the shared
 * zod schemas (STYLE.md 3), and every failure becomes a `Problem` the UI can show, never a thrown error.
 */
export function createServerClient(options: ServerClientOptions) {
  const fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 20_000;
  const resyncTimeoutMs = options.resyncTimeoutMs ?? 90_000;
  let cachedConnection: { settingsKey: string; id: number; at: number } | null = null;

  async function request<S extends z.ZodType>(
    schema: S,
    spec: RequestSpec,
  ): Promise<ServerResult<z.output<S>>> {
    const settings = await options.settings();
    const base = serverUrlSchema.safeParse(settings.serverUrl);
    if (!base.success) {
      return failure({
        kind: 'not_configured',
        message: 'The staffsync server address is not valid: set it in the extension options.',
      });
    }
    const auth = spec.auth ?? true;
    if (auth && settings.token.trim() === '') {
      return failure({
        kind: 'not_configured',
        message:
          'No API token yet: create one with `pnpm staffsync token create NAME` and paste it in the options.',
      });
    }
    const url = new URL(`${base.data}${spec.path}`);
    for (const [name, value] of Object.entries(spec.query ?? {})) url.searchParams.set(name, value);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (auth) headers.Authorization = `Bearer ${settings.token.trim()}`;
    if (spec.body !== undefined) headers['Content-Type'] = 'application/json';

    let response: Response;
    try {
      response = await fetchImpl(url, {
        method: spec.method,
        headers,
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        signal: AbortSignal.timeout(spec.timeoutMs ?? timeoutMs),
        credentials: 'omit',
      });
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      return failure({
        kind: 'unreachable',
        message: timedOut
          ? `The staffsync server at ${base.data} did not answer in time.`
          : `The staffsync server at ${base.data} could not be reached. Is it running?`,
      });
    }
    const text = await response.text().catch(() => '');
    if (!response.ok) return failure(problemOf(response, text));
    const parsed = schema.safeParse(parseJson(text));
    if (!parsed.success) {
      return failure({
        kind: 'bad_response',
        status: response.status,
        message: `The staffsync server answered ${spec.method} ${spec.path} in a form this extension does not understand: update the server or the extension.`,
      });
    }
    return success(parsed.data);
  }

  /** The connection the extension works with: the first connected one (one ExpenseIn account per server). */
  async function connectionId(): Promise<ServerResult<number>> {
    const settings = await options.settings();
    const settingsKey = `${settings.serverUrl}\n${settings.token}`;
    const now = Date.now();
    if (cachedConnection?.settingsKey === settingsKey && now - cachedConnection.at < connectionCacheMs) {
      return success(cachedConnection.id);
    }
    const listed = await request(connectionListResponseSchema, {
      method: 'GET',
      path: serverRoutes.connections(),
    });
    if (!listed.ok) return listed;
    const chosen = pickConnection(listed.data.connections);
    if (!chosen) {
      return failure({
        kind: 'no_connection',
        message:
          'The staffsync server has no connection yet: connect Staffology and ExpenseIn first, with Set up (in the popup) or pnpm staffsync connect.',
      });
    }
    cachedConnection = { settingsKey, id: chosen.id, at: now };
    return success(chosen.id);
  }

  async function withConnection<T>(call: (id: number) => Promise<ServerResult<T>>): Promise<ServerResult<T>> {
    const id = await connectionId();
    if (!id.ok) return id;
    const result = await call(id.data);
    // A connection removed since it was cached: forget it so the next call looks again.
    if (!result.ok && result.problem.kind === 'not_found') cachedConnection = null;
    return result;
  }

  /** The run's items of one severity, the first page of 500 (the API's largest). */
  const itemsOf = (runId: number, severity: 'skipped' | 'conflict') =>
    request(runDetailResponseSchema, {
      method: 'GET',
      path: serverRoutes.run(runId),
      query: { severity, pageSize: '500' },
    });

  /** An answer that carries a connection, as the connection. */
  const connectionOf = async (
    answer: Promise<ServerResult<{ connection: Connection }>>,
  ): Promise<ServerResult<Connection>> => {
    const result = await answer;
    return result.ok ? success(result.data.connection) : result;
  };

  return {
    health: () => request(healthSchema, { method: 'GET', path: serverRoutes.health(), auth: false }),
    listConnections: () =>
      request(connectionListResponseSchema, { method: 'GET', path: serverRoutes.connections() }),
    connectionId,
    connectionHealth: () =>
      withConnection((id) =>
        request(connectionHealthSchema, { method: 'GET', path: serverRoutes.connectionHealth(id) }),
      ),
    startRun: () =>
      withConnection((id) =>
        request(startRunResponseSchema, {
          method: 'POST',
          path: serverRoutes.runs(id),
          body: { dryRun: false },
        }),
      ),
    dryRun: () =>
      withConnection((id) =>
        request(dryRunResponseSchema, {
          method: 'POST',
          path: serverRoutes.runs(id),
          body: { dryRun: true },
          timeoutMs: resyncTimeoutMs,
        }),
      ),
    getRun: async (runId: number) => {
      const detail = await request(runDetailResponseSchema, {
        method: 'GET',
        path: serverRoutes.run(runId),
        query: { pageSize: '1' },
      });
      return detail.ok ? success(detail.data.run) : detail;
    },
    /**
     * The connection's last run that was not a dry run (a sync or a resync, running or ended), or null: what the
     * connection health's `lastRun` is, read from the runs list, which asks neither vendor.
     */
    lastRun: async (connectionId: number): Promise<ServerResult<RunSummary | null>> => {
      const listed = await request(runListResponseSchema, {
        method: 'GET',
        path: serverRoutes.runs(connectionId),
        query: { dryRun: 'false', pageSize: '1' },
      });
      return listed.ok ? success(listed.data.runs[0] ?? null) : listed;
    },
    batchStatus: (users: UserKey[]) =>
      withConnection((id) =>
        request(batchStatusResponseSchema, {
          method: 'POST',
          path: serverRoutes.batchStatus(id),
          body: { users },
        }),
      ),
    userStatus: (key: UserKey) =>
      withConnection((id) =>
        request(userStatusSchema, {
          method: 'GET',
          path: serverRoutes.userStatus(id),
          query: 'reference' in key ? { reference: key.reference } : { email: key.email },
          timeoutMs: resyncTimeoutMs,
        }),
      ),
    /** Whether the token may set up (owner): the owner-only token list, read and dropped (PRODUCT.md 4.3). */
    ownerAccess: async (): Promise<ServerResult<true>> => {
      const listed = await request(tokenListResponseSchema, { method: 'GET', path: serverRoutes.tokens() });
      return listed.ok ? success(true) : listed;
    },
    setupCheck: (body: SetupCheckInput) =>
      request(setupCheckResponseSchema, {
        method: 'POST',
        path: serverRoutes.setupCheck(),
        body,
        timeoutMs: resyncTimeoutMs,
      }),
    departmentsCheck: (connectionId: number) =>
      request(departmentsCheckResponseSchema, {
        method: 'GET',
        path: serverRoutes.departmentsCheck(connectionId),
        timeoutMs: resyncTimeoutMs,
      }),
    connect: async (body: ConnectInput) => {
      const result = await request(connectResponseSchema, {
        method: 'POST',
        path: serverRoutes.connections(),
        body,
        timeoutMs: resyncTimeoutMs,
      });
      // A new connection may be the one to work with now (pickConnection).
      if (result.ok) cachedConnection = null;
      return result;
    },
    reconnect: (
      connectionId: number,
      body: { staffology?: { apiKey: string }; expensein?: { apiKey: string } },
    ) =>
      request(connectResponseSchema, {
        method: 'POST',
        path: serverRoutes.reconnect(connectionId),
        body,
        timeoutMs: resyncTimeoutMs,
      }),
    disconnect: (connectionId: number) =>
      connectionOf(
        request(disconnectResponseSchema, {
          method: 'POST',
          path: serverRoutes.disconnect(connectionId),
          body: {},
        }),
      ),
    saveSettings: (connectionId: number, settings: ConnectionSettingsRequest) =>
      connectionOf(
        request(connectionSettingsResponseSchema, {
          method: 'POST',
          path: serverRoutes.settings(connectionId),
          body: settings,
        }),
      ),
    runProblems: async (runId: number): Promise<ServerResult<RunProblems>> => {
      const [skipped, conflicts] = await Promise.all([itemsOf(runId, 'skipped'), itemsOf(runId, 'conflict')]);
      if (!skipped.ok) return skipped;
      if (!conflicts.ok) return conflicts;
      return success({
        run: conflicts.data.run,
        problems: [...skipped.data.items, ...conflicts.data.items].sort((a, b) => a.seq - b.seq),
        total: skipped.data.total + conflicts.data.total,
      });
    },
    resync: (key: UserKey) =>
      withConnection((id) =>
        request(resyncResponseSchema, {
          method: 'POST',
          path: serverRoutes.resync(id),
          body: key,
          timeoutMs: resyncTimeoutMs,
        }),
      ),
  };
}

export type ServerClient = ReturnType<typeof createServerClient>;

/** The connection the extension works with: the first connected one, else the first (one account per server). */
export function pickConnection(connections: readonly Connection[]): Connection | undefined {
  return connections.find((connection) => connection.status === 'connected') ?? connections[0];
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * A 403's body, read leniently: the role-aware server adds `requiredRole`, an older one may not, and a code this
 * extension does not know must not hide the sentence (PRODUCT.md 4.3).
 */
const forbiddenBodySchema = z.object({
  error: z.object({
    message: z.string().optional().catch(undefined),
    requiredRole: tokenRoleSchema.optional().catch(undefined),
  }),
});

/** An error response as a problem, with the server's own message when it sent one (apiErrorSchema). */
function problemOf(response: Response, text: string): Problem {
  const json = parseJson(text);
  const body = apiErrorSchema.safeParse(json);
  const said = body.success ? body.data.error.message : null;
  const status = response.status;
  // An expired token answers 401 like an unknown one: either way the administrator needs another token.
  if (status === 401) {
    return {
      kind: 'unauthorized',
      status,
      message: 'The staffsync server refused the API token: check it in the extension options.',
    };
  }
  if (status === 403) {
    const forbidden = forbiddenBodySchema.safeParse(json);
    const sentence = forbidden.success ? forbidden.data.error.message?.trim() : undefined;
    const requiredRole = forbidden.success ? forbidden.data.error.requiredRole : undefined;
    return {
      kind: 'forbidden',
      status,
      message:
        sentence ||
        (requiredRole
          ? `This needs a token with the ${requiredRole} role: ask the server's owner for one.`
          : "This token's role does not allow this: ask the server's owner for a token with a higher role."),
      ...(requiredRole ? { requiredRole } : {}),
    };
  }
  if (status === 404)
    return { kind: 'not_found', status, message: said ?? 'Not found on the staffsync server.' };
  if (status === 429) {
    const retryAfter = Number(response.headers.get('Retry-After'));
    return {
      kind: 'rate_limited',
      status,
      message: `Too many requests: try again in ${Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 'a few'} seconds.`,
      ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
    };
  }
  if (status === 400 || status === 409) {
    const field = body.success ? body.data.error.field : undefined;
    return {
      kind: 'refused',
      status,
      message: `${said ?? 'The server refused the request.'}${field ? ` (${field})` : ''}`,
      ...(field ? { field } : {}),
    };
  }
  return {
    kind: 'server_error',
    status,
    message: said ? `The staffsync server failed: ${said}` : `The staffsync server failed (HTTP ${status}).`,
  };
}
