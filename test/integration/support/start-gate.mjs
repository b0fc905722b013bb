// Loaded with `node --import` (NODE_OPTIONS) by tests that need processes to begin at one moment: each says it is
// ready (a file named after its pid), then waits until the test opens the gate (creates the gate file), before the
// CLI's own code runs. Test-only: it changes when a process starts, nothing it does.
import { existsSync, writeFileSync } from 'node:fs';

const gate = process.env.STAFFSYNC_TEST_GATE;
if (gate) {
  writeFileSync(`${gate}.ready.${process.pid}`, '');
  const pause = new Int32Array(new SharedArrayBuffer(4));
  while (!existsSync(gate)) Atomics.wait(pause, 0, 0, 2);
}
