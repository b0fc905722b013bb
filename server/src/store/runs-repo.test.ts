import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore, testConnection, testDialects } from './open-temp-store.ts';
import { StoreConflictError } from './store-context.ts';

// Part of the store's contract suite: the same tests on every dialect (open-temp-store.ts testDialects).
describe.each(testDialects())('runs on %s', (dialect) => {
  const leaseMs = 60_000;
  let temp: TempStore;
  let connectionId: number;
  beforeEach(async () => {
    temp = await openTempStore({ dialect, runLeaseMs: leaseMs });
    connectionId = (await temp.store.connections.create(testConnection())).id;
  });
  afterEach(() => temp.cleanup());

  /** Inserts a second running run for the connection behind the repository's back. */
  async function insertRunningBehindTheStore(): Promise<void> {
    if (dialect === 'sqlite') {
      const sqlite = new Database(temp.file);
      try {
        sqlite
          .prepare(
            `insert into runs (connection_id, trigger, status, dry_run, started_at, heartbeat_at)
             values (?, 'manual', 'running', 0, 'x', 'x')`,
          )
          .run(connectionId);
      } finally {
        sqlite.close();
      }
      return;
    }
    const client = new pg.Client({ connectionString: temp.file });
    await client.connect();
    try {
      await client.query(
        `insert into runs (connection_id, trigger, status, dry_run, started_at, heartbeat_at)
         values ($1, 'manual', 'running', false, 'x', 'x')`,
        [connectionId],
      );
    } finally {
      await client.end();
    }
  }

  describe('one running run per connection', () => {
    it('returns the running run instead of starting a second one, until it finishes', async () => {
      const { runs } = temp.store;
      const first = await runs.start({ connectionId, trigger: 'manual', dryRun: false, requestedBy: 'cli' });
      expect(first.started).toBe(true);
      const second = await runs.start({ connectionId, trigger: 'schedule', dryRun: true });
      expect(second).toEqual({ started: false, run: first.run });

      await runs.finish(first.run.id, { status: 'partial', counts: { created: 2, skipped: 1 } });
      const third = await runs.start({
        connectionId,
        trigger: 'schedule',
        dryRun: false,
        requestedBy: 'scheduler',
      });
      expect(third.started).toBe(true);
      expect(third.run.id).not.toBe(first.run.id);
      expect(await runs.get(first.run.id)).toMatchObject({
        status: 'partial',
        counts: { created: 2, skipped: 1 },
        finishedAt: '2026-11-25T04:00:00.000Z',
        requestedBy: 'cli',
      });
    });

    it('holds across two stores open on the same database', async () => {
      const other = await temp.openAnother();
      const first = await temp.store.runs.start({ connectionId, trigger: 'manual', dryRun: false });
      const second = await other.runs.start({ connectionId, trigger: 'manual', dryRun: false });
      expect(second.started).toBe(false);
      expect(second.run.id).toBe(first.run.id);
    });

    it('holds when many starts race from two stores at once: one run starts, every other joins it', async () => {
      const other = await temp.openAnother();
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? other : temp.store).runs.start({ connectionId, trigger: 'manual', dryRun: false }),
        ),
      );
      expect(results.filter((result) => result.started)).toHaveLength(1);
      expect(new Set(results.map((result) => result.run.id)).size).toBe(1);
    });

    it('is enforced by the database itself, not only by the query', async () => {
      await temp.store.runs.start({ connectionId, trigger: 'manual', dryRun: false });
      await expect(insertRunningBehindTheStore()).rejects.toThrow(/UNIQUE|unique/);
    });

    it('lets different connections run at once', async () => {
      const other = (await temp.store.connections.create(testConnection({ name: 'Other' }))).id;
      await temp.store.runs.start({ connectionId, trigger: 'manual', dryRun: false });
      const started = await temp.store.runs.start({ connectionId: other, trigger: 'manual', dryRun: false });
      expect(started.started).toBe(true);
    });

    it('refuses to finish a run twice', async () => {
      const { run } = await temp.store.runs.start({ connectionId, trigger: 'manual', dryRun: false });
      await temp.store.runs.finish(run.id, { status: 'succeeded' });
      await expect(temp.store.runs.finish(run.id, { status: 'failed' })).rejects.toThrow(StoreConflictError);
    });
  });

  describe('stale runs', () => {
    it('are marked failed once the lease expires without a heartbeat; a live one is left alone', async () => {
      const { runs, connections } = temp.store;
      const other = (await connections.create(testConnection({ name: 'Other' }))).id;
      const dead = (await runs.start({ connectionId, trigger: 'manual', dryRun: false })).run;
      const alive = (await runs.start({ connectionId: other, trigger: 'manual', dryRun: false })).run;

      temp.clock.advance(leaseMs / 2);
      expect(await runs.heartbeat(alive.id)).toBe(true);
      temp.clock.advance(leaseMs / 2 + 1);
      expect((await runs.markStale()).map((r) => r.id)).toEqual([dead.id]);

      expect(await runs.get(dead.id)).toMatchObject({
        status: 'failed',
        error: expect.stringMatching(/no heartbeat/),
      });
      expect((await runs.running(other))?.id).toBe(alive.id);
      expect(await runs.heartbeat(dead.id)).toBe(false);
    });

    it('are taken over by the next start', async () => {
      const { runs } = temp.store;
      const dead = (await runs.start({ connectionId, trigger: 'manual', dryRun: false })).run;
      temp.clock.advance(leaseMs + 1);
      const next = await runs.start({ connectionId, trigger: 'schedule', dryRun: false });
      expect(next.started).toBe(true);
      expect((await runs.get(dead.id))?.status).toBe('failed');
      await expect(runs.finish(dead.id, { status: 'succeeded' })).rejects.toThrow(/not running/);
    });
  });

  describe('runs whose process died', () => {
    const host = 'worker-1';
    const alive = new Set([100, 200]);
    const as = (pid: number) => ({ pid, host, isAlive: (other: number) => alive.has(other) });

    it('are marked, and returned, by one caller only when several workers look at once', async () => {
      alive.add(100);
      const second = (await temp.store.connections.create(testConnection({ name: 'Second' }))).id;
      const third = (await temp.store.connections.create(testConnection({ name: 'Third' }))).id;
      const killed = await temp.reopen({ ownership: as(100) });
      const start = async (id: number) =>
        (await killed.runs.start({ connectionId: id, trigger: 'manual', dryRun: false })).run.id;
      const expired = [await start(connectionId), await start(second)];
      temp.clock.advance(leaseMs + 1);
      const orphan = await start(third);
      alive.delete(100);
      const one = await temp.reopen({ ownership: as(200) });
      const two = await temp.openAnother({ ownership: as(200) });
      const found = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? two : one).runs.markStale()),
      );
      const marked = found.flat().map((run) => run.id);
      expect(marked.sort((a, b) => a - b)).toEqual([...expired, orphan]);
    });

    // PostgreSQL only: there workers write side by side; SQLite has one writer at a time by design.
    if (dialect === 'postgres') {
      it('are looked for without waiting for a write transaction of another worker (PostgreSQL)', async () => {
        const other = await temp.openAnother();
        let release = () => {};
        const held = new Promise<void>((resolve) => {
          release = resolve;
        });
        let entered = () => {};
        const holding = new Promise<void>((resolve) => {
          entered = resolve;
        });
        const transaction = other.transaction(async () => {
          entered();
          await held;
        });
        await holding;
        try {
          const timedOut = new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), 2000));
          expect(await Promise.race([temp.store.runs.markStale(), timedOut])).toEqual([]);
        } finally {
          release();
          await transaction;
        }
      });
    }

    it('are abandoned at once when the owning process on this host is gone, without waiting for the lease', async () => {
      const killed = await temp.reopen({ ownership: as(100) });
      const orphan = await killed.runs.start({ connectionId, trigger: 'manual', dryRun: false });
      alive.delete(100); // kill -9
      const next = await (await temp.reopen({ ownership: as(200) })).runs.start({
        connectionId,
        trigger: 'manual',
        dryRun: false,
      });
      expect(next.started).toBe(true);
      expect(await temp.store.runs.get(orphan.run.id)).toMatchObject({ status: 'failed' });
      expect((await temp.store.runs.get(orphan.run.id))?.error).toMatch(/pid 100.*gone/);
    });

    it('are listed by markStale, so a worker can hand them on', async () => {
      alive.add(100);
      const killed = await temp.reopen({ ownership: as(100) });
      const orphan = await killed.runs.start({ connectionId, trigger: 'manual', dryRun: false });
      alive.delete(100);
      const survivor = await temp.reopen({ ownership: as(200) });
      expect((await survivor.runs.markStale()).map((run) => run.id)).toEqual([orphan.run.id]);
    });

    it('are joined while their process lives, or when it runs on another host (the lease decides there)', async () => {
      alive.add(100);
      const owner = await temp.reopen({ ownership: as(100) });
      const live = await owner.runs.start({ connectionId, trigger: 'manual', dryRun: false });
      const joined = await (await temp.reopen({ ownership: as(200) })).runs.start({
        connectionId,
        trigger: 'manual',
        dryRun: false,
      });
      expect(joined).toEqual({ started: false, run: live.run });

      const elsewhere = { pid: 300, host: 'worker-2', isAlive: () => false };
      const remote = await (await temp.reopen({ ownership: elsewhere })).runs.start({
        connectionId,
        trigger: 'manual',
        dryRun: false,
      });
      expect(remote.started).toBe(false);
    });
  });

  describe('listing runs', () => {
    it('pages newest first, optionally by connection', async () => {
      const { runs, connections } = temp.store;
      const other = (await connections.create(testConnection({ name: 'Other' }))).id;
      const ids: number[] = [];
      for (let i = 0; i < 5; i++) {
        const { run } = await runs.start({
          connectionId: i % 2 ? other : connectionId,
          trigger: 'manual',
          dryRun: false,
        });
        await runs.finish(run.id, { status: 'succeeded' });
        ids.push(run.id);
      }
      const page = await runs.list({ limit: 2, offset: 1 });
      expect(page).toMatchObject({ total: 5, limit: 2, offset: 1 });
      expect(page.items.map((r) => r.id)).toEqual([ids[3], ids[2]]);
      expect((await runs.list({ connectionId: other })).items.map((r) => r.id)).toEqual([ids[3], ids[1]]);
    });

    it('leaves dry runs out, or keeps only them, when asked', async () => {
      const { runs } = temp.store;
      const ids: number[] = [];
      for (const dryRun of [false, true, true]) {
        const { run } = await runs.start({ connectionId, trigger: 'manual', dryRun });
        await runs.finish(run.id, { status: 'succeeded' });
        ids.push(run.id);
      }
      expect((await runs.list({ connectionId, dryRun: false })).items.map((r) => r.id)).toEqual([ids[0]]);
      expect(await runs.list({ connectionId, dryRun: true })).toMatchObject({ total: 2 });
    });

    it('finds the newest full run behind any number of dry runs and resyncs', async () => {
      const { runs } = temp.store;
      expect(await runs.lastFull(connectionId)).toBeNull();
      const full = (await runs.start({ connectionId, trigger: 'schedule', dryRun: false })).run;
      await runs.finish(full.id, { status: 'succeeded' });
      for (let i = 0; i < 120; i++) {
        const { run } = await runs.start({
          connectionId,
          trigger: i % 2 ? 'single-user' : 'manual',
          dryRun: i % 2 === 0,
        });
        await runs.finish(run.id, { status: 'succeeded' });
      }
      expect((await runs.lastFull(connectionId))?.id).toBe(full.id);
      const other = (await temp.store.connections.create(testConnection({ name: 'Other' }))).id;
      expect(await runs.lastFull(other)).toBeNull();
    });

    it('ends a held run once its leavers are decided', async () => {
      const { runs } = temp.store;
      const { run } = await runs.start({ connectionId, trigger: 'manual', dryRun: false });
      await runs.finish(run.id, { status: 'held' });
      expect((await runs.resolveHeld(run.id, 'succeeded')).status).toBe('succeeded');
      await expect(runs.resolveHeld(run.id, 'succeeded')).rejects.toThrow(/not held/);
    });
  });
});
