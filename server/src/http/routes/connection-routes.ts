import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import {
  connectionHealthSchema,
  connectionListResponseSchema,
  connectionSettingsRequestSchema,
  connectionSettingsResponseSchema,
  connectRequestSchema,
  connectResponseSchema,
  disconnectResponseSchema,
  reconnectRequestSchema,
} from '@staffsync/shared';
import { connectPair, reconnectConnection } from '../../run/change-connection.ts';
import { startSync } from '../../run/run-sync.ts';
import { requireAllowedUrl } from '../../security/allowed-hosts.ts';
import type { AppDeps, AppEnv } from '../app-deps.ts';
import { checkConnectionHealth } from '../check-connection-health.ts';
import { validationHook } from '../handle-error.ts';
import { connectionParams, errorResponses, jsonBody, jsonResponse } from '../openapi-common.ts';
import { guard, type RouteLimits } from '../route-guard.ts';
import type { RunTracker } from '../run-tracker.ts';
import { toApiConnection } from '../to-api.ts';
import { asCheckError, withVendorTimeout } from '../vendor-check.ts';

const tags = ['connections'];

const listConnections = createRoute({
  ...guard('viewer'),
  method: 'get',
  path: '/api/connections',
  tags,
  summary: 'List the connections (never their credentials)',
  responses: {
    200: jsonResponse(connectionListResponseSchema, 'The connections'),
    ...errorResponses(401),
  },
});

const connectRoute = (limits: RouteLimits) =>
  createRoute({
    ...guard('owner', limits.vendorReads),
    method: 'post',
    path: '/api/connections',
    tags,
    summary: 'Connect a Staffology employer to an ExpenseIn account and start the on-connect sync',
    description:
      'Both keys (and the employer) are checked with one read each before anything is stored; a refused key is a 400 naming its field.',
    request: { body: jsonBody(connectRequestSchema, 'Credentials, employer and settings') },
    responses: {
      201: jsonResponse(connectResponseSchema, 'Connected; `runId` is the on-connect sync'),
      ...errorResponses(400, 401, 403, 409, 429, 502, 503),
    },
  });

const reconnectRoute = (limits: RouteLimits) =>
  createRoute({
    ...guard('owner', limits.vendorReads),
    method: 'post',
    path: '/api/connections/{id}/reconnect',
    tags,
    summary: 'Reconnect with new credentials (same settings) and sync again',
    request: {
      params: connectionParams,
      body: jsonBody(reconnectRequestSchema, 'The new keys (either or both)'),
    },
    responses: {
      200: jsonResponse(connectResponseSchema, 'Reconnected; `runId` is the on-reconnect sync'),
      ...errorResponses(400, 401, 403, 404, 409, 429, 502, 503),
    },
  });

const disconnect = createRoute({
  ...guard('owner'),
  method: 'post',
  path: '/api/connections/{id}/disconnect',
  tags,
  summary: 'Disconnect: no more runs until reconnected (links and history are kept)',
  request: { params: connectionParams },
  responses: {
    200: jsonResponse(disconnectResponseSchema, 'Disconnected'),
    ...errorResponses(400, 401, 403, 404),
  },
});

const settingsRoute = createRoute({
  ...guard('owner'),
  method: 'post',
  path: '/api/connections/{id}/settings',
  tags,
  summary:
    "Change a connection's settings (those sent): bank details, leaver guard, alert webhook, interval runs",
  description:
    'Calls no vendor. An alert webhook URL outside STAFFSYNC_ALLOWED_HOSTS is refused (400 naming `alertWebhookUrl`) and nothing is changed. The next run uses the new settings.',
  request: {
    params: connectionParams,
    body: jsonBody(connectionSettingsRequestSchema, 'The settings to change; the others stay'),
  },
  responses: {
    200: jsonResponse(connectionSettingsResponseSchema, 'The connection with its settings now'),
    ...errorResponses(400, 401, 403, 404),
  },
});

