import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDemoGuide } from './format-demo-guide.ts';
import { type Demo, startDemo } from './start-demo.ts';

// The demo's start function on free ports (the fixed 4010, 4020 and 8787 may be taken on a test machine).
let demo: Demo;

beforeAll(async () => {
  demo = await startDemo({ ports: { staffology: 0, expensein: 0, api: 0 } });
}, 60_000);

afterAll(async () => {
  await demo?.stop();
});

describe('startDemo', () => {
  it('connects the demo company and reports its on-connect sync', () => {
    const { report } = demo;
    const { facts } = demo.sandbox.company;
    expect(report).toMatchObject({ trigger: 'connect', dryRun: false, status: 'partial' });
    expect(report.counts.employees).toBe(facts.employeeCount);
    expect(report.counts.created).toBe(facts.newStarters.length);
    expect(report.counts.leavers).toBe(
      facts.leaversPast.length + facts.leaversFuture.length + facts.formerWithoutLeaveDate.length,
    );
    // The demo company carries every rule's edge case: skips (R1, R2, R3) and conflicts (R4, R7a, R11).
    expect(Object.keys(report.counts.skipped).sort()).toEqual([
      'duplicate_employee_number',
      'invalid_email',
      'missing_required_fields',
    ]);
    expect(Object.keys(report.counts.conflicts).sort()).toEqual(['duplicate_user_reference', 'email_in_use']);
  });

  it('created the new starters in the ExpenseIn simulator, with bank details (Include Bank Details on)', () => {
    const users = demo.sandbox.expensein.control.backend.snapshot().users;
    for (const number of demo.sandbox.company.facts.newStarters) {
      const user = users.find((candidate) => candidate.reference === number);
      expect(user, `user for employee ${number}`).toBeDefined();
      expect(user?.bankDetails).not.toBeNull();
    }
  });

  it('serves the API with the printed token, and only with it', async () => {
    const withToken = await fetch(`${demo.apiUrl}/api/connections`, {
      headers: { Authorization: `Bearer ${demo.token}` },
    });
    expect(withToken.status).toBe(200);
    expect(await withToken.json()).toMatchObject({
      connections: [{ id: demo.connectionId, status: 'connected' }],
    });
    expect((await fetch(`${demo.apiUrl}/api/connections`)).status).toBe(401);
  });

  it('prints where to go: the web UI, the token, the CLI environment and the extension build', () => {
    const guide = formatDemoGuide(demo);
    expect(guide).toContain(demo.sandbox.expensein.webUrl);
    expect(guide).toContain(demo.token);
    expect(guide).toContain(
      `STAFFSYNC_DB=${demo.dbFile} STAFFSYNC_KEY_FILE=${demo.keyFile} pnpm staffsync runs`,
    );
    expect(guide).toContain('extension/.output/chrome-mv3-sandbox');
    expect(guide).toContain('pnpm demo --browser');
  });

  it('stops everything and removes its temp database', async () => {
    const { apiUrl, dbFile } = demo;
    await demo.stop();
    expect(existsSync(dirname(dbFile))).toBe(false);
    await expect(fetch(`${apiUrl}/api/health`)).rejects.toThrow();
  });
});
