import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/create-logger.ts';
import { countRun, flattenTally } from '../run/count-run.ts';
import { reportRun } from '../run/run-report.ts';
import { parseAllowedHosts } from '../security/allowed-hosts.ts';
import { openTempStore, type TempStore, testConnection } from '../store/open-temp-store.ts';
import { createWebhookAlert } from './create-webhook-alert.ts';

/**
 * A webhook receiver on 127.0.0.1 answering each POST with the next status of `statuses` (then 200); `location`
 * is sent with every answer, for redirects.
 */
async function startReceiver(statuses: number[], location?: string) {
  const bodies: string[] = [];
  const server: Server = createServer(async (request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    bodies.push(Buffer.concat(chunks).toString('utf8'));
    response.statusCode = statuses.shift() ?? 200;
    if (location) response.setHeader('Location', location);
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    host: `127.0.0.1:${address.port}`,
    url: `http://127.0.0.1:${address.port}/hooks/T0/secret-path`,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const logger = createLogger({ level: 'silent' });

/** Alerts allowed to post to `hosts` only (STAFFSYNC_ALLOWED_HOSTS). */
function alertsFor(...hosts: string[]) {
  return createWebhookAlert({ logger, allowedHosts: parseAllowedHosts(hosts.join(',')), minTimeoutMs: 1 });
}

describe('createWebhookAlert', () => {
  let temp: TempStore;
  afterEach(() => temp.cleanup());

  async function partialRun(webhook: string | null) {
    temp = await openTempStore();
    const { store } = temp;
    const connection = await store.connections.create(testConnection({ alertWebhookUrl: webhook }));
    const { run } = await store.runs.start({
      connectionId: connection.id,
      trigger: 'schedule',
      dryRun: false,
    });
    const tally = countRun({
      actions: [],
      outcomes: [
        { code: 'invalid_email', severity: 'skipped' },
        { code: 'email_in_use', severity: 'conflict' },
      ],
      employees: 3,
      unchanged: 1,
    });
    const finished = await store.runs.finish(run.id, { status: 'partial', counts: flattenTally(tally) });
    return { report: reportRun(finished, { joined: false }), connection };
  }

  it('posts the run summary, retrying a 5xx, without holding up the caller or carrying a secret', async () => {
    const receiver = await startReceiver([503]);
    const { report, connection } = await partialRun(receiver.url);
    const alerts = alertsFor(receiver.host);
    expect(alerts.alert(report, connection)).toBeUndefined();
    expect(receiver.bodies).toEqual([]);
    await alerts.settled();
    await receiver.close();
    expect(receiver.bodies).toHaveLength(2);
    const payload = JSON.parse(receiver.bodies[1] ?? '{}');
    expect(payload).toMatchObject({
      event: 'staffsync.run.ended',
      connection: { id: connection.id, name: 'Acme' },
      run: { id: report.runId, status: 'partial', trigger: 'schedule', counts: { employees: 3 } },
    });
    expect(payload.text).toContain('ended partial: 1 skipped, 1 in conflict');
    for (const secret of ['staffology-key-7f3a9c', 'expensein-key-b81e44', 'secret-path', '127.0.0.1:4010']) {
      expect(receiver.bodies[1]).not.toContain(secret);
    }
  });

  it('gives up at once on a 4xx other than 429', async () => {
    const receiver = await startReceiver([410, 200]);
    const { report, connection } = await partialRun(receiver.url);
    const alerts = alertsFor(receiver.host);
    alerts.alert(report, connection);
    await alerts.settled();
    await receiver.close();
    expect(receiver.bodies).toHaveLength(1);
  });

  it('sends nothing for a connection without a webhook', async () => {
    const receiver = await startReceiver([]);
    const { report, connection } = await partialRun(null);
    const alerts = alertsFor(receiver.host);
    alerts.alert(report, connection);
    await alerts.settled();
    await receiver.close();
    expect(receiver.bodies).toEqual([]);
  });

  it('posts nothing to a webhook outside the allowed hosts (the receiver counts no hit)', async () => {
    const receiver = await startReceiver([]);
    const { report, connection } = await partialRun(receiver.url);
    const alerts = alertsFor('127.0.0.1:1', 'hooks.example.com');
    alerts.alert(report, connection);
    await alerts.settled();
    await receiver.close();
    expect(receiver.bodies).toEqual([]);
  });

  it('does not follow a redirect to another host', async () => {
    const elsewhere = await startReceiver([]);
    const receiver = await startReceiver([307, 307, 307], elsewhere.url);
    const { report, connection } = await partialRun(receiver.url);
    // Even with the other host allowed: a redirect is never followed (PRODUCT.md 4.3).
    const alerts = alertsFor(receiver.host, elsewhere.host);
    alerts.alert(report, connection);
    await alerts.settled();
    await Promise.all([receiver.close(), elsewhere.close()]);
    expect(receiver.bodies).toHaveLength(1);
    expect(elsewhere.bodies).toEqual([]);
  });
});
