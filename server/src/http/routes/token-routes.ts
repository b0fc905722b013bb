import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  createTokenRequestSchema,
  createTokenResponseSchema,
  revokeTokenResponseSchema,
  tokenListResponseSchema,
} from '@staffsync/shared';
import type { AppDeps, AppEnv } from '../app-deps.ts';
import { validationHook } from '../handle-error.ts';
import { errorResponses, jsonBody, jsonResponse } from '../openapi-common.ts';
import { guard } from '../route-guard.ts';

const tags = ['tokens'];
const dayMs = 24 * 60 * 60 * 1000;
const tokenParams = z.object({ tokenId: z.coerce.number().int().positive().describe('The token id') });

const list = createRoute({
  ...guard('owner'),
  method: 'get',
  path: '/api/tokens',
  tags,
  summary: 'List the API tokens with their roles and lifetimes (never the tokens themselves)',
  responses: {
    200: jsonResponse(tokenListResponseSchema, 'The tokens'),
    ...errorResponses(401, 403),
  },
});

const create = createRoute({
  ...guard('owner'),
  method: 'post',
  path: '/api/tokens',
  tags,
  summary: 'Create a token: shown once in this answer, stored hashed',
  request: { body: jsonBody(createTokenRequestSchema, 'Name, role (default operator), lifetime in days') },
  responses: {
    201: jsonResponse(createTokenResponseSchema, 'The token, once, and its record'),
    ...errorResponses(400, 401, 403, 409),
  },
});

const revoke = createRoute({
  ...guard('owner'),
  method: 'post',
  path: '/api/tokens/{tokenId}/revoke',
  tags,
  summary: 'Revoke a token: it is refused from the next request on',
  request: { params: tokenParams },
  responses: {
    200: jsonResponse(revokeTokenResponseSchema, 'The revoked token'),
    ...errorResponses(400, 401, 403, 404),
  },
});

/** API tokens, for owners (PRODUCT.md 4.3: revoke by CLI or API). */
export function tokenRoutes(deps: AppDeps) {
  const { tokens } = deps.store;
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(list, async (c) => c.json({ tokens: await tokens.list() }, 200));

  app.openapi(create, async (c) => {
    const { name, role, expiresInDays } = c.req.valid('json');
    const created = await tokens.create(name, { role, lifetimeMs: expiresInDays * dayMs });
    return c.json({ token: created.token, record: created.record }, 201);
  });

  app.openapi(revoke, async (c) => {
    const { tokenId } = c.req.valid('param');
    return c.json({ record: await tokens.revoke(tokenId) }, 200);
  });

  return app;
}
