import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createLogger,
  createServer,
  createVendorClients,
  type LogLevel,
  openStore,
  parseEnv,
  type RunReport,
  waitForRun,
} from '@staffsync/server';
import { connectResponseSchema } from '@staffsync/shared';
import { type Sandbox, startSandbox } from '../sandbox/index.ts';
import { sandboxAllowedHosts } from '../sandbox/sandbox-allowed-hosts.ts';
import { sandboxEndpoints } from '../sandbox/sandbox-endpoints.ts';

export interface DemoOptions {
  seed?: number;
  employees?: number;
  /** Fixed ports; 0 picks a free one (tests). Defaults: Staffology 4010, ExpenseIn 4020, the API 8787. */
  ports?: { staffology?: number; expensein?: number; api?: number };
  /** The server's log level (stderr); default warn, so the demo's own output stays readable. */
  logLevel?: LogLevel;
}

export interface Demo {
  sandbox: Sandbox;
  /** The staffsync HTTP API, e.g. http://127.0.0.1:8787. */
  apiUrl: string;
  /** The bearer token made for the extension (shown once; only its hash is stored). */
  token: string;
  /** The demo's database: a fresh temp folder each start, removed by `stop`. */
  dbFile: string;
  /** The key that encrypts the demo's stored vendor keys, apart from the database (PRODUCT.md 4.3). */
  keyFile: string;
  connectionId: number;
  /** The on-connect sync, as it ended. */
  report: RunReport;
  /** Stops the server (waiting for runs under way), the store and the sandbox, and removes the temp folder. */
  stop(): Promise<void>;
}

export const defaultDemoPorts = { staffology: 4010, expensein: 4020, api: 8787 } as const;

/**
 * The demo (PRODUCT.md 6): the sandbox's company in both simulators, the staffsync server (HTTP API + scheduler, as
 * `pnpm staffsync serve` runs it) on a fresh database, the company connected as an administrator would do it
 * (POST /api/connections, Include Bank Details on), and the on-connect sync waited for.
 */
export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const ports = { ...defaultDemoPorts, ...options.ports };
  const dir = mkdtempSync(join(tmpdir(), 'staffsync-demo-'));
  const dbFile = join(dir, 'data', 'staffsync.db');
  const keyFile = join(dir, 'keys', 'staffsync.key');
  const stops: (() => Promise<void> | void)[] = [() => rmSync(dir, { recursive: true, force: true })];
  const stop = async () => {
    // Last started, first stopped: the server's runs end before the sandbox they talk to goes away.
    for (const step of stops.splice(0).reverse()) await step();
  };

  try {
    const sandbox = await startSandbox({
      seed: options.seed ?? 1,
      employees: options.employees ?? 60,
      ports: { staffology: ports.staffology, expensein: ports.expensein },
    });
    stops.push(() => sandbox.stop());

    const settings = parseEnv({
      STAFFSYNC_DB: dbFile,
      STAFFSYNC_KEY_FILE: keyFile,
      HOST: '127.0.0.1',
      PORT: String(ports.api),
      // PRODUCT.md 4.3: the sandbox's loopback simulators are allowed only because they are listed exactly.
      STAFFSYNC_ALLOWED_HOSTS: sandboxAllowedHosts(sandbox),
    });
    const store = await openStore({ file: dbFile, keyFile });
    stops.push(() => store.close());
    const deps = {
      store,
      logger: createLogger({ level: options.logLevel ?? 'warn' }),
      clock: () => new Date(),
      clientsFor: createVendorClients(settings.http, settings.allowedHosts),
      // The demo waits for its on-connect run by looking at the run's row: a short look keeps the wait short.
      pollMs: 200,
    };
    const server = createServer({ ...deps, settings });
    const { url: apiUrl } = await server.start();
    stops.push(() => server.stop());

    // The administrator's token doubles as the extension's: the demo has one administrator.
    const { token } = await store.tokens.create('demo administrator', { role: 'owner' });
    const connected = await connect(apiUrl, token, sandbox);
    if (connected.runId === null) throw new Error('the connect request started no on-connect sync');
    // The report as the run ended; "joined" only says the demo did not start the run itself.
    const report = { ...(await waitForRun(deps, connected.runId)), joined: false };
    return { sandbox, apiUrl, token, dbFile, keyFile, connectionId: connected.connection.id, report, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** POST /api/connections (PRODUCT.md 4.3): checks both keys, stores the connection, starts the on-connect sync. */
async function connect(apiUrl: string, token: string, sandbox: Sandbox) {
  const response = await fetch(`${apiUrl}/api/connections`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      ...sandboxEndpoints(sandbox),
      includeBankDetails: true,
    }),
  });
  const body: unknown = await response.json();
  if (response.status !== 201) {
    throw new Error(`connecting the demo company failed: HTTP ${response.status} ${JSON.stringify(body)}`);
  }
  return connectResponseSchema.parse(body);
}
