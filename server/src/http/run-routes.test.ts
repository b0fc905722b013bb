import {
  apiErrorSchema,
  runDetailResponseSchema,
  runListResponseSchema,
  startRunResponseSchema,
} from '@staffsync/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { NoWorkerError } from '../jobs/create-run-queuer.ts';
import { countRun, flattenTally } from '../run/count-run.ts';
import type { Store } from '../store/index.ts';
import { createTestApp, type TestApp } from './create-test-app.ts';
// A canary accepts and never answers: a run against it stays under way until the test closes it.
import { startCanary } from './start-canary.ts';

/** A finished run with an outcome and an action, written through the store as a run would write them. */
async function seedRun(store: Store, connectionId: number): Promise<number> {
  const { run } = await store.runs.start({
    connectionId,
    trigger: 'schedule',
    dryRun: false,
    requestedBy: 'scheduler',
  });
  await store.runItems.add(run.id, [
    {
      kind: 'outcome',
      outcome: {
        rule: 'R2',
        code: 'invalid_email',
        severity: 'skipped',
        subject: { employeeNumber: 'E002', userId: null, sourceId: 'hr-2', name: 'Bo Li' },
        message: 'Work Email "bo@" is not a valid email address, so this employee is not synced',
        details: {},
      },
    },
    {
      kind: 'action',
      actionKind: 'update',
      rule: 'R7',
      subject: { employeeNumber: 'E001', userId: 7, sourceId: 'hr-1', name: 'Ann Lee' },
      changes: [{ field: 'firstName', rule: 'R7', before: 'Annie', after: 'Ann', overwritten: true }],
      message: 'Updated user 7: First Name',
      result: 'applied',
    },
  ]);
  const tally = countRun({
    actions: [
      {
        kind: 'update',
        changes: [{ field: 'firstName', rule: 'R7', before: 'Annie', after: 'Ann', overwritten: true }],
        result: 'applied',
      },
    ],
    outcomes: [{ code: 'invalid_email', severity: 'skipped' }],
    employees: 2,
    unchanged: 0,
  });
  await store.runs.finish(run.id, { status: 'partial', counts: flattenTally(tally) });
  return run.id;
}

