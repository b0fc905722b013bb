import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from './open-store.ts';
import { openTempStore, type TempStore, testConnection, testSecret } from './open-temp-store.ts';
import { StoreConflictError } from './store-context.ts';

const leaseMs = 60_000;
let temp: TempStore;
let connectionId: number;
beforeEach(() => {
  temp = openTempStore({ runLeaseMs: leaseMs });
  connectionId = temp.store.connections.create(testConnection()).id;
});
afterEach(() => temp.cleanup());

describe('one running run per connection', () => {
  it('returns the running run instead of starting a second one, until it finishes', () => {
    const { runs } = temp.store;
    const first = runs.start({ connectionId, trigger: 'manual', dryRun: false, requestedBy: 'cli' });
    expect(first.started).toBe(true);
    const second = runs.start({ connectionId, trigger: 'schedule', dryRun: true });
    expect(second).toEqual({ started: false, run: first.run });

    runs.finish(first.run.id, { status: 'partial', counts: { created: 2, skipped: 1 } });
    const third = runs.start({ connectionId, trigger: 'schedule', dryRun: false, requestedBy: 'scheduler' });
    expect(third.started).toBe(true);
    expect(third.run.id).not.toBe(first.run.id);
    expect(runs.get(first.run.id)).toMatchObject({
      status: 'partial',
      counts: { created: 2, skipped: 1 },
      finishedAt: '2026-11-25T04:00:00.000Z',
      requestedBy: 'cli',
    });
  });

  it('holds across two stores open on the same file', () => {
    const other = openStore({ file: temp.file, secret: testSecret, now: temp.clock.now });
    try {
      const first = temp.store.runs.start({ connectionId, trigger: 'manual', dryRun: false });
      const second = other.runs.start({ connectionId, trigger: 'manual', dryRun: false });
      expect(second.started).toBe(false);
      expect(second.run.id).toBe(first.run.id);
    } finally {
      other.close();
    }
  });

  it('is enforced by the database itself, not only by the query', () => {
    temp.store.runs.start({ connectionId, trigger: 'manual', dryRun: false });
    temp.store.close();
    const sqlite = new Database(temp.file);
    try {
      expect(() =>
        sqlite
          .prepare(
            `insert into runs (connection_id, trigger, status, dry_run, started_at, heartbeat_at)
             values (?, 'manual', 'running', 0, 'x', 'x')`,
          )
          .run(connectionId),
      ).toThrow(/UNIQUE/);
    } finally {
      sqlite.close();
    }
  });

  it('lets different connections run at once', () => {
    const other = temp.store.connections.create(testConnection({ name: 'Other' })).id;
    temp.store.runs.start({ connectionId, trigger: 'manual', dryRun: false });
    expect(temp.store.runs.start({ connectionId: other, trigger: 'manual', dryRun: false }).started).toBe(
      true,
    );
  });

  it('refuses to finish a run twice', () => {
    const { run } = temp.store.runs.start({ connectionId, trigger: 'manual', dryRun: false });
    temp.store.runs.finish(run.id, { status: 'succeeded' });
    expect(() => temp.store.runs.finish(run.id, { status: 'failed' })).toThrow(StoreConflictError);
  });
});

describe('stale runs', () => {
  it('are marked failed once the lease expires without a heartbeat; a live one is left alone', () => {
    const { runs, connections } = temp.store;
    const other = connections.create(testConnection({ name: 'Other' })).id;
    const dead = runs.start({ connectionId, trigger: 'manual', dryRun: false }).run;
    const alive = runs.start({ connectionId: other, trigger: 'manual', dryRun: false }).run;

    temp.clock.advance(leaseMs / 2);
    expect(runs.heartbeat(alive.id)).toBe(true);
    temp.clock.advance(leaseMs / 2 + 1);
    expect(runs.markStale().map((r) => r.id)).toEqual([dead.id]);

    expect(runs.get(dead.id)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/no heartbeat/),
    });
    expect(runs.running(other)?.id).toBe(alive.id);
    expect(runs.heartbeat(dead.id)).toBe(false);
  });

  it('are taken over by the next start', () => {
    const { runs } = temp.store;
    const dead = runs.start({ connectionId, trigger: 'manual', dryRun: false }).run;
    temp.clock.advance(leaseMs + 1);
    const next = runs.start({ connectionId, trigger: 'schedule', dryRun: false });
    expect(next.started).toBe(true);
    expect(runs.get(dead.id)?.status).toBe('failed');
    expect(() => runs.finish(dead.id, { status: 'succeeded' })).toThrow(/not running/);
  });
});

