import { createWebhookAlert } from '../alerts/create-webhook-alert.ts';
import type { Settings } from '../config/parse-env.ts';
import { createApiServer } from '../http/create-api-server.ts';
import { ensureEnvConnection } from '../run/ensure-env-connection.ts';
import type { RunDeps } from '../run/run-deps.ts';
import { createScheduler } from '../run/scheduler.ts';

export interface ServeDeps extends RunDeps {
  settings: Settings;
}

/** What `serve` runs; `start` resolves once it is up, `stop` once it is down. */
export interface ServerHandle {
  start(): Promise<{ url: string }>;
  stop(): Promise<void>;
}

/**
 * The long-running server of `pnpm staffsync serve` (PRODUCT.md 4.1): the HTTP API on settings.host:settings.port
 * and the scheduler, sharing one store; runs that end failed, held or partial alert the connection's webhook.
 */
export function createServer(deps: ServeDeps): ServerHandle {
  const alerts = createWebhookAlert({ logger: deps.logger, allowedHosts: deps.settings.allowedHosts });
  const runDeps: RunDeps = { ...deps, alert: deps.alert ?? alerts.alert };
  const scheduler = createScheduler(runDeps, { retentionDays: deps.settings.retentionDays });
  const api = createApiServer({
    ...runDeps,
    allowedHosts: deps.settings.allowedHosts,
    host: deps.settings.host,
    port: deps.settings.port,
  });
  return {
    async start() {
      // PRODUCT.md 4.1: an environment-declared connection is synced by the server like any other.
      if (deps.settings.envConnection) {
        // A vendor down at start must not keep the API from serving: the scheduler's runs will say what is wrong.
        await ensureEnvConnection(
          { ...deps, allowedHosts: deps.settings.allowedHosts },
          deps.settings.envConnection,
        ).catch((error: unknown) =>
          deps.logger.error(
            { err: error instanceof Error ? error.message : String(error) },
            'the connection declared by the environment was not applied',
          ),
        );
      }
      await scheduler.start();
      const { url } = await api.start();
      deps.logger.info(
        'scheduler started: daily at 04:00 UTC, and within a minute of each connect or reconnect',
      );
      return { url };
    },
    async stop() {
      await api.stop();
      await scheduler.stop();
      await alerts.settled();
    },
  };
}
