import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type ChildRequest, type ChildResult, childResultSchema } from './child-protocol.ts';

const testDir = fileURLToPath(new URL('../', import.meta.url));
const childPath = fileURLToPath(new URL('./sync-child.ts', import.meta.url));

/**
 * Runs sync-child.ts in its own Node process (through tsx, as `pnpm staffsync` runs the CLI) and returns its
 * answer. The child's stderr (the CLI's warnings and errors) is passed through; its stdout is the answer.
 */
export function runChild(request: ChildRequest): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', childPath, JSON.stringify(request)], {
      cwd: testDir,
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
