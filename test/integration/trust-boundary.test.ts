import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiErrorSchema, connectResponseSchema, runListResponseSchema } from '@staffsync/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/http/create-app.ts';
import { createRunTracker, type RunTracker } from '../../server/src/http/run-tracker.ts';
import { createLogger } from '../../server/src/logging/create-logger.ts';
import { connectPair } from '../../server/src/run/change-connection.ts';
import { createVendorClients } from '../../server/src/run/create-vendor-clients.ts';
import { waitForRun } from '../../server/src/run/run-sync.ts';
import { parseAllowedHosts } from '../../server/src/security/allowed-hosts.ts';
import { openStore, type Store } from '../../server/src/store/index.ts';
import { type Sandbox, startSandbox } from '../sandbox/index.ts';
import { sandboxAllowedHosts } from '../sandbox/sandbox-allowed-hosts.ts';
import { apiInit } from './support/api-init.ts';
import { cliEnvironment, runCli } from './support/cli-process.ts';

// PRODUCT.md 4.3, "Reconnect cannot move a connection", against a sandbox with two companies on the same two base
// URLs: company A (the one connected) and company B (another employer, another ExpenseIn account, keys of its own).

const secret = '5a4b3c2d1e0f5a4b3c2d1e0f5a4b3c2d1e0f5a4b3c2d1e0f5a4b3c2d1e0f5a4b';
const vendorHttp = { timeoutMs: 10_000, retries: 1, concurrency: 4, ratePerSecond: null };

let sandbox: Sandbox;
let dir: string;
let store: Store;
let runs: RunTracker;
let app: ReturnType<typeof createApp>;
let token: string;
let connectionId: number;
const deps = () => ({
  store,
  logger: createLogger({ level: 'silent' }),
  clock: () => new Date(),
  allowedHosts: parseAllowedHosts(sandboxAllowedHosts(sandbox)),
  clientsFor: createVendorClients(
    { staffology: vendorHttp, expensein: vendorHttp },
    parseAllowedHosts(sandboxAllowedHosts(sandbox)),
  ),
  pollMs: 20,
});

async function call(path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const res = await app.request(path, apiInit(token, body));
  return { status: res.status, body: await res.json() };
}

function writesToExpenseIn(): number {
  const { byMethod } = sandbox.expensein.control.requests();
  return (byMethod.POST ?? 0) + (byMethod.PATCH ?? 0);
}

async function runCount(id: number): Promise<number> {
  return (await store.runs.list({ connectionId: id })).total;
}

const [companyA, companyB] = [0, 1];

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 31, employees: 40, companies: 2, firstStaffologyKeySeesAll: false });
  dir = mkdtempSync(join(tmpdir(), 'staffsync-trust-'));
  store = await openStore({ file: join(dir, 'staffsync.db'), secret });
  runs = createRunTracker(createLogger({ level: 'silent' }));
  app = createApp({ ...deps(), runs });
  token = (await store.tokens.create('owner', { role: 'owner' })).token;
  const a = sandbox.companies[companyA];
  if (!a) throw new Error('no company A');
  const connected = await call('/api/connections', {
    staffology: {
      baseUrl: sandbox.staffology.baseUrl,
      apiKey: a.staffology.apiKey,
      employerId: a.staffology.employerId,
    },
    expensein: { baseUrl: sandbox.expensein.baseUrl, apiKey: a.expensein.apiKey },
    includeBankDetails: true,
  });
  expect(connected.status).toBe(201);
  const { connection, runId } = connectResponseSchema.parse(connected.body);
  connectionId = connection.id;
  await waitForRun(deps(), runId ?? 0);
  expect((await store.links.forConnection(connectionId)).length).toBeGreaterThan(20);
}, 60_000);

