import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { except } from 'hono/combine';
import { ApiException } from './api-exception.ts';
import type { AppDeps, AppEnv, RateLimitSetting } from './app-deps.ts';
import { handleError, handleNotFound, validationHook } from './handle-error.ts';
import { bearerAuth } from './middleware/bearer-auth/index.ts';
import { defaultCorsOrigins, extensionCors } from './middleware/extension-cors/index.ts';
import { rateLimit } from './middleware/rate-limit/index.ts';
import type { RouteLimits } from './route-guard.ts';
import { connectionRoutes } from './routes/connection-routes.ts';
import { leaverRoutes } from './routes/leaver-routes.ts';
import { runRoutes } from './routes/run-routes.ts';
import { setupRoutes } from './routes/setup-routes.ts';
import { tokenRoutes } from './routes/token-routes.ts';
import { userRoutes } from './routes/user-routes.ts';
import { createRunTracker } from './run-tracker.ts';

/**
 * Routes anyone may call: the extension's options page checks the server before it has a token, and the API's
 * description holds no data (README: the OpenAPI document is public on purpose).
 */
export const publicPaths = ['/api/health', '/api/openapi.json'];

/** PRODUCT.md 4.3: a request body over 1 MiB is refused with 413 before it is read whole. */
export const maxBodyBytes = 1024 * 1024;

const defaultLimits: Record<keyof RouteLimits, RateLimitSetting> = {
  vendorReads: { max: 120, windowMs: 60_000 },
  runs: { max: 30, windowMs: 60_000 },
};
const limitNames: Record<keyof RouteLimits, string> = {
  vendorReads: 'requests that read a vendor',
  runs: 'run requests',
};

/**
 * The HTTP API for the extension and administrators (PRODUCT.md 4.3), a Hono app with one seam (`deps`): no
 * server, no globals, so tests call `app.request()` on a fresh one. Every route is declared with the shared zod
 * schemas (shared/src/api), which validate requests and generate the OpenAPI document at /api/openapi.json.
 */
export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const runs = deps.runs ?? createRunTracker(deps.logger);
  const perToken = (name: keyof RouteLimits) =>
    rateLimit({
      ...(deps.rateLimits?.[name] ?? defaultLimits[name]),
      what: limitNames[name],
      key: (c) => `token:${c.get('token')?.id ?? 'none'}`,
    });
  const limits: RouteLimits = { vendorReads: perToken('vendorReads'), runs: perToken('runs') };

  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.onError(handleError(deps.logger));
  app.notFound(handleNotFound);
  app.use('*', extensionCors({ origins: deps.corsOrigins ?? defaultCorsOrigins }));
  app.use(
    '*',
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: () => {
        throw new ApiException('payload_too_large', `The request body is over ${maxBodyBytes} bytes (1 MiB)`);
      },
    }),
  );
  app.use('/api/*', except(publicPaths, bearerAuth({ verify: (token) => deps.store.tokens.verify(token) })));

  app.route('/', setupRoutes(deps, limits));
  app.route('/', connectionRoutes(deps, runs, limits));
  app.route('/', runRoutes(deps, runs, limits));
  app.route('/', userRoutes(deps, limits));
  app.route('/', leaverRoutes(deps, limits));
  app.route('/', tokenRoutes(deps));

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
