import type { QueueRun } from '../jobs/create-run-queuer.ts';
import type { RunDeps } from '../run/run-deps.ts';
import type { AllowedHosts } from '../security/allowed-hosts.ts';
import type { ExpenseInSnapshots } from '../users/expensein-snapshots.ts';
import type { BearerAuthEnv } from './middleware/bearer-auth/index.ts';
import type { RunTracker } from './run-tracker.ts';

export interface RateLimitSetting {
  max: number;
  windowMs: number;
}

/** Everything the HTTP API needs (STYLE.md 2: one seam): the run dependencies, plus the API's own settings. */
export interface AppDeps extends RunDeps {
  /** Vendor base URLs and alert webhooks a request may name (PRODUCT.md 4.3, STAFFSYNC_ALLOWED_HOSTS). */
  allowedHosts: AllowedHosts;
  /** Origins allowed by CORS; `*` matches any run of characters. Default: `chrome-extension://*`. */
  corsOrigins?: readonly string[];
  /**
   * Per API token (PRODUCT.md 4.3). Defaults: 120 requests that read a vendor and 30 run requests (sync, dry run,
   * resync, approval) a minute.
   */
  rateLimits?: { vendorReads?: RateLimitSetting; runs?: RateLimitSetting };
  /** Reported by /api/health. */
  version?: string;
  /** The vendor calls of a connection's health check give up after this long (default 15 s). */
  healthTimeoutMs?: number;
  /** Keeps the runs the API started in the background, so a server can wait for them when it stops. */
  runs?: RunTracker;
  /**
   * PRODUCT.md 4.5 (PostgreSQL): full runs the API asks for (connect, reconnect, Sync now) become jobs that a worker
   * takes; unset, the API runs them itself (the embedded default).
   */
  queueRun?: QueueRun;
  /** The ExpenseIn users read for badges, kept a few seconds per connection (default: made by the app). */
  snapshots?: ExpenseInSnapshots;
}

export type AppEnv = BearerAuthEnv;
