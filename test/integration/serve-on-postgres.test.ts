import { createTestDatabase, testDialects, testSecret } from '@staffsync/server';
import {
  connectionListResponseSchema,
  connectResponseSchema,
  runDetailResponseSchema,
} from '@staffsync/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../sandbox/index.ts';
import { sandboxAllowedHosts } from '../sandbox/sandbox-allowed-hosts.ts';
import { sandboxEndpoints } from '../sandbox/sandbox-endpoints.ts';
import { apiInit } from './support/api-init.ts';
import { type CliProcess, killLeftoverClis, runCli, startCli, waitUntil } from './support/cli-process.ts';
import { startWebhookReceiver } from './support/webhook-receiver.ts';

// PRODUCT.md 4.5: with STAFFSYNC_DATABASE_URL, `staffsync serve --no-worker` serves the API and leaves the runs to
// `staffsync worker`: the run a connect starts, and Sync now, are jobs that the worker carries out, and the API
// answers with their ids. Runs where a PostgreSQL test server is given (the test command always gives one).
const onPostgres = testDialects().includes('postgres');

let sandbox: Sandbox;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
const processes: CliProcess[] = [];
let baseUrl = '';
let token = '';
let webhook: Awaited<ReturnType<typeof startWebhookReceiver>>;

function env(): Record<string, string> {
  return {
    STAFFSYNC_DATABASE_URL: database.url,
    STAFFSYNC_SECRET: testSecret,
    STAFFSYNC_ALLOWED_HOSTS: sandboxAllowedHosts(sandbox, new URL(webhook.url).host),
    PORT: '0',
    LOG_LEVEL: 'warn',
  };
}

