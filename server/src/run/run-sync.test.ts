import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
// The vendors are the sandbox's simulators over real HTTP (STYLE.md 11: fake the platform, not our code).
import { type Sandbox, startSandbox } from '../../../test/sandbox/index.ts';
import { parseEnv } from '../config/parse-env.ts';
import { createLogger } from '../logging/create-logger.ts';
import { openTempStore, type TempStore } from '../store/open-temp-store.ts';
import { approveHeldLeavers } from './approve-held-leavers.ts';
import { createVendorClients } from './create-vendor-clients.ts';
import type { RunDeps } from './run-deps.ts';
import { runSync, startSync } from './run-sync.ts';
import { createScheduler } from './scheduler.ts';

let sandbox: Sandbox;
let temp: TempStore;
let connectionId: number;
let settings: ReturnType<typeof parseEnv>;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 5, employees: 40 });
  settings = parseEnv({
    EXPENSEIN_RETRIES: '0',
    STAFFOLOGY_RETRIES: '0',
    STAFFSYNC_ALLOWED_HOSTS: [sandbox.staffology.baseUrl, sandbox.expensein.baseUrl]
      .map((url) => new URL(url).host)
      .join(','),
  });
}, 60_000);

afterAll(async () => {
  temp?.cleanup();
  await sandbox?.stop();
});

beforeEach(async () => {
  sandbox.staffology.control.backend.reset();
  sandbox.expensein.control.backend.reset();
  sandbox.expensein.control.clearRequests();
  temp?.cleanup();
  // The store's clock moves only when told: 03:00 UTC, an hour before the daily slot.
  temp = await openTempStore();
  temp.clock.advance(-60 * 60_000);
  connectionId = (
    await temp.store.connections.create({
      name: 'Sandbox',
      staffology: {
        baseUrl: sandbox.staffology.baseUrl,
        apiKey: sandbox.staffology.apiKey,
        employerId: sandbox.staffology.employerId,
      },
      expensein: { baseUrl: sandbox.expensein.baseUrl, apiKey: sandbox.expensein.apiKey },
      source: 'api',
    })
  ).id;
});

function deps(): RunDeps {
  return {
    store: temp.store,
    logger: createLogger({ level: 'silent' }),
    clock: temp.clock.now,
    clientsFor: createVendorClients(settings.http, settings.allowedHosts),
    pollMs: 5,
  };
}

function expenseinWrites(): number {
  const { byMethod } = sandbox.expensein.control.requests();
  return (byMethod.POST ?? 0) + (byMethod.PATCH ?? 0);
}

describe('runSync', () => {
  it('joins the run under way instead of starting a second one', async () => {
    const first = await startSync(deps(), { connectionId, trigger: 'manual' });
    const second = await startSync(deps(), { connectionId, trigger: 'manual' });
    expect(second).toMatchObject({ runId: first.runId, joined: true });
    const [a, b] = await Promise.all([first.done, second.done]);
    expect(b.status).toBe(a.status);
    expect((await temp.store.runs.list({ connectionId })).total).toBe(1);
  });

  it('waits for a run of another kind under way, then runs the one asked for', async () => {
    const resync = await temp.store.runs.start({ connectionId, trigger: 'single-user', dryRun: false });
    const handle = await startSync(deps(), { connectionId, trigger: 'manual', dryRun: true });
    expect(handle).toMatchObject({ runId: resync.run.id, joined: true });
    await temp.store.runs.finish(resync.run.id, { status: 'succeeded' });
    const report = await handle.done;
    expect(report).toMatchObject({ trigger: 'manual', dryRun: true, joined: false });
    expect(report.runId).not.toBe(resync.run.id);
    expect(report.status).not.toBe('running');
  });

  it('marks a run left running by a dead process failed, and starts afresh', async () => {
    const dead = await temp.store.runs.start({ connectionId, trigger: 'schedule', dryRun: false });
    temp.clock.advance(10 * 60_000);
    const report = await runSync(deps(), { connectionId, trigger: 'manual' });
    expect(report.runId).not.toBe(dead.run.id);
    expect(await temp.store.runs.get(dead.run.id)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/abandoned/),
    });
  });

  it('fails with the credentials error when ExpenseIn refuses the key, writing nothing', async () => {
    await temp.store.connections.update(connectionId, { expensein: { apiKey: 'not-the-key' } });
    const alerts: string[] = [];
    const report = await runSync(
      {
        ...deps(),
        alert: (ended, connection) => void alerts.push(`${connection.id}:${ended.runId}:${ended.status}`),
      },
      { connectionId, trigger: 'manual' },
    );
    expect(report.status).toBe('failed');
    expect(alerts).toEqual([`${connectionId}:${report.runId}:failed`]);
    expect(report.error).toMatch(/ExpenseIn rejected the API key \(401\)/);
    expect(report.error).not.toContain('not-the-key');
    expect(expenseinWrites()).toBe(0);
  });

  it('R18: fails with source_empty and changes nothing when HR returns no employees while users are linked', async () => {
    await runSync(deps(), { connectionId, trigger: 'manual' });
    const hr = sandbox.staffology.control.backend.snapshot();
    sandbox.staffology.control.backend.load({ ...hr, employees: { [sandbox.staffology.employerId]: [] } });
    sandbox.expensein.control.clearRequests();
    const report = await runSync(deps(), { connectionId, trigger: 'manual' });
    expect(report).toMatchObject({ status: 'failed', error: expect.stringMatching(/no employees/) });
    expect(expenseinWrites()).toBe(0);
    expect((await temp.store.runItems.list(report.runId)).items.map((item) => item.code)).toEqual([
      'source_empty',
    ]);
  });

  it('R17: holds leavers past the guard, and applies them once approved in an approval run', async () => {
    // Every new leaver trips a guard set to 0% and 0: the demo company's leavers are held.
    await temp.store.connections.update(connectionId, {
      settings: { leaverGuardPercent: 0, leaverGuardMin: 0 },
    });
    const held = await runSync(deps(), { connectionId, trigger: 'manual' });
    expect(held.status).toBe('held');
    expect(held.counts.held).toBeGreaterThan(0);
    const pending = await temp.store.held.list(connectionId, { status: 'pending' });
    expect(pending).toHaveLength(held.counts.held);

    const decision = await approveHeldLeavers(deps(), connectionId, 'alice');
    expect(decision.decided).toHaveLength(pending.length);
    expect(decision.run).toMatchObject({ trigger: 'approval', requestedBy: 'alice', status: 'succeeded' });
    expect(decision.run?.counts.leavers).toBe(pending.length);
    const users = sandbox.expensein.control.backend.snapshot().users;
    for (const leaver of pending) {
      expect(users.find((user) => user.id === leaver.userId)?.leaveDate).toBe(leaver.leaveDate);
    }
    // The held run ends with the status it had without the guard: the demo company has skips.
    expect((await temp.store.runs.get(held.runId))?.status).toBe('partial');
    // The approval touched a few users only: the held run stays the last full run (badges, drift, scheduler).
    expect((await temp.store.runs.lastFull(connectionId))?.id).toBe(held.runId);
  });
});

