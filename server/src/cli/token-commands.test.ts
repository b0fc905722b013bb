import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../store/index.ts';
import { testSecret } from '../store/open-temp-store.ts';
import { runCliInProcess } from './run-cli-in-process.ts';

let dir: string;
let env: Record<string, string>;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'staffsync-tokens-'));
  env = { STAFFSYNC_DB: join(dir, 'staffsync.db'), STAFFSYNC_SECRET: testSecret };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('staffsync token', () => {
  it('creates a token with a role and a lifetime, prints it once, lists and revokes it', async () => {
    const created = await runCliInProcess(
      ['token', 'create', 'alice', '--role', 'viewer', '--expires', '12h'],
      env,
    );
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^sst_/);
    expect(created.stderr).toContain('(viewer)');

    const store = await openStore({ file: env.STAFFSYNC_DB ?? '', secret: testSecret });
    const check = await store.tokens.verify(token);
    store.close();
    expect(check.state).toBe('active');
    if (check.state !== 'active') return;
    expect(check.token.role).toBe('viewer');
    expect(Date.parse(check.token.expiresAt ?? '') - Date.parse(check.token.createdAt)).toBe(12 * 3600_000);

    const listed = await runCliInProcess(['token', 'list'], env);
    expect(listed.stdout).toMatch(/alice\s+viewer/);
    expect(listed.stdout).not.toContain(token);
    expect((await runCliInProcess(['token', 'revoke', 'alice'], env)).stdout).toContain('Revoked');
  });

  it('makes operator tokens for 90 days unless told otherwise', async () => {
    const created = await runCliInProcess(['token', 'create', 'bob'], env);
    expect(created.stderr).toContain('(operator)');
    const store = await openStore({ file: env.STAFFSYNC_DB ?? '', secret: testSecret });
    const [record] = await store.tokens.list();
    store.close();
    expect(Date.parse(record?.expiresAt ?? '') - Date.parse(record?.createdAt ?? '')).toBe(90 * 86_400_000);
  });

  it.each([
    [['--role', 'admin'], /--role.*admin/],
    [['--expires', 'soon'], /--expires.*soon/],
    [['--expires', '0d'], /--expires/],
    [['--expires', '20y'], /at most 3650d/],
  ])('refuses %j, naming the option', async (flags, message) => {
    const run = await runCliInProcess(['token', 'create', 'carol', ...flags], env);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(message);
  });
});