describe('sync routes', () => {
  let t: TestApp;
  afterEach(async () => t.cleanup());

  it('starts exactly one run for 20 parallel start requests, all answered with its id', async () => {
    const hole = await startCanary();
    t = await createTestApp({ vendor: { timeoutMs: 60_000 }, allowedHosts: new URL(hole.url).host });
    const id = await t.addConnection(hole.url);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => t.call(`/api/connections/${id}/runs`, { body: { dryRun: false } })),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(202));
    const started = answers.map((answer) => startRunResponseSchema.parse(answer.body));
    const runIds = new Set(started.map((answer) => answer.runId));
    expect(runIds.size).toBe(1);
    expect(started.filter((answer) => !answer.alreadyRunning)).toHaveLength(1);
    expect((await t.temp.store.runs.list({ connectionId: id })).total).toBe(1);
    await hole.close();
    await t.runs.settled();
    const [run] = (await t.temp.store.runs.list({ connectionId: id })).items;
    expect(run).toMatchObject({ status: 'failed', trigger: 'manual', requestedBy: 'route-tests' });
  });

  it('answers 503 naming the worker command when no worker starts the queued run (PostgreSQL)', async () => {
    t = await createTestApp({
      deps: {
        queueRun: async ({ connectionId }) => {
          throw new NoWorkerError(connectionId, 30_000);
        },
      },
    });
    const id = await t.addConnection();
    const res = await t.call(`/api/connections/${id}/runs`, { body: { dryRun: false } });
    expect(res.status).toBe(503);
    expect(apiErrorSchema.parse(res.body).error).toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(
        /^No worker started a run .* within 30 s: is `staffsync worker` running/,
      ),
    });
  });

  it('answers 404 for an unknown connection and 400 naming a bad field', async () => {
    t = await createTestApp();
    expect((await t.call('/api/connections/5/runs', { body: { dryRun: false } })).status).toBe(404);
    expect((await t.call('/api/connections/5/runs')).status).toBe(404);
    const id = await t.addConnection();
    const bad = await t.call(`/api/connections/${id}/runs`, { body: { dryRun: 'please' } });
    expect(bad.status).toBe(400);
    expect(apiErrorSchema.parse(bad.body).error.field).toBe('dryRun');
    const page = await t.call(`/api/connections/${id}/runs?page=0`);
    expect(page.status).toBe(400);
    expect(apiErrorSchema.parse(page.body).error.field).toBe('page');
  });

  it('fails a dry run that cannot reach the vendors with 502 and records it failed', async () => {
    t = await createTestApp();
    const id = await t.addConnection();
    const res = await t.call(`/api/connections/${id}/runs`, { body: { dryRun: true } });
    expect(res.status).toBe(502);
    expect(apiErrorSchema.parse(res.body).error.message).toMatch(/Dry run \d+ failed/);
    expect((await t.temp.store.runs.list({ connectionId: id })).items[0]).toMatchObject({
      dryRun: true,
      status: 'failed',
    });
  });

  it('lists runs newest first, paged, with counts in the API shape', async () => {
    t = await createTestApp();
    const id = await t.addConnection();
    const first = await seedRun(t.temp.store, id);
    const second = await seedRun(t.temp.store, id);
    const res = await t.call(`/api/connections/${id}/runs?page=1&pageSize=1`);
    expect(res.status).toBe(200);
    const list = runListResponseSchema.parse(res.body);
    expect(list).toMatchObject({ page: 1, pageSize: 1, total: 2 });
    expect(list.runs.map((run) => run.id)).toEqual([second]);
    expect(list.runs[0]?.counts).toMatchObject({
      employees: 2,
      updated: 1,
      updatedByField: { firstName: 1 },
    });
    expect(list.runs[0]?.counts?.skipped).toEqual({ invalid_email: 1 });
    const next = runListResponseSchema.parse(
      (await t.call(`/api/connections/${id}/runs?page=2&pageSize=1`)).body,
    );
    expect(next.runs.map((run) => run.id)).toEqual([first]);
  });

  it('lists only the runs that wrote, or only the dry runs, when asked', async () => {
    t = await createTestApp();
    const id = await t.addConnection();
    const synced = await seedRun(t.temp.store, id);
    const previewed = await t.temp.store.runs.start({ connectionId: id, trigger: 'manual', dryRun: true });
    if (!previewed.started) throw new Error('the dry run did not start');
    const ids = async (query: string) =>
      runListResponseSchema
        .parse((await t.call(`/api/connections/${id}/runs${query}`)).body)
        .runs.map((run) => run.id);
    expect(await ids('')).toEqual([previewed.run.id, synced]);
    expect(await ids('?dryRun=false')).toEqual([synced]);
    expect(await ids('?dryRun=true')).toEqual([previewed.run.id]);
    expect((await t.call(`/api/connections/${id}/runs?dryRun=yes`)).status).toBe(400);
  });

  it('shows one run with its items, filtered by rule or code, and 404 for an unknown run', async () => {
    t = await createTestApp();
    const id = await t.addConnection();
    const runId = await seedRun(t.temp.store, id);
    const all = runDetailResponseSchema.parse((await t.call(`/api/runs/${runId}`)).body);
    expect(all.run).toMatchObject({ id: runId, status: 'partial', trigger: 'schedule' });
    expect(all.total).toBe(2);
    expect(all.items[1]).toMatchObject({ kind: 'action', rule: 'R7', userId: 7, result: 'applied' });
    expect(all.items[1]?.changes[0]).toMatchObject({ before: 'Annie', overwritten: true });
    const byRule = runDetailResponseSchema.parse((await t.call(`/api/runs/${runId}?rule=R2`)).body);
    expect(byRule.items.map((item) => item.code)).toEqual(['invalid_email']);
    const byCode = runDetailResponseSchema.parse((await t.call(`/api/runs/${runId}?code=email_in_use`)).body);
    expect(byCode).toMatchObject({ total: 0, items: [] });
    const badRule = await t.call(`/api/runs/${runId}?rule=R99`);
    expect(apiErrorSchema.parse(badRule.body).error).toMatchObject({ code: 'bad_request', field: 'rule' });
    expect((await t.call('/api/runs/999')).status).toBe(404);
  });

  it('limits sync starts per token with 429 and Retry-After', async () => {
    const hole = await startCanary();
    t = await createTestApp({
      deps: { rateLimits: { runs: { max: 2, windowMs: 60_000 } } },
      vendor: { timeoutMs: 60_000 },
      allowedHosts: new URL(hole.url).host,
    });
    const id = await t.addConnection(hole.url);
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await t.call(`/api/connections/${id}/runs`, { body: { dryRun: false } })).status);
    expect(statuses).toEqual([202, 202, 429]);
    const other = (await t.temp.store.tokens.create('other-admin')).token;
    const refused = await t.call(`/api/connections/${id}/runs`, { body: { dryRun: false } });
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThanOrEqual(59);
    // The budget is the token's: another token still gets through (the window passing: rate-limit's own test).
    expect(
      (await t.call(`/api/connections/${id}/runs`, { body: { dryRun: false }, token: other })).status,
    ).toBe(202);
    await hole.close();
  });
});
