import { hostname } from 'node:os';
import type { RunOwnership } from './runs-repo.ts';

/** This process; another process is alive when signal 0 reaches it (EPERM: it exists but is not ours). */
export function processOwnership(): RunOwnership {
  return {
    pid: process.pid,
    host: hostname(),
    isAlive(pid) {
      try {
        process.kill(pid, 0);
        return true;
      } catch (error) {
        return (error as NodeJS.ErrnoException).code === 'EPERM';
      }
    },
  };
}
