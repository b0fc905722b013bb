import { parseArgs } from 'node:util';
import { formatRunReport } from '@staffsync/server';
import { formatDemoGuide } from './format-demo-guide.ts';
import { type DemoBrowser, openDemoBrowser } from './open-demo-browser.ts';
import { type Demo, defaultDemoPorts, startDemo } from './start-demo.ts';

// `pnpm demo [--browser [--devtools-port P]] [--seed N] [--employees N] [--staffology-port P] [--expensein-port P]
// [--api-port P]` (the README's main command, PRODUCT.md 6): sandbox + staffsync server, the demo company connected,
// the on-connect sync's summary, and what to open; with --browser, Chromium opened with the extension already
// connected. Runs until Ctrl+C.
const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    employees: { type: 'string', default: '60' },
    'staffology-port': { type: 'string', default: String(defaultDemoPorts.staffology) },
    'expensein-port': { type: 'string', default: String(defaultDemoPorts.expensein) },
    'api-port': { type: 'string', default: String(defaultDemoPorts.api) },
    browser: { type: 'boolean', default: false },
    'devtools-port': { type: 'string', default: '0' },
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

let browser: DemoBrowser | null = null;
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping...');
    Promise.resolve(browser?.close())
      .catch(() => undefined)
      .then(() => demo.stop())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(`stopping failed: ${error instanceof Error ? error.message : String(error)}`);
          process.exit(1);
        },
      );
  });
}

if (values.browser) {
  const devtoolsPort = integer('devtools-port', values['devtools-port']);
  console.log('\nOpening Chromium with the extension (sandbox build), connected to the demo server...');
  try {
    browser = await openDemoBrowser(demo, {
      ...(devtoolsPort > 0 ? { devtoolsPort } : {}),
      ...(process.env.DISPLAY ? { display: process.env.DISPLAY } : {}),
    });
  } catch (error) {
    console.error(`Chromium could not open: ${error instanceof Error ? error.message : String(error)}`);
    await demo.stop();
    process.exit(1);
  }
  console.log(
    `Chromium is open${browser.headless ? ' (headless: no display)' : ''} on ${demo.sandbox.expensein.webUrl}, the extension connected to ${demo.apiUrl}.${devtoolsPort > 0 ? ` DevTools: http://127.0.0.1:${devtoolsPort}` : ''}`,
  );
}
