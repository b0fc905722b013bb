import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type ChildRequest, type ChildResult, childResultSchema } from './child-protocol.ts';

const serverDir = fileURLToPath(new URL('../../server/', import.meta.url));
// Built like the CLI that `pnpm staffsync` runs (server/scripts/build-cli.mjs), beside it in server/dist/.
const childBuild = 'dist/bench-child.mjs';
let built = false;

function buildChild(): string {
  if (!built) {
    execFileSync(process.execPath, ['scripts/build-cli.mjs', '../test/bench/sync-child.ts', childBuild], {
      cwd: serverDir,
      stdio: 'inherit',
    });
    built = true;
  }
  return `${serverDir}${childBuild}`;
}

/**
 * Runs sync-child.ts in its own Node process, compiled as `pnpm staffsync` runs the CLI (no tsx), and returns its
 * answer. The child's stderr (the CLI's warnings and errors) is passed through; its stdout is the answer.
 */
export function runChild(request: ChildRequest): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [buildChild(), JSON.stringify(request)], {
      cwd: serverDir,
      // Only what the child is given: the benchmark must not pick up the operator's own STAFFSYNC_* settings.
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || line === '') {
        reject(new Error(`benchmark child (${request.mode}) exited ${code}: ${stdout.slice(-500)}`));
        return;
      }
      try {
        resolve(childResultSchema.parse(JSON.parse(line)));
      } catch (error) {
        reject(error);
      }
    });
  });
}
