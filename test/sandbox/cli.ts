import { parseArgs } from 'node:util';
import { startSandbox } from './start-sandbox.ts';

// `pnpm sandbox [--seed N] [--employees N] [--staffology-port P] [--expensein-port P]`: starts both simulators and
// prints where they are and how to reach them. node:util parseArgs is enough for four flags.
const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    employees: { type: 'string', default: '60' },
    'staffology-port': { type: 'string', default: '0' },
    'expensein-port': { type: 'string', default: '0' },
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

const sandbox = await startSandbox({
  seed: integer('seed', values.seed),
  employees: integer('employees', values.employees),
  ports: {
    staffology: integer('staffology-port', values['staffology-port']),
    expensein: integer('expensein-port', values['expensein-port']),
  },
});

const { staffology, expensein } = sandbox;
console.log(`staffsync sandbox: ${sandbox.company.staffology.employers[0]?.name ?? 'demo company'}, seed ${values.seed}

Staffology API simulator  ${staffology.baseUrl}
  auth      HTTP Basic, any username, password = ${staffology.apiKey}
  employer  ${staffology.employerId}
  try       curl -u x:${staffology.apiKey} ${staffology.baseUrl}/employers/${staffology.employerId}/employees

ExpenseIn API simulator   ${expensein.baseUrl}
  auth      Authorization: ApiKey ${expensein.apiKey}
  try       curl -H 'Authorization: ApiKey ${expensein.apiKey}' ${expensein.baseUrl}/1.0/users

ExpenseIn admin web UI    ${expensein.webUrl}

Control API (loopback only): <simulator>/__control/{state,load,reset,requests,faults}
Press Ctrl+C to stop.`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void sandbox.stop().finally(() => process.exit(0));
  });
}
