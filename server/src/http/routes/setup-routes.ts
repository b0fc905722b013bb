import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { departmentsCheckResponseSchema, healthSchema } from '@staffsync/shared';
import type { AppDeps, AppEnv } from '../app-deps.ts';
import { checkDepartments } from '../check-departments.ts';
import { validationHook } from '../handle-error.ts';
import { connectionParams, errorResponses, jsonResponse } from '../openapi-common.ts';
import { guard, type RouteLimits } from '../route-guard.ts';

const health = createRoute({
  method: 'get',
  path: '/api/health',
  tags: ['server'],
  summary: 'Whether the server is up (no token needed)',
  responses: { 200: jsonResponse(healthSchema, 'The server is up') },
});

const departmentsRoute = (limits: RouteLimits) =>
  createRoute({
    method: 'get',
    path: '/api/connections/{id}/departments/check',
    tags: ['connections'],
    summary: 'Set-up step 1: Staffology department names with no ExpenseIn department of the same name',
    ...guard('viewer', limits.vendorReads),
    request: { params: connectionParams },
    responses: {
      200: jsonResponse(departmentsCheckResponseSchema, 'Matched and unmatched department names'),
      ...errorResponses(400, 401, 403, 404, 429, 502),
    },
  });

/** The server's health, and the departments check of the seed's set-up step 1. */
export function setupRoutes(deps: AppDeps, limits: RouteLimits) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(health, (c) =>
    c.json({ ok: true as const, version: deps.version ?? '0.0.0', time: deps.clock().toISOString() }, 200),
  );

  app.openapi(departmentsRoute(limits), async (c) => {
    const { id } = c.req.valid('param');
    const connection = deps.store.connections.require(id);
    return c.json(await checkDepartments(deps, connection), 200);
  });

  return app;
}
