import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { alertPayload } from '../alerts/alert-payload.ts';
import { createTestApp, type TestApp } from '../http/create-test-app.ts';
import { createLogger } from '../logging/create-logger.ts';
import type { RunReport } from '../run/run-report.ts';

// PRODUCT.md 4.2 and 4.3: an account number a vendor echoes back, written with spaces or dashes, reaches none of the
// places a run's error goes: the log, the run's row, the API's answers, the alert webhook's body.
const echoes = ['1234 5678', '1234-5678', '12 34 56 78', '12-34-56'];

describe('redaction of spaced and dashed account numbers along every path', () => {
  let t: TestApp;
  afterEach(async () => t.cleanup());

  it('leaves no trace of them in logs, database rows, API answers or the webhook body', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const alerts: RunReport[] = [];
    t = await createTestApp({
      deps: {
        logger: createLogger({ level: 'trace', destination }),
        // A vendor that echoes what it refused: the run fails with that text as its error.
        clientsFor: () => {
          throw new Error(`ExpenseIn refused account ${echoes[0]} (also ${echoes.slice(1).join(', ')})`);
        },
        alert: (report) => {
          alerts.push(report);
        },
      },
    });
    const id = await t.addConnection();
    const started = await t.call(`/api/connections/${id}/runs`, { body: { dryRun: false } });
    expect(started.status).toBe(202);
    await t.runs.settled();
    const runs = await t.call(`/api/connections/${id}/runs`);
    const [run] = (await t.temp.store.runs.list({ connectionId: id })).items;
    expect(run?.status).toBe('failed');
    expect(run?.error).toContain('ExpenseIn refused account [redacted]');
    const detail = await t.call(`/api/connections/${id}/runs/${run?.id}`);
    const [report] = alerts;
    if (!report) throw new Error('no alert was raised');
    const connection = await t.temp.store.connections.require(id);
    t.temp.store.close();
    const folder = dirname(t.temp.file);
    const database = readdirSync(folder)
      .filter((name) => name.startsWith('staffsync.db'))
      .map((name) => readFileSync(join(folder, name)).toString('latin1'))
      .join('\n');

    const places = {
      logs: lines.join(''),
      database,
      api: [runs, detail].map((res) => JSON.stringify(res.body)).join('\n'),
      webhook: JSON.stringify(alertPayload(report, connection)),
    };
    // Positive control: the run's failure is in every place, so the search is meaningful.
    for (const [place, text] of Object.entries(places)) expect(text, place).toContain('refused account');
    for (const [place, text] of Object.entries(places)) {
      for (const echo of echoes) expect(text, `${echo} in ${place}`).not.toContain(echo);
    }
  });
});
