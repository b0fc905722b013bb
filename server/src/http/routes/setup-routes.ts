import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import {
  departmentsCheckResponseSchema,
  healthSchema,
  setupCheckRequestSchema,
  setupCheckResponseSchema,
} from '@staffsync/shared';
import type { AppDeps, AppEnv } from '../app-deps.ts';
import { checkDepartments } from '../check-departments.ts';
import { checkSetup } from '../check-setup.ts';
import { validationHook } from '../handle-error.ts';
import { connectionParams, errorResponses, jsonBody, jsonResponse } from '../openapi-common.ts';
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

const setupCheckRoute = (limits: RouteLimits) =>
  createRoute({
    method: 'post',
    path: '/api/setup/check',
    tags: ['connections'],
    summary:
      'Set-up steps 1 and 2 before connecting: check keys, list employers, compare departments, preview the first sync',
    description:
      'Stores nothing. Each key is answered with its state (a refused key is not an error); with `employerId`, the department names of both sides and a dry run of the first sync of that employer. Base URLs outside STAFFSYNC_ALLOWED_HOSTS are refused (400) before any request; an employer the key does not see is a 400 naming `employerId`.',
    ...guard('owner', limits.vendorReads),
    request: { body: jsonBody(setupCheckRequestSchema, 'The keys to check, and the employer to preview') },
    responses: {
      200: jsonResponse(setupCheckResponseSchema, 'What the keys open, and the first sync as it would go'),
      ...errorResponses(400, 401, 403, 429, 502),
    },
  });

/** The server's health, the departments check of the seed's set-up step 1, and the set-up check before connecting. */
export function setupRoutes(deps: AppDeps, limits: RouteLimits) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(health, (c) =>
    c.json({ ok: true as const, version: deps.version ?? '0.0.0', time: deps.clock().toISOString() }, 200),
  );

  app.openapi(departmentsRoute(limits), async (c) => {
    const { id } = c.req.valid('param');
    const connection = await deps.store.connections.require(id);
    return c.json(await checkDepartments(deps, connection), 200);
  });

  app.openapi(setupCheckRoute(limits), async (c) => c.json(await checkSetup(deps, c.req.valid('json')), 200));

  return app;
}
