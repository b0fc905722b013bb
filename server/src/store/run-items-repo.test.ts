import type { Outcome, Subject } from '@staffsync/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore, testConnection, testDialects } from './open-temp-store.ts';
import type { RunItemInput } from './run-items-repo.ts';

// Part of the store's contract suite: the same tests on every dialect (open-temp-store.ts testDialects).
describe.each(testDialects())('run items on %s', (dialect) => {
  let temp: TempStore;
  let connectionId: number;
  beforeEach(async () => {
    temp = await openTempStore({ dialect });
    connectionId = (await temp.store.connections.create(testConnection())).id;
  });
  afterEach(() => temp.cleanup());

  function subject(n: number): Subject {
    return { employeeNumber: `E${n}`, userId: 100 + n, sourceId: `s${n}`, name: `Person ${n}` };
  }

  const skipped = (n: number): RunItemInput => ({
    kind: 'outcome',
    outcome: {
      rule: 'R1',
      code: 'missing_required_fields',
      severity: 'skipped',
      subject: subject(n),
      message: 'Work Email is missing',
      details: { missing: ['workEmail'] },
    } satisfies Outcome,
  });

  const warned = (n: number): RunItemInput => ({
    kind: 'outcome',
    outcome: {
      rule: 'R9',
      code: 'department_not_found',
      severity: 'warning',
      subject: subject(n),
      message: 'no department "Ops"',
      details: {},
    },
  });

  const updated = (n: number, result: 'applied' | 'failed' = 'applied'): RunItemInput => ({
    kind: 'action',
    actionKind: 'update',
    rule: 'R7',
    subject: subject(n),
    changes: [{ field: 'firstName', rule: 'R7', before: 'Bob', after: 'Rob', overwritten: true }],
    message: 'First Name Bob -> Rob',
    result,
    error: result === 'failed' ? '409 email taken' : null,
  });

  async function startRun(dryRun = false): Promise<number> {
    const { run } = await temp.store.runs.start({ connectionId, trigger: 'manual', dryRun });
    return run.id;
  }

  describe('run items', () => {
    it('numbers items in order across several adds and reads them back as domain objects', async () => {
      const runId = await startRun();
      await temp.store.runItems.add(runId, [skipped(1), updated(2)]);
      await temp.store.runItems.add(runId, [warned(3)]);

      const { items, total } = await temp.store.runItems.list(runId);
      expect(total).toBe(3);
      expect(items.map((i) => i.seq)).toEqual([1, 2, 3]);
      expect(items[0]).toMatchObject({
        kind: 'outcome',
        rule: 'R1',
        code: 'missing_required_fields',
        severity: 'skipped',
        actionKind: null,
        subject: subject(1),
        details: { missing: ['workEmail'] },
        result: 'recorded',
        changes: [],
      });
      expect(items[1]).toMatchObject({
        kind: 'action',
        actionKind: 'update',
        code: null,
        changes: [{ field: 'firstName', before: 'Bob', after: 'Rob', overwritten: true }],
        result: 'applied',
      });
    });

    it('pages and filters by severity, code, rule, kind and result', async () => {
      const runId = await startRun();
      await temp.store.runItems.add(runId, [
        skipped(1),
        warned(2),
        updated(3),
        skipped(4),
        updated(5, 'failed'),
        skipped(6),
        warned(7),
      ]);
      const { runItems } = temp.store;
      const page = await runItems.list(runId, { limit: 2, offset: 2 });
      expect(page.total).toBe(7);
      expect(page.items.map((i) => i.subject.employeeNumber)).toEqual(['E3', 'E4']);

      const names = async (filter: Parameters<typeof runItems.list>[1]) =>
        (await runItems.list(runId, filter)).items.map((i) => i.subject.employeeNumber);
      expect(await names({ severity: 'skipped' })).toEqual(['E1', 'E4', 'E6']);
      expect(await names({ severity: ['skipped', 'warning'], limit: 2, offset: 1 })).toEqual(['E2', 'E4']);
      expect((await runItems.list(runId, { severity: ['skipped', 'warning'], limit: 2 })).total).toBe(5);
      expect(await names({ code: 'department_not_found' })).toEqual(['E2', 'E7']);
      expect(await names({ rule: 'R7' })).toEqual(['E3', 'E5']);
      expect(await names({ kind: 'action', result: 'failed' })).toEqual(['E5']);
    });

    it('reads every item of a run past any page size, in order, filtered when asked', async () => {
      const runId = await startRun();
      const items = Array.from({ length: 1200 }, (_, n) => (n % 3 === 0 ? warned(n) : updated(n)));
      items.push(skipped(9999));
      await temp.store.runItems.add(runId, items);
      const all = await temp.store.runItems.all(runId);
      expect(all.map((item) => item.seq)).toEqual(items.map((_, index) => index + 1));
      expect(await temp.store.runItems.all(runId, { kind: 'outcome', severity: 'skipped' })).toMatchObject([
        { code: 'missing_required_fields', subject: subject(9999) },
      ]);
    });

    it("lists one user's items across runs, newest first, without dry runs unless asked", async () => {
      const first = await startRun();
      await temp.store.runItems.add(first, [updated(1), skipped(2)]);
      await temp.store.runs.finish(first, { status: 'partial' });
      const preview = await startRun(true);
      await temp.store.runItems.add(preview, [warned(1)]);
      await temp.store.runs.finish(preview, { status: 'succeeded' });
      const second = await startRun();
      await temp.store.runItems.add(second, [skipped(1)]);

      const { runItems } = temp.store;
      expect(
        (await runItems.forUser(connectionId, { userId: 101 })).map((i) => [i.runId, i.code ?? i.actionKind]),
      ).toEqual([
        [second, 'missing_required_fields'],
        [first, 'update'],
      ]);
      const all = await runItems.forUser(connectionId, { employeeNumber: 'E1' }, { includeDryRuns: true });
      expect(all.map((i) => i.run.dryRun)).toEqual([false, true, false]);
      expect(await runItems.forUser(connectionId, { userId: 101 }, { limit: 1 })).toHaveLength(1);
    });

    it('refuses a bank change that is not masked', async () => {
      const runId = await startRun();
      const leak: RunItemInput = {
        ...(updated(1) as Extract<RunItemInput, { kind: 'action' }>),
        changes: [
          { field: 'bankDetails', rule: 'R8', before: null, after: 'J Smith 12345678', overwritten: false },
        ],
      };
      await expect(temp.store.runItems.add(runId, [leak])).rejects.toThrow(/not masked/);
      const masked: RunItemInput = {
        ...(updated(1) as Extract<RunItemInput, { kind: 'action' }>),
        changes: [
          { field: 'bankDetails', rule: 'R8', before: null, after: 'J Smith ••••••78', overwritten: false },
        ],
      };
      await temp.store.runItems.add(runId, [masked]);
      expect((await temp.store.runItems.all(runId))[0]?.changes[0]?.after).toBe('J Smith ••••••78');
    });

    it('stores an account name with a few digits in it, but not one that carries a full number', async () => {
      const runId = await startRun();
      const change = (after: string): RunItemInput => ({
        ...(updated(1) as Extract<RunItemInput, { kind: 'action' }>),
        changes: [{ field: 'bankDetails', rule: 'R8', before: null, after, overwritten: false }],
      });
      await temp.store.runItems.add(runId, [change('Flat 123 Trust ••••••78')]);
      expect((await temp.store.runItems.all(runId))[0]?.changes[0]?.after).toBe('Flat 123 Trust ••••••78');
      await expect(temp.store.runItems.add(runId, [change('J Smith 12-34-56 ••••••78')])).rejects.toThrow(
        /not masked/,
      );
      await expect(temp.store.runItems.add(runId, [change('J Smith ••••••5678')])).rejects.toThrow(
        /not masked/,
      );
    });
  });
});
