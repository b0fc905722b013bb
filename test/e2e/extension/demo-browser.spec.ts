import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, expect, test } from '@playwright/test';

// `pnpm demo --browser` (PRODUCT.md 6) as a person runs it, with no display: the demo starts, Chromium opens with
// the sandbox build loaded and connected, and the sandbox's Users list shows badges. The test looks in through the
// DevTools port the demo was asked to open.

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Resolves with the first line of the demo's output that matches, or rejects when it exits first. */
function waitForLine(child: ChildProcess, pattern: RegExp, output: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString('utf8'));
      const line = output
        .join('')
        .split('\n')
        .find((candidate) => pattern.test(candidate));
      if (line) {
        child.stdout?.off('data', onData);
        resolve(line);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    child.once('exit', (code) => reject(new Error(`the demo exited (${code}):\n${output.join('')}`)));
  });
}

test('pnpm demo --browser opens Chromium, connected, with badges on the Users list', async () => {
  test.setTimeout(180_000);
  const devtoolsPort = await freePort();
  const { DISPLAY: _display, ...environment } = process.env;
  const demo = spawn('pnpm', ['demo', '--browser', '--devtools-port', String(devtoolsPort), ...freePorts()], {
    cwd: repoRoot,
    env: environment,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const output: string[] = [];
  try {
    const ready = await waitForLine(demo, /^Chromium is open/, output);
    expect(ready).toContain('(headless: no display)');

    const browser = await chromium.connectOverCDP(`http://127.0.0.1:${devtoolsPort}`);
    try {
      const pages = browser.contexts().flatMap((context) => context.pages());
      const users = pages.find((page) => page.url().includes('/admin/users'));
      expect(users, `pages: ${pages.map((page) => page.url()).join(', ')}`).toBeDefined();
      if (!users) return;
      await expect(users.getByRole('region', { name: 'staffsync sync status' })).toContainText('as of', {
        timeout: 20_000,
      });
      await expect(users.locator('tbody [data-badge="linked"]').first()).toBeVisible();
      expect(await users.locator('tbody [data-badge]:not([data-badge="loading"])').count()).toBeGreaterThan(
        10,
      );
    } finally {
      await browser.close().catch(() => undefined);
    }
  } finally {
    // The demo's own Ctrl+C: it closes Chromium, stops the server and the sandbox, and removes its temp folder.
    if (demo.pid !== undefined && demo.exitCode === null) {
      process.kill(-demo.pid, 'SIGINT');
      await once(demo, 'exit');
    }
  }
});

/** The demo's fixed ports may be taken on a test machine: 0 picks free ones. */
function freePorts(): string[] {
  return ['--staffology-port', '0', '--expensein-port', '0', '--api-port', '0'];
}