const healthRoute = (limits: RouteLimits) =>
  createRoute({
    ...guard('viewer', limits.vendorReads),
    method: 'get',
    path: '/api/connections/{id}/health',
    tags,
    summary: 'Last run, next run, whether each key works, and advice',
    request: { params: connectionParams },
    responses: {
      200: jsonResponse(connectionHealthSchema, 'The connection health'),
      ...errorResponses(400, 401, 403, 404, 429),
    },
  });

/** Connections: list, connect, reconnect, disconnect, settings, health (PRODUCT.md 4.3). */
export function connectionRoutes(deps: AppDeps, runs: RunTracker, limits: RouteLimits) {
  const { store } = deps;
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(listConnections, async (c) =>
    c.json({ connections: (await store.connections.list()).map(toApiConnection) }, 200),
  );

  app.openapi(connectRoute(limits), async (c) => {
    const body = c.req.valid('json');
    const { connection } = await withVendorTimeout(deps, (signal) =>
      connectPair(
        deps,
        {
          name: body.name,
          staffology: body.staffology,
          expensein: body.expensein,
          settings: { includeBankDetails: body.includeBankDetails },
          alertWebhookUrl: body.alertWebhookUrl ?? null,
          source: 'api',
        },
        { signal },
      ).catch((error: unknown) => {
        throw asCheckError(error, body.staffology.employerId);
      }),
    );
    // The seed: "sync shortly after your initial connection". Started here so the answer carries its id.
    const runId = await startInBackground(deps, runs, connection.id, 'connect', c.var.token.name);
    return c.json({ connection: toApiConnection(connection), runId }, 201);
  });

  app.openapi(reconnectRoute(limits), async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const existing = await store.connections.require(id);
    const { connection } = await withVendorTimeout(deps, (signal) =>
      reconnectConnection(
        deps,
        id,
        { staffologyApiKey: body.staffology?.apiKey, expenseinApiKey: body.expensein?.apiKey },
        { signal },
      ).catch((error: unknown) => {
        throw asCheckError(error, existing.staffology.employerId);
      }),
    );
    const runId = await startInBackground(deps, runs, id, 'reconnect', c.var.token.name);
    return c.json({ connection: toApiConnection(connection), runId }, 200);
  });

  app.openapi(disconnect, async (c) => {
    const { id } = c.req.valid('param');
    return c.json({ connection: toApiConnection(await store.connections.disconnect(id)) }, 200);
  });

  app.openapi(settingsRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { includeBankDetails, leaverGuardPercent, leaverGuardMin, alertWebhookUrl, syncEveryMinutes } =
      c.req.valid('json');
    await store.connections.require(id);
    if (alertWebhookUrl) requireAllowedUrl(alertWebhookUrl, deps.allowedHosts, 'alertWebhookUrl');
    // The repository leaves a field that is undefined as it is: only what was sent changes.
    const connection = await store.connections.update(id, {
      settings: { includeBankDetails, leaverGuardPercent, leaverGuardMin },
      alertWebhookUrl,
      syncEveryMinutes,
    });
    return c.json({ connection: toApiConnection(connection) }, 200);
  });

  app.openapi(healthRoute(limits), async (c) => {
    const { id } = c.req.valid('param');
    const connection = await store.connections.require(id);
    return c.json(await checkConnectionHealth(deps, connection), 200);
  });

  return app;
}

/** Starts (or joins) a run without waiting for it; the tracker logs a crash and lets a server wait on stop. */
export async function startInBackground(
  deps: AppDeps,
  runs: RunTracker,
  connectionId: number,
  trigger: 'connect' | 'reconnect' | 'manual',
  requestedBy: string,
): Promise<number> {
  if (deps.queueRun) return deps.queueRun({ connectionId, trigger, requestedBy });
  const handle = await startSync(deps, { connectionId, trigger, requestedBy });
  runs.track(handle.done, { connectionId, runId: handle.runId });
  return handle.runId;
}
