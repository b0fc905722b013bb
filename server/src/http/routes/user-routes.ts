import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import {
  batchStatusRequestSchema,
  batchStatusResponseSchema,
  resyncRequestSchema,
  resyncResponseSchema,
  userStatusQuerySchema,
  userStatusSchema,
} from '@staffsync/shared';
import { bankHasher } from '../../run/hash-bank.ts';
import { nextSyncAt } from '../../run/schedule-input.ts';
import { todayUtc } from '../../run/sync-in-session.ts';
import { batchBadges } from '../../users/batch-badges.ts';
import { createExpenseInSnapshots } from '../../users/expensein-snapshots.ts';
import { resyncUser } from '../../users/resync-user.ts';
import { getUserStatus } from '../../users/user-status.ts';
import type { AppDeps, AppEnv } from '../app-deps.ts';
import { validationHook } from '../handle-error.ts';
import { connectionParams, errorResponses, jsonBody, jsonResponse } from '../openapi-common.ts';
import { guard, type RouteLimits } from '../route-guard.ts';
import { withVendorClients } from '../vendor-check.ts';

const tags = ['users'];

const badgesRoute = (limits: RouteLimits) =>
  createRoute({
    ...guard('viewer', limits.vendorReads),
    method: 'post',
    path: '/api/connections/{id}/users/badges',
    tags,
    summary:
      'Badges for up to 500 Users list rows, by reference or email: current ExpenseIn values (one read per connection per few seconds) against what the last sync stored',
    request: {
      params: connectionParams,
      body: jsonBody(batchStatusRequestSchema, 'The rows, by reference or email'),
    },
    responses: {
      200: jsonResponse(batchStatusResponseSchema, 'One badge per row, in request order, as of `asOf`'),
      ...errorResponses(400, 401, 403, 404, 429),
    },
  });

const statusRoute = (limits: RouteLimits) =>
  createRoute({
    ...guard('viewer', limits.vendorReads),
    method: 'get',
    path: '/api/connections/{id}/users/status',
    tags,
    summary:
      "One user's full status from fresh vendor reads: link, last and next sync, pending overwrites, history",
    request: { params: connectionParams, query: userStatusQuerySchema },
    responses: {
      200: jsonResponse(userStatusSchema, 'The user status'),
      ...errorResponses(400, 401, 403, 404, 409, 429, 502),
    },
  });

function resyncRoute(limits: RouteLimits) {
  return createRoute({
    method: 'post',
    path: '/api/connections/{id}/users/resync',
    tags,
    summary: 'Sync one user now (a run with trigger single-user) and return the step trace and the diff',
    ...guard('operator', limits.runs),
    request: {
      params: connectionParams,
      body: jsonBody(resyncRequestSchema, 'The user, by reference or email'),
    },
    responses: {
      200: jsonResponse(
        resyncResponseSchema,
        'The resync: run id, status, trace (fetched to applied), changes',
      ),
      ...errorResponses(400, 401, 403, 404, 409, 429),
    },
  });
}

/** Users: batch badges, one user's status, single-user resync (PRODUCT.md 4.3). */
export function userRoutes(deps: AppDeps, limits: RouteLimits) {
  const { store } = deps;
  // Freshness is wall time (how long ago ExpenseIn was read), not the business clock that gives the planner its day.
  const snapshots = deps.snapshots ?? createExpenseInSnapshots();
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(badgesRoute(limits), async (c) => {
    const { id } = c.req.valid('param');
    const { users } = c.req.valid('json');
    const connection = await store.connections.require(id);
    const ended = await runsEnded(store, id);
    // The keys are decrypted and the clients built only when the snapshot is read again, not on every render.
    const snapshot = await snapshots.get(
      id,
      async () =>
        withVendorClients(deps, connection, await store.connections.credentials(id), (clients) =>
          clients.expensein.listUsers(),
        ),
      ended,
    );
    const badges = await batchBadges(store, {
      connection,
      keys: users,
      today: todayUtc(deps.clock()),
      snapshot,
      hashBank: bankHasher(store.bankHashKey),
    });
    return c.json(badges, 200);
  });

  app.openapi(statusRoute(limits), async (c) => {
    const { id } = c.req.valid('param');
    const { reference, email } = c.req.valid('query');
    const connection = await store.connections.require(id);
    const key = reference !== undefined ? { reference } : { email: email ?? '' };
    const next = await nextSyncAt(store, connection, deps.clock(), deps.defaultSyncEveryMinutes ?? null);
    return c.json(await getUserStatus(deps, { connectionId: id, key, nextSyncAt: next }), 200);
  });

  app.openapi(resyncRoute(limits), async (c) => {
    const { id } = c.req.valid('param');
    const key = c.req.valid('json');
    return c.json(await resyncUser(deps, { connectionId: id, key, requestedBy: c.var.token.name }), 200);
  });

  return app;
}

/**
 * Which of the connection's recent runs have ended: a run that ends after a snapshot was read may have written since.
 * Run ids, not end times: runs ending on the same clock tick (a test's fixed clock) must still tell apart.
 */
async function runsEnded(store: AppDeps['store'], connectionId: number): Promise<string> {
  const recent = await store.runs.list({ connectionId, limit: 20 });
  return recent.items.flatMap((run) => (run.finishedAt ? [run.id] : [])).join(',');
}
