import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
// The vendors are the sandbox's simulators over real HTTP (STYLE.md 11: fake the platform, not our code).
import { type Sandbox, startSandbox } from '../../../test/sandbox/index.ts';
import { sandboxAllowedHosts } from '../../../test/sandbox/sandbox-allowed-hosts.ts';
import { type EnvConnection, parseEnv } from '../config/parse-env.ts';
import { openTempStore, type TempStore } from '../store/open-temp-store.ts';
import { type ConnectionDeps, connectPair } from './change-connection.ts';
import { createVendorClients } from './create-vendor-clients.ts';
import { ensureEnvConnection } from './ensure-env-connection.ts';

let sandbox: Sandbox;
let temp: TempStore;
let env: EnvConnection;
let deps: ConnectionDeps;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 3, employees: 40 });
}, 60_000);
afterAll(async () => sandbox?.stop());
afterEach(() => temp.cleanup());

async function setUp(): Promise<void> {
  temp = await openTempStore();
  const settings = parseEnv({
    STAFFOLOGY_BASE_URL: sandbox.staffology.baseUrl,
    STAFFOLOGY_API_KEY: sandbox.staffology.apiKey,
    STAFFOLOGY_EMPLOYER_ID: sandbox.staffology.employerId,
    EXPENSEIN_BASE_URL: sandbox.expensein.baseUrl,
    EXPENSEIN_API_KEY: sandbox.expensein.apiKey,
    STAFFOLOGY_RETRIES: '0',
    EXPENSEIN_RETRIES: '0',
    STAFFSYNC_ALLOWED_HOSTS: sandboxAllowedHosts(sandbox),
  });
  if (!settings.envConnection) throw new Error('no env connection');
  env = settings.envConnection;
  deps = {
    store: temp.store,
    clock: temp.clock.now,
    allowedHosts: settings.allowedHosts,
    clientsFor: createVendorClients(settings.http, settings.allowedHosts),
  };
}

describe('ensureEnvConnection', () => {
  it('creates the connection once, then leaves it unchanged', async () => {
    await setUp();
    const first = await ensureEnvConnection(deps, env);
    expect(first.change).toBe('created');
    expect(first.connection.source).toBe('env');
    const second = await ensureEnvConnection(deps, env);
    expect(second).toMatchObject({ change: 'unchanged', connection: { id: first.connection.id } });
  });

  it('updates settings alone without a reconnect', async () => {
    await setUp();
    await ensureEnvConnection(deps, env);
    const updated = await ensureEnvConnection(deps, { ...env, includeBankDetails: true });
    expect(updated.change).toBe('updated');
    expect(updated.connection.settings.includeBankDetails).toBe(true);
  });

  it('refuses to declare a second connection of an employer and account already connected', async () => {
    await setUp();
    const { connection } = await connectPair(deps, {
      staffology: {
        baseUrl: env.staffologyBaseUrl,
        employerId: env.staffologyEmployerId,
        apiKey: env.staffologyApiKey,
      },
      expensein: { baseUrl: env.expenseinBaseUrl, apiKey: env.expenseinApiKey },
      source: 'api',
    });
    await expect(ensureEnvConnection(deps, env)).rejects.toThrow(`already connection ${connection.id}`);
    expect(await temp.store.connections.list()).toHaveLength(1);
  });

  it('refuses a key the vendor rejects, keeping the stored one', async () => {
    await setUp();
    const { connection } = await ensureEnvConnection(deps, env);
    await expect(ensureEnvConnection(deps, { ...env, expenseinApiKey: 'not-a-key' })).rejects.toThrow(/401/);
    expect((await temp.store.connections.credentials(connection.id)).expenseinApiKey).toBe(
      sandbox.expensein.apiKey,
    );
  });
});