describe('R17 approval reads HR again (PRODUCT.md 2)', () => {
  it('releases a held leaver HR no longer has as one, and marks another with the date HR holds now', async () => {
    await temp.store.connections.update(connectionId, {
      settings: { leaverGuardPercent: 0, leaverGuardMin: 0 },
    });
    const held = await runSync(deps(), { connectionId, trigger: 'manual' });
    expect(held.status).toBe('held');
    const [fixed, moved, ...others] = await temp.store.held.list(connectionId, { status: 'pending' });
    if (!fixed || !moved) throw new Error('the demo company needs two held leavers');

    // Between the hold and the approval, HR fixes one (not a leaver after all) and moves the other's date.
    const state = sandbox.staffology.control.backend.snapshot();
    for (const employee of Object.values(state.employees).flat()) {
      const code = employee.employmentDetails.payrollCode;
      if (code === fixed.employeeNumber) {
        employee.status = 'Current';
        employee.employmentDetails.leaverDetails = null;
      }
      if (code === moved.employeeNumber) {
        employee.status = 'Former';
        employee.employmentDetails.leaverDetails = { hasLeft: true, leaveDate: '2026-11-02' };
      }
    }
    sandbox.staffology.control.backend.load(state);

    const decision = await approveHeldLeavers(deps(), connectionId, 'alice');
    const statuses = Object.fromEntries(
      decision.decided.map((leaver) => [leaver.employeeNumber, leaver.status]),
    );
    expect(statuses[fixed.employeeNumber]).toBe('released');
    expect(statuses[moved.employeeNumber]).toBe('approved');
    const users = sandbox.expensein.control.backend.snapshot().users;
    expect(users.find((user) => user.id === fixed.userId)?.leaveDate).toBeNull();
    expect(users.find((user) => user.id === moved.userId)?.leaveDate).toBe('2026-11-02');
    for (const other of others) {
      expect(users.find((user) => user.id === other.userId)?.leaveDate).toBe(other.leaveDate);
    }
    expect(await temp.store.held.list(connectionId, { status: 'pending' })).toEqual([]);
  });
});

