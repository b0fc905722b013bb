import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import {
  decideHeldLeaversRequestSchema,
  decideHeldLeaversResponseSchema,
  heldLeaverListQuerySchema,
  heldLeaverListResponseSchema,
} from '@staffsync/shared';
import { approveHeldLeavers } from '../../run/approve-held-leavers.ts';
import { rejectHeldLeavers } from '../../run/held-leaver-decisions.ts';
import type { AppDeps, AppEnv } from '../app-deps.ts';
import { validationHook } from '../handle-error.ts';
import { connectionParams, errorResponses, jsonBody, jsonResponse } from '../openapi-common.ts';
import { guard, type RouteLimits } from '../route-guard.ts';
import { toApiHeldLeaver } from '../to-api.ts';

const tags = ['held leavers'];

const list = createRoute({
  ...guard('viewer'),
  method: 'get',
  path: '/api/connections/{id}/held-leavers',
  tags,
  summary: 'Leavers held by the leaver guard (R17), all or by status',
  request: { params: connectionParams, query: heldLeaverListQuerySchema },
  responses: {
    200: jsonResponse(heldLeaverListResponseSchema, 'The held leavers'),
    ...errorResponses(400, 401, 403, 404),
  },
});

const decideRoute = (decision: 'approve' | 'reject', limits: RouteLimits) =>
  createRoute({
    // Approving starts a run (it writes to ExpenseIn); rejecting writes only to the store.
    ...(decision === 'approve' ? guard('operator', limits.runs) : guard('operator')),
    method: 'post',
    path: `/api/connections/{id}/held-leavers/${decision}`,
    tags,
    summary:
      decision === 'approve'
        ? 'Approve held leavers (all pending when `ids` is omitted): they are applied in a run of their own'
        : 'Reject held leavers (all pending when `ids` is omitted): nothing is written',
    request: {
      params: connectionParams,
      body: jsonBody(decideHeldLeaversRequestSchema, 'Which held leavers'),
    },
    responses: {
      200: jsonResponse(
        decideHeldLeaversResponseSchema,
        'How many were decided, and the run that applied them',
      ),
      ...errorResponses(400, 401, 403, 404, 409, 429),
    },
  });

/** Held leavers (R17): list, approve (applies them), reject (PRODUCT.md 4.3). */
export function leaverRoutes(deps: AppDeps, limits: RouteLimits) {
  const { store } = deps;
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(list, async (c) => {
    const { id } = c.req.valid('param');
    const { status } = c.req.valid('query');
    await store.connections.require(id);
    const held = await store.held.list(id, status ? { status } : {});
    return c.json({ held: held.map(toApiHeldLeaver) }, 200);
  });

  app.openapi(decideRoute('approve', limits), async (c) => {
    const { id } = c.req.valid('param');
    const { ids } = c.req.valid('json');
    await store.connections.require(id);
    const result = await approveHeldLeavers(deps, id, c.var.token.name, ids);
    return c.json({ decided: result.decided.length, runId: result.run?.runId ?? null }, 200);
  });

  app.openapi(decideRoute('reject', limits), async (c) => {
    const { id } = c.req.valid('param');
    const { ids } = c.req.valid('json');
    await store.connections.require(id);
    const decided = await rejectHeldLeavers(store, id, c.var.token.name, ids);
    return c.json({ decided: decided.length, runId: null }, 200);
  });

  return app;
}
