import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The real CLI, as `pnpm staffsync` runs it (server/scripts/build-cli.mjs builds dist/staffsync.mjs, which node
// runs), but spawned as node itself so that a signal reaches the sync process and not a pnpm wrapper around it.
const serverDir = fileURLToPath(new URL('../../../server/', import.meta.url));
const builtCli = join(serverDir, 'dist/staffsync.mjs');
let built = false;

/** Builds the CLI from the current source, once per test file (a build replaces the file in one rename). */
function cliPath(): string {
  if (!built) {
    execFileSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: serverDir });
    built = true;
  }
  return builtCli;
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliProcess {
  child: ChildProcessWithoutNullStreams;
  /** Settles when the process has exited and its streams are closed. */
  done: Promise<CliResult>;
  /** What it has printed so far. */
  output(): { stdout: string; stderr: string };
}

/** The connection declared by the environment (PRODUCT.md 4.1), pointing at the sandbox. */
export { connectionEnv as cliEnvironment } from './connection-env.ts';

const running = new Set<ChildProcessWithoutNullStreams>();

/** `input`, when given, is written to the process's stdin, which then closes (keys are read from stdin). */
export function startCli(args: string[], env: Record<string, string>, input?: string): CliProcess {
  const child = spawn(process.execPath, [cliPath(), ...args], { cwd: serverDir, env });
  if (input !== undefined) child.stdin.end(input);
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      running.delete(child);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, done, output: () => ({ stdout, stderr }) };
}

/** Kills CLI processes a failed test left running, so none outlives the test file. */
export function killLeftoverClis(): void {
  for (const child of running) child.kill('SIGKILL');
}

/**
 * `count` CLI processes that begin together: each waits at a gate (start-gate.mjs, loaded with `node --import`)
 * before running a line of the CLI, and the gate opens once all have reached it, so every start time
 * (performance.timeOrigin, a CLI's "asked at") precedes the first line any of them runs. `dir`: an empty folder of
 * the test's for the gate's files.
 */
export async function startAllAtOnce(
  count: number,
  args: string[],
  env: Record<string, string>,
  dir: string,
): Promise<CliProcess[]> {
  const gate = join(dir, 'gate');
  const gated = {
    ...env,
    STAFFSYNC_TEST_GATE: gate,
    NODE_OPTIONS: `--import=${new URL('./start-gate.mjs', import.meta.url).href}`,
  };
  const processes = Array.from({ length: count }, () => startCli(args, gated));
  await waitUntil(
    () => readdirSync(dir).filter((name) => name.startsWith('gate.ready.')).length === count,
    `the ${count} processes to reach the gate`,
    60_000,
  );
  writeFileSync(gate, '');
  return processes;
}

export function runCli(args: string[], env: Record<string, string>, input?: string): Promise<CliResult> {
  return startCli(args, env, input).done;
}

/** Checks `condition` every few milliseconds until it holds; fails after `timeoutMs` (a hung test, not a slow one). */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 30_000,
  everyMs = 10,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