afterAll(async () => {
  await runs?.settled();
  await store?.close();
  await sandbox?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('reconnect cannot move a connection (PRODUCT.md 4.3)', () => {
  it("refuses another ExpenseIn account's key with 409 account_changed: nothing stored, no run, nothing written", async () => {
    const before = { runs: await runCount(connectionId), writes: writesToExpenseIn() };
    const other = sandbox.companies[companyB]?.expensein.apiKey;
    const res = await call(`/api/connections/${connectionId}/reconnect`, { expensein: { apiKey: other } });
    expect(res.status).toBe(409);
    const { error } = apiErrorSchema.parse(res.body);
    expect(error.code).toBe('account_changed');
    expect(error.message).toMatch(/another account: 0 of \d+ linked users/);
    expect((await store.connections.credentials(connectionId)).expenseinApiKey).toBe(
      sandbox.companies[companyA]?.expensein.apiKey,
    );
    expect((await store.connections.require(connectionId)).reconnectedAt).toBeNull();
    await runs.settled();
    expect(await runCount(connectionId)).toBe(before.runs);
    expect(writesToExpenseIn()).toBe(before.writes);
  });

  it("refuses a Staffology key that does not open the connection's employer, with 409", async () => {
    const before = await runCount(connectionId);
    const other = sandbox.companies[companyB]?.staffology.apiKey;
    const res = await call(`/api/connections/${connectionId}/reconnect`, { staffology: { apiKey: other } });
    expect(res.status).toBe(409);
    expect(apiErrorSchema.parse(res.body).error).toMatchObject({
      code: 'account_changed',
      message: expect.stringContaining(
        `does not open employer ${sandbox.companies[companyA]?.staffology.employerId}`,
      ),
    });
    expect((await store.connections.credentials(connectionId)).staffologyApiKey).toBe(
      sandbox.companies[companyA]?.staffology.apiKey,
    );
    expect(await runCount(connectionId)).toBe(before);
  });

  it('reconnects with another key of the same account, and syncs again', async () => {
    const sameAccount = sandbox.companies[companyA]?.company.facts.expenseInKeyWithoutAdmin;
    const res = await call(`/api/connections/${connectionId}/reconnect`, {
      expensein: { apiKey: sameAccount },
    });
    expect(res.status).toBe(200);
    const { runId } = connectResponseSchema.parse(res.body);
    expect(runId).not.toBeNull();
    expect((await store.connections.credentials(connectionId)).expenseinApiKey).toBe(sameAccount);
    await runs.settled();
    // Put the writing key back for the tests after this one.
    const back = await call(`/api/connections/${connectionId}/reconnect`, {
      expensein: { apiKey: sandbox.companies[companyA]?.expensein.apiKey },
    });
    expect(back.status).toBe(200);
    await runs.settled();
  });

  it('refuses a second connect of the same employer and account, naming the connection to reconnect', async () => {
    const a = sandbox.companies[companyA];
    const res = await call('/api/connections', {
      staffology: {
        baseUrl: sandbox.staffology.baseUrl,
        apiKey: a?.staffology.apiKey,
        employerId: a?.staffology.employerId,
      },
      expensein: { baseUrl: sandbox.expensein.baseUrl, apiKey: a?.company.facts.expenseInKeyWithoutAdmin },
    });
    expect(res.status).toBe(409);
    expect(apiErrorSchema.parse(res.body).error.message).toContain(`already connection ${connectionId}`);
    const listed = runListResponseSchema.parse((await call(`/api/connections/${connectionId}/runs`)).body);
    expect(listed.total).toBe(await runCount(connectionId));
    expect(await store.connections.list()).toHaveLength(1);
  });

  it('compares the user ids last read when nothing is linked yet', async () => {
    const b = sandbox.companies[companyB];
    if (!b) throw new Error('no company B');
    // Connected, never synced: no links, only the users its connect check read.
    const { connection } = await connectPair(deps(), {
      staffology: {
        baseUrl: sandbox.staffology.baseUrl,
        apiKey: b.staffology.apiKey,
        employerId: b.staffology.employerId,
      },
      expensein: { baseUrl: sandbox.expensein.baseUrl, apiKey: b.expensein.apiKey },
      source: 'api',
    });
    expect(await store.links.forConnection(connection.id)).toEqual([]);
    const res = await call(`/api/connections/${connection.id}/reconnect`, {
      expensein: { apiKey: sandbox.companies[companyA]?.expensein.apiKey },
    });
    expect(res.status).toBe(409);
    expect(apiErrorSchema.parse(res.body).error.message).toMatch(/users it last read/);
    await store.connections.disconnect(connection.id);
  });

  it('refuses the same move from the CLI, reading the key from stdin', async () => {
    const db = join(dir, 'cli.db');
    const env = cliEnvironment(sandbox, db);
    const first = await runCli(['sync', '--json'], env);
    expect([0, 2]).toContain(first.code);
    const other = sandbox.companies[companyB]?.expensein.apiKey ?? '';
    const moved = await runCli(['reconnect', '--new-keys', 'expensein', '--no-sync'], env, `${other}\n`);
    expect(moved.code).toBe(1);
    expect(moved.stderr).toMatch(/account changed.*another account/);
    expect(moved.stderr).not.toContain(other);
    // The environment's own key, changed to another account's, is refused the same way.
    const envMoved = await runCli(['sync', '--json'], { ...env, EXPENSEIN_API_KEY: other });
    expect(envMoved.code).toBe(1);
    expect(JSON.parse(envMoved.stdout)).toMatchObject({ runId: null, status: 'failed' });
    expect(envMoved.stdout).toMatch(/another account/);
  });
});
