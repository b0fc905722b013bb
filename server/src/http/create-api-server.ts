import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { AppDeps } from './app-deps.ts';
import { createApp } from './create-app.ts';
import { createRunTracker } from './run-tracker.ts';

export interface ApiServerDeps extends AppDeps {
  /** PRODUCT.md 4.1 and toolchain.md: 127.0.0.1:8787 by default (settings.host, settings.port). */
  host: string;
  port: number;
}

export interface ApiServer {
  /** Listens; resolves with the address once it does (port 0 picks a free one). */
  start(): Promise<{ url: string }>;
  /** Stops accepting requests, then waits for the runs the API started. */
  stop(): Promise<void>;
}

/** The HTTP API on a real socket (@hono/node-server), for `pnpm staffsync serve` beside the scheduler. */
export function createApiServer(deps: ApiServerDeps): ApiServer {
  const runs = deps.runs ?? createRunTracker(deps.logger);
  const app = createApp({ ...deps, runs });
  let server: ReturnType<typeof serve> | null = null;
  return {
    start() {
      return new Promise((resolve, reject) => {
        const listening = serve(
          { fetch: app.fetch, hostname: deps.host, port: deps.port },
          (info: AddressInfo) => {
            const url = `http://${deps.host}:${info.port}`;
            deps.logger.info({ url }, 'HTTP API listening');
            resolve({ url });
          },
        );
        listening.once('error', reject);
        server = listening;
      });
    },
    async stop() {
      const listening = server;
      server = null;
      if (listening) {
        await new Promise<void>((resolve) => {
          listening.close(() => resolve());
          if ('closeIdleConnections' in listening) listening.closeIdleConnections();
        });
      }
      await runs.settled();
    },
  };
}
