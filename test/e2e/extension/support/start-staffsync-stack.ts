import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ApiServer,
  createApiServer,
  createLogger,
  createVendorClients,
  openStore,
  parseAllowedHosts,
  type Store,
} from '@staffsync/server';
import { type Sandbox, startSandbox } from '../../../sandbox/index.ts';
import { sandboxAllowedHosts } from '../../../sandbox/sandbox-allowed-hosts.ts';
import { sandboxEndpoints } from '../../../sandbox/sandbox-endpoints.ts';

const secret = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';
const vendorHttp = { timeoutMs: 10_000, retries: 2, concurrency: 4, ratePerSecond: null };

/** The sandbox and the REAL staffsync server (HTTP API on a temp SQLite file) with an owner's token; no connection. */
export interface ServerStack {
  sandbox: Sandbox;
  /** Where the server listens (a free port on 127.0.0.1, kept across stop and start). */
  serverUrl: string;
  token: string;
  store: Store;
  /** Calls the server's API with the token. */
  api(path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  /** Waits for a run to end. */
  waitForRun(runId: number): Promise<void>;
  /** Patches a user in the ExpenseIn simulator through its API, as an administrator would in the web UI. */
  patchExpenseInUser(userId: number, fields: Record<string, unknown>): Promise<void>;
  expenseInUser(userId: number): {
    firstName: string;
    lastName: string;
    email: string;
    reference: string | null;
  };
  stopServer(): Promise<void>;
  startServer(): Promise<void>;
  close(): Promise<void>;
}

/** The server stack with the first company connected through the API, after its on-connect sync. */
export interface StaffsyncStack extends ServerStack {
  connectionId: number;
  /** Runs a sync (or a dry run) and waits for it to end. */
  sync(options?: { dryRun?: boolean }): Promise<void>;
}

export interface StackOptions {
  employees?: number;
  seed?: number;
  /** Companies in the sandbox (startSandbox's `companies`): the first Staffology key sees every employer. */
  companies?: number;
}

export async function startServerStack(options: StackOptions = {}): Promise<ServerStack> {
  const dir = mkdtempSync(join(tmpdir(), 'staffsync-extension-e2e-'));
  let sandbox: Sandbox | null = null;
  let store: Store | null = null;
  const running: { server: ApiServer | null } = { server: null };
  try {
    const started = await startSandbox({
      seed: options.seed ?? 1,
      employees: options.employees ?? 40,
      companies: options.companies ?? 1,
    });
    sandbox = started;
    // Both sides share the company's "today", so leavers and scheduled leavers are what the company says.
    const now = () => new Date(`${started.company.facts.today}T10:00:00.000Z`);
    const opened = await openStore({ file: join(dir, 'staffsync.db'), secret, now });
    store = opened;
    // The administrator of the e2e tests connects the company through the API: an owner's token.
    const token = (await opened.tokens.create('extension-e2e', { role: 'owner' })).token;
    const allowedHosts = parseAllowedHosts(sandboxAllowedHosts(started));
    const deps = {
      store: opened,
      logger: createLogger({ level: 'silent' }),
      clock: now,
      allowedHosts,
      clientsFor: createVendorClients({ staffology: vendorHttp, expensein: vendorHttp }, allowedHosts),
      pollMs: 50,
    };
    let port = 0;
    const listen = async () => {
      const server = createApiServer({ ...deps, host: '127.0.0.1', port });
      running.server = server;
      const { url } = await server.start();
      port = Number(new URL(url).port);
      return url;
    };
    const serverUrl = await listen();

    const api = async (path: string, body?: unknown) => {
      const response = await fetch(`${serverUrl}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json()) as unknown };
    };
    const waitForRun = async (runId: number) => {
      for (let attempt = 0; attempt < 600; attempt += 1) {
        const { body } = await api(`/api/runs/${runId}?pageSize=1`);
        const status = (body as { run?: { status?: string } }).run?.status;
        if (status && status !== 'running') return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`run ${runId} did not end`);
    };

    const stack: ServerStack = {
      sandbox: started,
      serverUrl,
      token,
      store: opened,
      api,
      waitForRun,
      async patchExpenseInUser(userId, fields) {
        const response = await fetch(`${started.expensein.baseUrl}/1.0/users/${userId}`, {
          method: 'PATCH',
          headers: {
            Authorization: `ApiKey ${started.expensein.apiKey}`,
            'Content-Type': 'application/json',
          },
          body: JSON.stringify(fields),
        });
        if (!response.ok) throw new Error(`PATCH user ${userId}: ${response.status}`);
      },
      expenseInUser(userId) {
        const user = started.expensein.control.backend
          .snapshot()
          .users.find((candidate) => candidate.id === userId);
        if (!user) throw new Error(`no ExpenseIn user ${userId}`);
        return user;
      },
      async stopServer() {
        await running.server?.stop();
        running.server = null;
      },
      async startServer() {
        if (!running.server) await listen();
      },
      async close() {
        await running.server?.stop();
        opened.close();
        await started.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
    return stack;
  } catch (error) {
    await running.server?.stop();
    store?.close();
    await sandbox?.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** The server stack, with the first company connected through the API as an administrator would. */
export async function startStaffsyncStack(options: StackOptions = {}): Promise<StaffsyncStack> {
  const stack = await startServerStack(options);
  try {
    const { sandbox } = stack;
    const connected = await stack.api('/api/connections', {
      name: sandbox.company.facts.companyName,
      ...sandboxEndpoints(sandbox),
      includeBankDetails: true,
    });
    if (connected.status !== 201) throw new Error(`connect failed: ${JSON.stringify(connected.body)}`);
    const { connection, runId } = connected.body as { connection: { id: number }; runId: number | null };
    if (runId !== null) await stack.waitForRun(runId);
    return {
      ...stack,
      connectionId: connection.id,
      async sync({ dryRun = false } = {}) {
        const res = await stack.api(`/api/connections/${connection.id}/runs`, { dryRun });
        const id = (res.body as { runId?: number }).runId;
        if (typeof id !== 'number') throw new Error(`sync did not start: ${JSON.stringify(res.body)}`);
        await stack.waitForRun(id);
      },
    };
  } catch (error) {
    await stack.close();
    throw error;
  }
}
