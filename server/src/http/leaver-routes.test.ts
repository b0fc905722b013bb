import {
  apiErrorSchema,
  decideHeldLeaversResponseSchema,
  heldLeaverListResponseSchema,
} from '@staffsync/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../store/index.ts';
import { createTestApp, type TestApp } from './create-test-app.ts';

/** A run held by R17 with two leavers waiting, as the applier stores them. */
async function holdLeavers(store: Store, connectionId: number): Promise<{ runId: number; ids: number[] }> {
  const { run } = await store.runs.start({ connectionId, trigger: 'schedule', dryRun: false });
  const held = await store.held.add(run.id, [
    { employeeNumber: 'E001', userId: 7, leaveDate: '2026-11-30', subjectName: 'Ann Lee' },
    { employeeNumber: 'E002', userId: 8, leaveDate: '2026-12-31', subjectName: 'Bo Li' },
  ]);
  await store.runs.finish(run.id, { status: 'held' });
  return { runId: run.id, ids: held.map((leaver) => leaver.id) };
}

describe('held leaver routes', () => {
  let t: TestApp;
  afterEach(async () => t.cleanup());

  it('lists held leavers, all or by status', async () => {
    t = await createTestApp();
    const id = await t.addConnection();
    const { runId } = await holdLeavers(t.temp.store, id);
    const res = await t.call(`/api/connections/${id}/held-leavers`);
    expect(res.status).toBe(200);
    const { held } = heldLeaverListResponseSchema.parse(res.body);
    expect(
      held.map((leaver) => [
        leaver.employeeNumber,
        leaver.userId,
        leaver.leaveDate,
        leaver.status,
        leaver.runId,
      ]),
    ).toEqual([
      ['E001', 7, '2026-11-30', 'pending', runId],
      ['E002', 8, '2026-12-31', 'pending', runId],
    ]);
    const approved = heldLeaverListResponseSchema.parse(
      (await t.call(`/api/connections/${id}/held-leavers?status=approved`)).body,
    );
    expect(approved.held).toEqual([]);
    const bad = await t.call(`/api/connections/${id}/held-leavers?status=maybe`);
    expect(apiErrorSchema.parse(bad.body).error).toMatchObject({ code: 'bad_request', field: 'status' });
  });

  it('rejects the named held leavers, writing nothing, and ends the held run once none waits', async () => {
    t = await createTestApp();
    const id = await t.addConnection();
    const { runId, ids } = await holdLeavers(t.temp.store, id);
    const first = await t.call(`/api/connections/${id}/held-leavers/reject`, { body: { ids: [ids[0]] } });
    expect(decideHeldLeaversResponseSchema.parse(first.body)).toEqual({ decided: 1, runId: null });
    expect((await t.temp.store.runs.get(runId))?.status).toBe('held');
    const rest = await t.call(`/api/connections/${id}/held-leavers/reject`, { body: {} });
    expect(decideHeldLeaversResponseSchema.parse(rest.body)).toEqual({ decided: 1, runId: null });
    expect((await t.temp.store.held.list(id)).map((leaver) => [leaver.status, leaver.decidedBy])).toEqual([
      ['rejected', 'route-tests'],
      ['rejected', 'route-tests'],
    ]);
    expect((await t.temp.store.runs.get(runId))?.status).toBe('succeeded');
    expect((await t.temp.store.runs.list({ connectionId: id })).total).toBe(1);
  });

  it('applies approved leavers in a run of their own, requested by the token', async () => {
    t = await createTestApp();
    const id = await t.addConnection();
    const { ids } = await holdLeavers(t.temp.store, id);
    const res = await t.call(`/api/connections/${id}/held-leavers/approve`, { body: { ids } });
    expect(res.status).toBe(200);
    const decided = decideHeldLeaversResponseSchema.parse(res.body);
    expect(decided.runId).not.toBeNull();
    expect(await t.temp.store.runs.get(decided.runId ?? 0)).toMatchObject({
      trigger: 'approval',
      requestedBy: 'route-tests',
    });
  });

  it('answers 400 naming the field, and 404 for an unknown connection', async () => {
    t = await createTestApp();
    const id = await t.addConnection();
    const empty = await t.call(`/api/connections/${id}/held-leavers/approve`, { body: { ids: [] } });
    expect(apiErrorSchema.parse(empty.body).error).toMatchObject({ code: 'bad_request', field: 'ids' });
    const notNumbers = await t.call(`/api/connections/${id}/held-leavers/reject`, { body: { ids: ['a'] } });
    expect(apiErrorSchema.parse(notNumbers.body).error.field).toBe('ids.0');
    for (const path of ['held-leavers', 'held-leavers/approve', 'held-leavers/reject']) {
      const res = await t.call(`/api/connections/77/${path}`, path === 'held-leavers' ? {} : { body: {} });
      expect(res.status, path).toBe(404);
    }
  });
});

describe('departments check route', () => {
  let t: TestApp;
  afterEach(async () => t.cleanup());

  it('answers 404 for an unknown connection and 502 when Staffology cannot be reached', async () => {
    t = await createTestApp();
    expect((await t.call('/api/connections/3/departments/check')).status).toBe(404);
    const id = await t.addConnection();
    const res = await t.call(`/api/connections/${id}/departments/check`);
    expect(res.status).toBe(502);
    expect(apiErrorSchema.parse(res.body).error.code).toBe('vendor_error');
  });
});
