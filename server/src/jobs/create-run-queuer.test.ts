import { afterEach, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore, testConnection } from '../store/open-temp-store.ts';
import { createRunQueuer, NoWorkerError } from './create-run-queuer.ts';

describe('createRunQueuer', () => {
  let temp: TempStore | undefined;
  afterEach(() => temp?.cleanup());

  it('answers with the run a worker started for the job', async () => {
    temp = await openTempStore();
    const store = temp.store;
    const { id } = await store.connections.create(testConnection());
    const sent: unknown[] = [];
    const queue = createRunQueuer(
      store,
      async (job) => {
        sent.push(job);
        // The worker: it takes the job and starts the run.
        await store.runs.start({ connectionId: id, trigger: 'manual', dryRun: false });
        return 'job-1';
      },
      { clock: () => new Date(), waitMs: 5_000, pollMs: 5 },
    );
    const runId = await queue({ connectionId: id, trigger: 'manual', requestedBy: 'test' });
    expect((await store.runs.running(id))?.id).toBe(runId);
    expect(sent).toHaveLength(1);
  });

  it('gives up with NoWorkerError, naming the command to start, when no worker takes the job', async () => {
    temp = await openTempStore();
    const { id } = await temp.store.connections.create(testConnection());
    const queue = createRunQueuer(temp.store, async () => 'job-1', {
      clock: () => new Date(),
      waitMs: 50,
      pollMs: 5,
    });
    const asked = queue({ connectionId: id, trigger: 'manual', requestedBy: 'test' });
    await expect(asked).rejects.toBeInstanceOf(NoWorkerError);
    await expect(asked).rejects.toThrow(/staffsync worker/);
  });
});
