import { ensureEnvConnection } from '../config/ensure-env-connection.ts';
import type { Settings } from '../config/parse-env.ts';
import type { RunDeps } from '../run/run-deps.ts';
import { createScheduler } from '../run/scheduler.ts';

export interface ServeDeps extends RunDeps {
  settings: Settings;
}

/** What `serve` runs; `start` resolves once it is up, `stop` once it is down. */
export interface ServerHandle {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The long-running server of `pnpm staffsync serve` (PRODUCT.md 4.1: HTTP API + scheduler). For now the scheduler;
 * the HTTP API issue adds the Hono app here (listening on settings.host:settings.port, given the scheduler so a
 * connect through the API can `tick()` it), and `serve` starts whatever this returns.
 */
export function createServer(deps: ServeDeps): ServerHandle {
  const scheduler = createScheduler(deps, { retentionDays: deps.settings.retentionDays });
  return {
    async start() {
      // PRODUCT.md 4.1: an environment-declared connection is synced by the server like any other.
      if (deps.settings.envConnection) ensureEnvConnection(deps.store, deps.settings.envConnection);
      await scheduler.start();
      deps.logger.info(
        'scheduler started: daily at 04:00 UTC, and within a minute of each connect or reconnect',
      );
    },
    async stop() {
      await scheduler.stop();
    },
  };
}