describe('runs whose process died', () => {
  const host = 'worker-1';
  const alive = new Set([100, 200]);
  const as = (pid: number) => ({ pid, host, isAlive: (other: number) => alive.has(other) });

  it('are abandoned at once when the owning process on this host is gone, without waiting for the lease', () => {
    const killed = temp.reopen({ ownership: as(100) });
    const orphan = killed.runs.start({ connectionId, trigger: 'manual', dryRun: false });
    alive.delete(100); // kill -9
    const next = temp
      .reopen({ ownership: as(200) })
      .runs.start({ connectionId, trigger: 'manual', dryRun: false });
    expect(next.started).toBe(true);
    expect(temp.store.runs.get(orphan.run.id)).toMatchObject({ status: 'failed' });
    expect(temp.store.runs.get(orphan.run.id)?.error).toMatch(/pid 100.*gone/);
  });

  it('are joined while their process lives, or when it runs on another host (the lease decides there)', () => {
    alive.add(100);
    const owner = temp.reopen({ ownership: as(100) });
    const live = owner.runs.start({ connectionId, trigger: 'manual', dryRun: false });
    const joined = temp
      .reopen({ ownership: as(200) })
      .runs.start({ connectionId, trigger: 'manual', dryRun: false });
    expect(joined).toEqual({ started: false, run: live.run });

    const elsewhere = { pid: 300, host: 'worker-2', isAlive: () => false };
    const remote = temp
      .reopen({ ownership: elsewhere })
      .runs.start({ connectionId, trigger: 'manual', dryRun: false });
    expect(remote.started).toBe(false);
  });
});

describe('listing runs', () => {
  it('pages newest first, optionally by connection', () => {
    const { runs, connections } = temp.store;
    const other = connections.create(testConnection({ name: 'Other' })).id;
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) {
      const { run } = runs.start({
        connectionId: i % 2 ? other : connectionId,
        trigger: 'manual',
        dryRun: false,
      });
      runs.finish(run.id, { status: 'succeeded' });
      ids.push(run.id);
    }
    const page = runs.list({ limit: 2, offset: 1 });
    expect(page).toMatchObject({ total: 5, limit: 2, offset: 1 });
    expect(page.items.map((r) => r.id)).toEqual([ids[3], ids[2]]);
    expect(runs.list({ connectionId: other }).items.map((r) => r.id)).toEqual([ids[3], ids[1]]);
  });

  it('leaves dry runs out, or keeps only them, when asked', () => {
    const { runs } = temp.store;
    const ids = [false, true, true].map((dryRun) => {
      const { run } = runs.start({ connectionId, trigger: 'manual', dryRun });
      runs.finish(run.id, { status: 'succeeded' });
      return run.id;
    });
    expect(runs.list({ connectionId, dryRun: false }).items.map((r) => r.id)).toEqual([ids[0]]);
    expect(runs.list({ connectionId, dryRun: true })).toMatchObject({ total: 2 });
  });

  it('finds the newest full run behind any number of dry runs and resyncs', () => {
    const { runs } = temp.store;
    expect(runs.lastFull(connectionId)).toBeNull();
    const full = runs.start({ connectionId, trigger: 'schedule', dryRun: false }).run;
    runs.finish(full.id, { status: 'succeeded' });
    for (let i = 0; i < 120; i++) {
      const { run } = runs.start({
        connectionId,
        trigger: i % 2 ? 'single-user' : 'manual',
        dryRun: i % 2 === 0,
      });
      runs.finish(run.id, { status: 'succeeded' });
    }
    expect(runs.lastFull(connectionId)?.id).toBe(full.id);
    const other = temp.store.connections.create(testConnection({ name: 'Other' })).id;
    expect(runs.lastFull(other)).toBeNull();
  });

  it('ends a held run once its leavers are decided', () => {
    const { runs } = temp.store;
    const { run } = runs.start({ connectionId, trigger: 'manual', dryRun: false });
    runs.finish(run.id, { status: 'held' });
    expect(runs.resolveHeld(run.id, 'succeeded').status).toBe('succeeded');
    expect(() => runs.resolveHeld(run.id, 'succeeded')).toThrow(/not held/);
  });
});
