import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  batchStatusResponseSchema,
  connectionHealthSchema,
  connectResponseSchema,
  departmentsCheckResponseSchema,
  dryRunResponseSchema,
  resyncResponseSchema,
  runDetailResponseSchema,
  runListResponseSchema,
  setupCheckResponseSchema,
  userStatusSchema,
} from '@staffsync/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookAlert, type WebhookAlerts } from '../../server/src/alerts/create-webhook-alert.ts';
import { createApp } from '../../server/src/http/create-app.ts';
import { createRunTracker, type RunTracker } from '../../server/src/http/run-tracker.ts';
import { createLogger } from '../../server/src/logging/create-logger.ts';
import { createVendorClients } from '../../server/src/run/create-vendor-clients.ts';
import { parseAllowedHosts } from '../../server/src/security/allowed-hosts.ts';
import { openStore, type Store } from '../../server/src/store/index.ts';
import { type Sandbox, startSandbox } from '../sandbox/index.ts';
import { sandboxAllowedHosts } from '../sandbox/sandbox-allowed-hosts.ts';
import { sandboxEndpoints } from '../sandbox/sandbox-endpoints.ts';
import { apiInit } from './support/api-init.ts';
import { startWebhookReceiver } from './support/webhook-receiver.ts';

// The HTTP API against the sandbox (PRODUCT.md 4.3): connect -> the on-connect sync; a synced field edited in
// ExpenseIn shows as a pending overwrite `edited_in_expensein`; resync puts HR's value back, records the lost value
// and shows every step. Every response body of the suite is kept and checked for secrets at the end.

const secret = '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0';
const vendorHttp = { timeoutMs: 10_000, retries: 2, concurrency: 4, ratePerSecond: null };

let sandbox: Sandbox;
let dir: string;
let store: Store;
let runs: RunTracker;
let alerts: WebhookAlerts;
let app: ReturnType<typeof createApp>;
let token: string;
let webhook: { url: string; bodies: string[]; close(): Promise<void> };
const bodies: string[] = [];

async function call(path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const res = await app.request(path, apiInit(token, body));
  const text = await res.text();
  bodies.push(text);
  return { status: res.status, body: JSON.parse(text) };
}

/** Every string in the company facts: employee numbers with a scenario attached, to pick a plain one. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

function clearVendorRequests(): void {
  sandbox.staffology.control.clearRequests();
  sandbox.expensein.control.clearRequests();
}

/** The requests both simulators saw since the last clear: reads of each, and writes to ExpenseIn. */
function vendorReads(): { staffology: number; expensein: number; writes: number } {
  const hr = sandbox.staffology.control.requests().byMethod;
  const ei = sandbox.expensein.control.requests().byMethod;
  return {
    staffology: (hr.GET ?? 0) + (hr.POST ?? 0),
    expensein: ei.GET ?? 0,
    writes: (ei.POST ?? 0) + (ei.PATCH ?? 0),
  };
}

function eiUser(userId: number) {
  const found = sandbox.expensein.control.backend.snapshot().users.find((user) => user.id === userId);
  if (!found) throw new Error(`no ExpenseIn user ${userId}`);
  return found;
}

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 5, employees: 40 });
  webhook = await startWebhookReceiver();
  dir = mkdtempSync(join(tmpdir(), 'staffsync-http-'));
  // The planner's today is the day the demo company is generated for (its leavers are dated from it).
  const clock = () => new Date(`${sandbox.company.facts.today}T10:00:00.000Z`);
  store = await openStore({ file: join(dir, 'staffsync.db'), secret, now: clock });
  const logger = createLogger({ level: 'silent' });
  runs = createRunTracker(logger);
  const allowedHosts = parseAllowedHosts(sandboxAllowedHosts(sandbox, new URL(webhook.url).host));
  alerts = createWebhookAlert({ logger, allowedHosts, minTimeoutMs: 10 });
  app = createApp({
    store,
    logger,
    clock,
    allowedHosts,
    clientsFor: createVendorClients({ staffology: vendorHttp, expensein: vendorHttp }, allowedHosts),
    alert: alerts.alert,
    pollMs: 20,
    runs,
  });
  token = (await store.tokens.create('integration', { role: 'owner' })).token;
}, 60_000);

