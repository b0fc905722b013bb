import { parseArgs } from 'node:util';
import { startSandbox } from './start-sandbox.ts';

// `pnpm sandbox [--seed N] [--employees N] [--companies N] [--odd-employees N] [--staffology-port P]
// [--expensein-port P]`: starts both simulators and prints where they are and how to reach them. node:util
// parseArgs is enough for these flags.
const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    employees: { type: 'string', default: '60' },
    companies: { type: 'string', default: '1' },
    'odd-employees': { type: 'string', default: '0' },
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
  companies: Math.max(1, integer('companies', values.companies)),
  oddEmployees: integer('odd-employees', values['odd-employees']),
  ports: {
    staffology: integer('staffology-port', values['staffology-port']),
    expensein: integer('expensein-port', values['expensein-port']),
  },
});

const { staffology, expensein } = sandbox;
const several = sandbox.companies.length > 1;
console.log(`staffsync sandbox: ${sandbox.company.facts.companyName}${several ? ` and ${sandbox.companies.length - 1} more companies` : ''}, seed ${values.seed}

Staffology API simulator  ${staffology.baseUrl}
  auth      HTTP Basic, any username, password = the company's Staffology key
  try       curl -u x:${staffology.apiKey} ${staffology.baseUrl}/employers/${staffology.employerId}/employees

ExpenseIn API simulator   ${expensein.baseUrl}
  auth      Authorization: ApiKey <the company's ExpenseIn key>
  try       curl -H 'Authorization: ApiKey ${expensein.apiKey}' ${expensein.baseUrl}/1.0/users

ExpenseIn admin web UI    ${expensein.webUrl}   (the first company's account)
`);
if (sandbox.oddEmployees.length > 0) {
  console.log(`${sandbox.oddEmployees.length} edge-case employee records follow company 1's employees, served as they are.
`);
}

sandbox.companies.forEach(({ company, staffology: hr, expensein: ei }, index) => {
  const sees = index === 0 && several ? '   (sees every employer)' : '';
  console.log(`Company ${index + 1}: ${company.facts.companyName}
  Staffology  ${staffology.baseUrl}  employer ${hr.employerId}  key ${hr.apiKey}${sees}
  ExpenseIn   ${expensein.baseUrl}  key ${ei.apiKey}
`);
});

console.log(`Control API (loopback only): <simulator>/__control/{state,load,reset,requests,faults}
Press Ctrl+C to stop.`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void sandbox.stop().finally(() => process.exit(0));
  });
}
