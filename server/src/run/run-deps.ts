import type { ExpenseInClient, RequestEvent, StaffologyClient } from '../adapters/index.ts';
import type { Logger } from '../logging/create-logger.ts';
import type { Connection, ConnectionCredentials, Store } from '../store/index.ts';
import type { RunReport } from './run-report.ts';

/** The two vendor clients of one connection. */
export interface VendorClients {
  staffology: StaffologyClient;
  expensein: ExpenseInClient;
}

/**
 * Builds a connection's clients; `signal` cancels their requests when the run stops; `onStaffologyFallback` hears,
 * once, that Staffology refused the batch read and employees are read one per GET (PRODUCT.md 3.1).
 */
export type ClientsFor = (
  connection: Connection,
  credentials: ConnectionCredentials,
  options: {
    signal: AbortSignal;
    onRequest?: (event: RequestEvent) => void;
    onStaffologyFallback?: (reason: string) => void;
  },
) => VendorClients;

/** Called when a run ends failed, held or partial (the HTTP API issue adds a webhook behind it). */
export type RunAlert = (summary: RunReport, connection: Connection) => void | Promise<void>;

/** Everything a run needs from outside (STYLE.md 2: one seam for dependencies; no singletons). */
export interface RunDeps {
  store: Store;
  logger: Logger;
  /** The clock: today's date for the planner is its UTC date. */
  clock: () => Date;
  clientsFor: ClientsFor;
  alert?: RunAlert;
  /** How often a running run renews its lease (default a fifth of the store's default 5-minute lease). */
  heartbeatMs?: number;
  /** How often a caller that joined another process's run looks at it (default 1 s). */
  pollMs?: number;
  /** Interval runs besides the daily one for connections without their own (STAFFSYNC_SYNC_EVERY); none by default. */
  defaultSyncEveryMinutes?: number | null;
}