afterAll(async () => {
  await runs?.settled();
  await alerts?.settled();
  await store?.close();
  await webhook?.close();
  await sandbox?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('HTTP API against the sandbox', { timeout: 60_000 }, () => {
  let connectionId = 0;
  let connectRunId = 0;

  it('connects, checking both keys, and runs the on-connect sync', async () => {
    const res = await call('/api/connections', {
      ...sandboxEndpoints(sandbox),
      includeBankDetails: true,
      alertWebhookUrl: webhook.url,
    });
    expect(res.status).toBe(201);
    const connected = connectResponseSchema.parse(res.body);
    expect(connected.connection).toMatchObject({ status: 'connected', includeBankDetails: true });
    expect(connected.runId).not.toBeNull();
    connectionId = connected.connection.id;
    connectRunId = connected.runId ?? 0;
    await runs.settled();

    const detail = runDetailResponseSchema.parse((await call(`/api/runs/${connectRunId}?pageSize=500`)).body);
    // The demo company has skips and conflicts on purpose (company-facts.ts): an honest run is partial.
    expect(detail.run).toMatchObject({ trigger: 'connect', status: 'partial', requestedBy: 'integration' });
    expect(detail.run.counts?.created).toBe(sandbox.company.facts.newStarters.length);
    const list = runListResponseSchema.parse((await call(`/api/connections/${connectionId}/runs`)).body);
    expect(list.runs.map((run) => run.id)).toEqual([connectRunId]);
  });

  it('alerts the webhook that the run ended partial', async () => {
    await alerts.settled();
    expect(webhook.bodies).toHaveLength(1);
    expect(JSON.parse(webhook.bodies[0] ?? '{}')).toMatchObject({
      event: 'staffsync.run.ended',
      run: { id: connectRunId, status: 'partial' },
    });
  });

  it('reports working keys, the last run and the next one in the health check', async () => {
    const health = connectionHealthSchema.parse((await call(`/api/connections/${connectionId}/health`)).body);
    expect(health.credentials).toEqual({ staffology: 'ok', expensein: 'ok' });
    expect(health.lastRun?.id).toBe(connectRunId);
    expect(typeof health.userReferencesMustBeUnique).toBe('boolean');
    // Synced today after 04:00 UTC: the next daily slot is tomorrow's.
    const tomorrowAtFour = Date.parse(`${sandbox.company.facts.today}T04:00:00.000Z`) + 24 * 60 * 60 * 1000;
    expect(health.nextRunAt).toBe(new Date(tomorrowAtFour).toISOString());
  });

  it('badges rows from the stored run: linked, skipped and in conflict', async () => {
    const { facts } = sandbox.company;
    const plain = await plainLink();
    const keys = [
      { reference: plain.employeeNumber },
      { email: eiUser(plain.userId).email.toUpperCase() },
      ...facts.invalidEmail.slice(0, 1).map((reference) => ({ reference })),
      ...facts.duplicateReference.slice(0, 1).map((scenario) => ({ reference: scenario.employeeNumber })),
    ];
    const res = await call(`/api/connections/${connectionId}/users/badges`, { users: keys });
    const { statuses, asOf } = batchStatusResponseSchema.parse(res.body);
    expect(asOf).not.toBeNull();
    expect(statuses.map((status) => status.badge)).toEqual([
      'linked',
      'linked',
      ...facts.invalidEmail.slice(0, 1).map(() => 'skipped'),
      ...facts.duplicateReference.slice(0, 1).map(() => 'conflict'),
    ]);
  });

  it('shows an edit made in ExpenseIn as a pending overwrite, and resync puts the HR value back', async () => {
    const plain = await plainLink();
    const hrName = eiUser(plain.userId).firstName;
    const edit = await fetch(`${sandbox.expensein.baseUrl}/1.0/users/${plain.userId}`, {
      method: 'PATCH',
      headers: { Authorization: `ApiKey ${sandbox.expensein.apiKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ firstName: 'Edited' }),
    });
    expect(edit.status).toBe(200);

    const statusPath = `/api/connections/${connectionId}/users/status?reference=${encodeURIComponent(plain.employeeNumber)}`;
    clearVendorRequests();
    const before = userStatusSchema.parse((await call(statusPath)).body);
    // One user's status reads that user only (PRODUCT.md 4.3): a payroll-code search and one employee read, the
    // users and the departments, never every employee.
    expect(vendorReads()).toEqual({ staffology: 2, expensein: 2, writes: 0 });
    expect(before.badge).toBe('pending_overwrite');
    expect(before.link).toMatchObject({ linked: true, employeeNumber: plain.employeeNumber });
    expect(before.pendingOverwrites).toEqual([
      {
        field: 'firstName',
        rule: 'R7',
        expenseInValue: 'Edited',
        hrValue: hrName,
        labels: ['edited_in_expensein'],
      },
    ]);
    expect(before.lastSync?.id).toBe(connectRunId);

    clearVendorRequests();
    const res = await call(`/api/connections/${connectionId}/users/resync`, {
      reference: plain.employeeNumber,
    });
    expect(res.status).toBe(200);
    // Issue "One run engine": at most 4 vendor reads plus its writes.
    expect(vendorReads()).toEqual({ staffology: 2, expensein: 2, writes: 1 });
    const resync = resyncResponseSchema.parse(res.body);
    expect(resync.status).toBe('succeeded');
    expect(resync.trace.map((step) => [step.step, step.ok])).toEqual([
      ['fetched', true],
      ['checked', true],
      ['matched', true],
      ['planned', true],
      ['applied', true],
    ]);
    expect(resync.changes).toEqual([
      { field: 'firstName', rule: 'R7', before: 'Edited', after: hrName, overwritten: true },
    ]);
    expect(eiUser(plain.userId).firstName).toBe(hrName);

    const run = runDetailResponseSchema.parse((await call(`/api/runs/${resync.runId}`)).body);
    expect(run.run).toMatchObject({
      trigger: 'single-user',
      status: 'succeeded',
      requestedBy: 'integration',
    });
    const action = run.items.find((item) => item.kind === 'action');
    expect(action).toMatchObject({ actionKind: 'update', result: 'applied', userId: plain.userId });
    expect(action?.changes).toEqual(resync.changes);

    const after = userStatusSchema.parse((await call(statusPath)).body);
    expect(after.pendingOverwrites).toEqual([]);
    expect(after.badge).toBe('linked');
    expect(after.lastSync?.id).toBe(resync.runId);
    expect(after.recentChanges[0]).toMatchObject({ runId: resync.runId, changes: resync.changes });
  });

  it('resyncs a skipped employee as a partial run whose trace says why, and answers 404 for an unknown user', async () => {
    // R1: Known As is missing in HR; the user holding the employee number is still in ExpenseIn.
    const [reference] = sandbox.company.facts.missingKnownAs;
    if (!reference) throw new Error('the demo company has no R1 scenario');
    const res = await call(`/api/connections/${connectionId}/users/resync`, { reference });
    const resync = resyncResponseSchema.parse(res.body);
    expect(resync.status).toBe('partial');
    expect(resync.trace.find((step) => step.step === 'checked')).toMatchObject({ ok: false });
    expect(resync.changes).toEqual([]);
    expect(resync.outcomes.map((outcome) => outcome.rule)).toEqual(['R1']);
    const status = userStatusSchema.parse(
      (await call(`/api/connections/${connectionId}/users/status?reference=${encodeURIComponent(reference)}`))
        .body,
    );
    expect(status.badge).toBe('skipped');

    const unknown = await call(`/api/connections/${connectionId}/users/resync`, {
      email: 'nobody@nowhere.test',
    });
    expect(unknown.status).toBe(404);
  });

  it('previews a sync as a dry run grouped by outcome, writing nothing', async () => {
    const before = JSON.stringify(sandbox.expensein.control.backend.snapshot().users);
    const res = await call(`/api/connections/${connectionId}/runs`, { dryRun: true });
    expect(res.status).toBe(200);
    const plan = dryRunResponseSchema.parse(res.body);
    const keys = plan.groups.map((group) => group.key);
    expect(keys).toContain('invalid_email');
    expect(keys).not.toContain('create');
    expect(plan.groups.every((group) => group.count === group.items.length)).toBe(true);
    expect(JSON.stringify(sandbox.expensein.control.backend.snapshot().users)).toBe(before);
  });

  it('names the HR departments ExpenseIn lacks (set-up step 1)', async () => {
    const check = departmentsCheckResponseSchema.parse(
      (await call(`/api/connections/${connectionId}/departments/check`)).body,
    );
    const unmatched = check.unmatched.map((department) => department.name);
    for (const missing of sandbox.company.facts.departmentOnlyInStaffology)
      expect(unmatched).toContain(missing.title);
    for (const spaced of sandbox.company.facts.departmentCaseSpacing) {
      expect(check.matched).toContainEqual({
        name: spaced.hrTitle.trim(),
        expenseInDepartmentId: spaced.expenseInDepartmentId,
      });
    }
  });

  it('checks keys and previews a first sync with bank details on (set-up), storing nothing; changes settings', async () => {
    const runsBefore = (await store.runs.list({ limit: 1000 })).total;
    const res = await call('/api/setup/check', {
      staffology: { baseUrl: sandbox.staffology.baseUrl, apiKey: sandbox.staffology.apiKey },
      expensein: { baseUrl: sandbox.expensein.baseUrl, apiKey: sandbox.expensein.apiKey },
      employerId: sandbox.staffology.employerId,
      includeBankDetails: true,
    });
    expect(res.status).toBe(200);
    const check = setupCheckResponseSchema.parse(res.body);
    expect(check.credentials).toEqual({ staffology: 'ok', expensein: 'ok' });
    expect(check.preview?.counts.employees).toBeGreaterThan(0);
    expect((await store.runs.list({ limit: 1000 })).total).toBe(runsBefore);
    expect(await store.connections.list()).toHaveLength(1);

    const changed = await call(`/api/connections/${connectionId}/settings`, { leaverGuardPercent: 25 });
    expect(changed.status).toBe(200);
    expect((await store.connections.require(connectionId)).settings.leaverGuardPercent).toBe(25);
  });

  it('reconnects with the same keys and syncs again', async () => {
    const res = await call(`/api/connections/${connectionId}/reconnect`, {
      expensein: { apiKey: sandbox.expensein.apiKey },
    });
    expect(res.status).toBe(200);
    const reconnected = connectResponseSchema.parse(res.body);
    await runs.settled();
    expect(await store.runs.get(reconnected.runId ?? 0)).toMatchObject({ trigger: 'reconnect' });
  });

  it('never sends an API key or a full bank account number in any response or alert', async () => {
    await alerts.settled();
    bodies.push(...webhook.bodies);
    const snapshot = sandbox.expensein.control.backend.snapshot();
    const hr = sandbox.staffology.control.backend.snapshot().employees[sandbox.staffology.employerId] ?? [];
    const accountNumbers = [
      ...snapshot.users.map((user) => user.bankDetails?.accountNumber),
      ...strings(hr).filter((value) => /^\d{8}$/.test(value)),
    ].filter((value): value is string => typeof value === 'string' && value.length >= 6);
    expect(accountNumbers.length).toBeGreaterThan(10);
    const keys = [
      sandbox.staffology.apiKey,
      sandbox.expensein.apiKey,
      sandbox.company.facts.expenseInKeyWithoutAdmin,
    ];
    expect(bodies.length).toBeGreaterThan(10);
    for (const body of bodies) {
      for (const key of keys) expect(body).not.toContain(key);
      for (const number of accountNumbers) expect(body).not.toContain(number);
    }
  });

  /** A linked employee no scenario touches, whose user the sync left in agreement with HR. */
  async function plainLink() {
    const special = new Set(strings(sandbox.company.facts));
    const link = (await store.links.forConnection(connectionId)).find(
      (candidate) => !special.has(candidate.employeeNumber) && candidate.lastWritten.firstName !== undefined,
    );
    if (!link) throw new Error('no plain linked employee in the demo company');
    return link;
  }
});