async function api(path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${baseUrl}${path}`, apiInit(token, body));
  return { status: res.status, body: await res.json() };
}

async function runWhenEnded(runId: number) {
  let detail = runDetailResponseSchema.parse((await api(`/api/runs/${runId}`)).body);
  await waitUntil(
    async () => {
      detail = runDetailResponseSchema.parse((await api(`/api/runs/${runId}`)).body);
      return detail.run.status !== 'running';
    },
    `run ${runId} to end`,
    60_000,
    100,
  );
  return detail.run;
}

const title = 'serve --no-worker and a worker on PostgreSQL';
describe.skipIf(!onPostgres)(
  onPostgres ? title : `${title} (skipped: no PostgreSQL test server, STAFFSYNC_TEST_DATABASE_URL unset)`,
  () => {
    beforeAll(async () => {
      sandbox = await startSandbox({ seed: 51, companies: 1, employees: 8, scenarios: false });
      database = await createTestDatabase();
      webhook = await startWebhookReceiver();
      const created = await runCli(['token', 'create', 'test', '--role', 'owner'], env());
      expect(created.code, created.stderr).toBe(0);
      token = created.stdout.trim();
      const server = startCli(['serve', '--no-worker'], env());
      processes.push(server);
      await waitUntil(() => /serving on http/.test(server.output().stderr), 'the server to listen', 60_000);
      baseUrl = /serving on (http:\/\/\S+)/.exec(server.output().stderr)?.[1] ?? '';
      expect(server.output().stderr).toContain('runs left to the workers');
    }, 120_000);

    afterAll(async () => {
      for (const child of processes) child.child.kill('SIGTERM');
      await Promise.all(processes.map((child) => child.done));
      killLeftoverClis();
      await database?.drop();
      await sandbox?.stop();
      await webhook?.close();
    });

    it('connects and syncs through the API, the runs carried out by the worker', async () => {
      const worker = startCli(['worker', '--concurrency', '2'], env());
      processes.push(worker);
      await waitUntil(() => /taking runs/.test(worker.output().stderr), 'the worker to start', 60_000);

      const connected = await api('/api/connections', {
        ...sandboxEndpoints(sandbox),
        includeBankDetails: false,
      });
      expect(connected.status, JSON.stringify(connected.body)).toBe(201);
      const { connection, runId } = connectResponseSchema.parse(connected.body);
      if (runId === null) throw new Error('connect started no run');
      const first = await runWhenEnded(runId);
      expect(first).toMatchObject({ trigger: 'connect', status: 'succeeded' });
      // The worker read the company's 8 employees (the sandbox's ExpenseIn holds them already: linked, unchanged).
      expect(first.counts?.employees).toBe(8);
      expect(first.counts?.failed).toBe(0);

      const sync = await api(`/api/connections/${connection.id}/runs`, {});
      expect(sync.status, JSON.stringify(sync.body)).toBe(202);
      const { runId: again } = sync.body as { runId: number };
      expect(again).not.toBe(runId);
      const second = await runWhenEnded(again);
      expect(second).toMatchObject({ trigger: 'manual', status: 'succeeded' });
      expect(second.counts).toMatchObject({ employees: 8, created: 0, updated: 0 });
    }, 120_000);

    it("alerts the connection's webhook from the worker when a run it carried out ends partial", async () => {
      const [connection] = connectionListResponseSchema.parse(
        (await api('/api/connections')).body,
      ).connections;
      if (!connection) throw new Error('no connection');
      const saved = await api(`/api/connections/${connection.id}/settings`, { alertWebhookUrl: webhook.url });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      // One employee's record fails Staffology's schema: the run skips it and ends partial.
      const [first] = sandbox.company.staffology.employees[sandbox.staffology.employerId] ?? [];
      sandbox.staffology.control.setFaults({ malformedRecords: [first?.id ?? ''] });
      try {
        const sync = await api(`/api/connections/${connection.id}/runs`, {});
        expect(sync.status, JSON.stringify(sync.body)).toBe(202);
        const run = await runWhenEnded((sync.body as { runId: number }).runId);
        expect(run.status).toBe('partial');
        await waitUntil(() => webhook.bodies.length > 0, 'the alert', 30_000, 100);
        expect(JSON.parse(webhook.bodies[0] ?? '{}')).toMatchObject({
          event: 'staffsync.run.ended',
          run: { id: run.id, status: 'partial' },
        });
      } finally {
        sandbox.staffology.control.setFaults({});
      }
    }, 120_000);

    // README, "Running for many accounts": every process on the database holds the same key.
    it('refuses to start a worker whose key is not the one the database was opened with', async () => {
      const otherSecret = Buffer.alloc(32, 9).toString('base64');
      const result = await runCli(['worker'], { ...env(), STAFFSYNC_SECRET: otherSecret });
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/STAFFSYNC_SECRET is not the key this database was created with/);
      expect(result.stderr).not.toContain(otherSecret);
    }, 60_000);
  },
);

describe('staffsync worker without STAFFSYNC_DATABASE_URL', () => {
  it('refuses, saying that with SQLite serve runs every run itself', async () => {
    const result = await runCli(['worker'], { STAFFSYNC_SECRET: testSecret, STAFFSYNC_DB: ':memory:' });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/needs STAFFSYNC_DATABASE_URL.*serve runs every run itself/);
  });

  it('says in one line that the database of STAFFSYNC_DATABASE_URL cannot be reached, without its password', async () => {
    // Port 1 on loopback: nothing listens there.
    const url = 'postgres://staffsync:s3cret-Passw0rd@127.0.0.1:1/staffsync';
    const result = await runCli(['worker'], { STAFFSYNC_SECRET: testSecret, STAFFSYNC_DATABASE_URL: url });
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim()).toMatch(
      /^staffsync: cannot reach the PostgreSQL database of STAFFSYNC_DATABASE_URL \(postgres:\/\/staffsync:\*\*\*@127\.0\.0\.1:1\/staffsync\): .*ECONNREFUSED/,
    );
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toContain('s3cret-Passw0rd');
  });
});
