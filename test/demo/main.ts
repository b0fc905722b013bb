import { parseArgs } from 'node:util';
import { formatRunReport } from '@staffsync/server';
import { formatDemoGuide } from './format-demo-guide.ts';
import { type Demo, defaultDemoPorts, startDemo } from './start-demo.ts';

// `pnpm demo [--seed N] [--employees N] [--staffology-port P] [--expensein-port P] [--api-port P]` (the README's main
// command, PRODUCT.md 6): sandbox + staffsync server, the demo company connected, the on-connect sync's summary, and
// what to open. Runs until Ctrl+C.
const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    employees: { type: 'string', default: '60' },
    'staffology-port': { type: 'string', default: String(defaultDemoPorts.staffology) },
    'expensein-port': { type: 'string', default: String(defaultDemoPorts.expensein) },
    'api-port': { type: 'string', default: String(defaultDemoPorts.api) },
  },
});

function integer(name: string, raw: string | undefined): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`--${name} must be a whole number, got "${raw}"`);
    process.exit(1);
  }
  return value;
}

console.log('Starting the sandbox and the staffsync server, then connecting the demo company...');
let demo: Demo;
try {
  demo = await startDemo({
    seed: integer('seed', values.seed),
    employees: integer('employees', values.employees),
    ports: {
      staffology: integer('staffology-port', values['staffology-port']),
      expensein: integer('expensein-port', values['expensein-port']),
      api: integer('api-port', values['api-port']),
    },
  });
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  const busy = /EADDRINUSE/.test(message)
    ? ' (a port is taken: pass --staffology-port, --expensein-port or --api-port)'
    : '';
  console.error(`The demo could not start: ${message}${busy}`);
  process.exit(1);
}

console.log(
  `\n${demo.sandbox.company.facts.companyName}: connected (connection ${demo.connectionId}), on-connect sync:\n`,
);
console.log(formatRunReport(demo.report).replace(/^Details: .*$/m, ''));
console.log(formatDemoGuide(demo));

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping...');
    demo.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`stopping failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  });
}
