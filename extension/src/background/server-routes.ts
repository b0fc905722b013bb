/**
 * Every path of the staffsync HTTP API the extension calls (PRODUCT.md 4.3), in one place, as the server's
 * routes (server/src/http/routes/) and its `/api/openapi.json` name them.
 */
export const serverRoutes = {
  health: () => '/api/health',
  connections: () => '/api/connections',
  connectionHealth: (connectionId: number) => `/api/connections/${connectionId}/health`,
  reconnect: (connectionId: number) => `/api/connections/${connectionId}/reconnect`,
  disconnect: (connectionId: number) => `/api/connections/${connectionId}/disconnect`,
  settings: (connectionId: number) => `/api/connections/${connectionId}/settings`,
  departmentsCheck: (connectionId: number) => `/api/connections/${connectionId}/departments/check`,
  setupCheck: () => '/api/setup/check',
  /** Owner only and free of vendor calls: the set-up page asks it to learn whether the token may set up. */
  tokens: () => '/api/tokens',
  /** POST starts a run (or a dry run); GET lists the connection's runs, newest first, dry runs included. */
  runs: (connectionId: number) => `/api/connections/${connectionId}/runs`,
  run: (runId: number) => `/api/runs/${runId}`,
  batchStatus: (connectionId: number) => `/api/connections/${connectionId}/users/badges`,
  userStatus: (connectionId: number) => `/api/connections/${connectionId}/users/status`,
  resync: (connectionId: number) => `/api/connections/${connectionId}/users/resync`,
} as const;