describe('R17 across runs', () => {
  it('moves leavers held again to the newer run, releases those a later run no longer holds, and ends the runs that held them', async () => {
    await temp.store.connections.update(connectionId, {
      settings: { leaverGuardPercent: 0, leaverGuardMin: 0 },
    });
    const first = await runSync(deps(), { connectionId, trigger: 'manual' });
    const second = await runSync(deps(), { connectionId, trigger: 'manual' });
    expect([first.status, second.status]).toEqual(['held', 'held']);
    const pending = await temp.store.held.list(connectionId, { status: 'pending' });
    expect(pending).toHaveLength(first.counts.held);
    expect(new Set(pending.map((held) => held.runId))).toEqual(new Set([second.runId]));
    // The first run waits for nothing now: it ends as it would have without the guard (the demo company has skips).
    expect((await temp.store.runs.get(first.runId))?.status).toBe('partial');

    // The guard no longer trips: the next run marks the leavers itself, so the held ones are stale.
    await temp.store.connections.update(connectionId, {
      settings: { leaverGuardPercent: 100, leaverGuardMin: 1_000_000 },
    });
    const third = await runSync(deps(), { connectionId, trigger: 'manual' });
    expect(third.counts.leavers).toBe(pending.length);
    expect(await temp.store.held.list(connectionId, { status: 'pending' })).toEqual([]);
    // Released, not rejected: a rejection sticks until HR changes the date, and nobody rejected these.
    expect(await temp.store.held.list(connectionId, { status: 'released' })).toEqual(
      pending.map((held) =>
        expect.objectContaining({ id: held.id, decidedBy: `superseded by run ${third.runId}` }),
      ),
    );
    expect((await temp.store.runs.get(second.runId))?.status).toBe('partial');
    expect(await approveHeldLeavers(deps(), connectionId, 'alice')).toEqual({ decided: [], run: null });
  });
});

describe('createScheduler', () => {
  it('runs a new connection at start, records the 04:00 slot it covers, and runs nothing more until the next slot', async () => {
    const scheduler = createScheduler(deps());
    temp.clock.advance(2 * 60 * 60_000); // 05:00 UTC: connected at 03:00, the 04:00 slot was missed.
    await scheduler.start();
    await scheduler.stop();
    const runs = (await temp.store.runs.list({ connectionId })).items;
    expect(runs.map((run) => [run.trigger, run.requestedBy])).toEqual([['connect', 'scheduler']]);
    expect((await temp.store.connections.get(connectionId))?.lastScheduledRunAt).toBe(
      '2026-11-25T04:00:00.000Z',
    );

    temp.clock.advance(60_000);
    await scheduler.tick();
    await scheduler.stop();
    expect((await temp.store.runs.list({ connectionId })).total).toBe(1);

    temp.clock.advance(23 * 60 * 60_000); // the next day's 04:00 slot
    await scheduler.tick();
    await scheduler.stop();
    expect((await temp.store.runs.list({ connectionId })).items[0]?.trigger).toBe('schedule');
  });

  it('runs the 04:00 slot after a dry run it met under way, rather than counting that dry run as the slot', async () => {
    const scheduler = createScheduler(deps());
    temp.clock.advance(2 * 60 * 60_000); // 05:00 UTC: the 04:00 slot is due.
    const dry = await temp.store.runs.start({
      connectionId,
      trigger: 'manual',
      dryRun: true,
      requestedBy: 'alice',
    });
    await scheduler.tick();
    await temp.store.runs.finish(dry.run.id, { status: 'succeeded' });
    await scheduler.stop();
    expect((await temp.store.runs.list({ connectionId })).items[0]).toMatchObject({
      dryRun: false,
      requestedBy: 'scheduler',
    });
    expect((await temp.store.connections.get(connectionId))?.lastScheduledRunAt).toBe(
      '2026-11-25T04:00:00.000Z',
    );
  });

  it('retries a failed 04:00 run after about 15 minutes (PRODUCT.md 4.2), and runs intervals', async () => {
    const scheduler = createScheduler(deps());
    temp.clock.advance(60 * 60_000); // 04:00 UTC: connected an hour ago
    await scheduler.start();
    await scheduler.stop();
    temp.clock.advance(24 * 60 * 60_000); // the next day's slot, with Staffology down
    sandbox.staffology.control.setFaults({ routes: { '*': { errorRates: { '503': 1 } } } });
    await scheduler.tick();
    await scheduler.stop();
    const [failed] = (await temp.store.runs.list({ connectionId })).items;
    expect(failed).toMatchObject({ trigger: 'schedule', status: 'failed' });

    temp.clock.advance(14 * 60_000);
    await scheduler.tick();
    await scheduler.stop();
    expect((await temp.store.runs.list({ connectionId })).total).toBe(2);

    sandbox.staffology.control.setFaults({});
    temp.clock.advance(60_000 + 1_000);
    await scheduler.tick();
    await scheduler.stop();
    const [retried] = (await temp.store.runs.list({ connectionId })).items;
    expect(retried).toMatchObject({ trigger: 'retry', requestedBy: 'scheduler' });
    expect(retried?.status).not.toBe('failed');

    // The retry worked: no more retries. An interval of 30 minutes adds runs besides the daily one.
    await temp.store.connections.update(connectionId, { syncEveryMinutes: 30 });
    temp.clock.advance(29 * 60_000);
    await scheduler.tick();
    await scheduler.stop();
    expect((await temp.store.runs.list({ connectionId })).total).toBe(3);
    temp.clock.advance(2 * 60_000);
    await scheduler.tick();
    await scheduler.stop();
    expect((await temp.store.runs.list({ connectionId })).items[0]?.trigger).toBe('interval');
  });
});
