import { OpenAPIHono } from '@hono/zod-openapi';
import { except } from 'hono/combine';
import type { AppDeps, AppEnv, RateLimitSetting } from './app-deps.ts';
import { handleError, handleNotFound, validationHook } from './handle-error.ts';
import { bearerAuth } from './middleware/bearer-auth/index.ts';
import { defaultCorsOrigins, extensionCors } from './middleware/extension-cors/index.ts';
import { rateLimit } from './middleware/rate-limit/index.ts';
import { connectionRoutes } from './routes/connection-routes.ts';
import { leaverRoutes } from './routes/leaver-routes.ts';
import { runRoutes } from './routes/run-routes.ts';
import { setupRoutes } from './routes/setup-routes.ts';
import { userRoutes } from './routes/user-routes.ts';
import { createRunTracker } from './run-tracker.ts';

/** Routes anyone may call: the extension's options page checks the server before it has a token. */
export const publicPaths = ['/api/health', '/api/openapi.json'];

const defaultSyncLimit: RateLimitSetting = { max: 30, windowMs: 60_000 };
const defaultResyncLimit: RateLimitSetting = { max: 30, windowMs: 60_000 };

/**
 * The HTTP API for the extension and administrators (PRODUCT.md 4.3), a Hono app with one seam (`deps`): no
 * server, no globals, so tests call `app.request()` on a fresh one. Every route is declared with the shared zod
 * schemas (shared/src/api), which validate requests and generate the OpenAPI document at /api/openapi.json.
 */
export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const runs = deps.runs ?? createRunTracker(deps.logger);
  const now = () => deps.clock().getTime();
  const perToken = (setting: RateLimitSetting, what: string) =>
    rateLimit({ ...setting, now, what, key: (c) => `token:${c.get('token')?.id ?? 'none'}` });

  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.onError(handleError(deps.logger));
  app.notFound(handleNotFound);
  app.use('*', extensionCors({ origins: deps.corsOrigins ?? defaultCorsOrigins }));
  app.use('/api/*', except(publicPaths, bearerAuth({ verify: (token) => deps.store.tokens.verify(token) })));

  app.route('/', setupRoutes(deps));
  app.route('/', connectionRoutes(deps, runs));
  app.route('/', runRoutes(deps, runs, perToken(deps.rateLimits?.sync ?? defaultSyncLimit, 'sync requests')));
  app.route(
    '/',
    userRoutes(deps, perToken(deps.rateLimits?.resync ?? defaultResyncLimit, 'resync requests')),
  );
  app.route('/', leaverRoutes(deps));

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'A token from `pnpm staffsync token create NAME` (shown once, stored hashed)',
  });
  app.doc('/api/openapi.json', {
    openapi: '3.0.3',
    info: {
      title: 'staffsync',
      version: deps.version ?? '0.0.0',
      description:
        'Keeps Staffology employees in sync with ExpenseIn users, one way, and tells ExpenseIn administrators what the sync does to each user.',
    },
  });
  return app;
}
