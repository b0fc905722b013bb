import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '@staffsync/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../sandbox/index.ts';
import { type CliResult, cliEnvironment, runCli } from './support/cli-process.ts';
import { envKeyFile } from './support/connection-env.ts';

// PRODUCT.md 4.2: "Secrets (API keys) are encrypted at rest and never returned by the API, logged or shown. Bank
// details are never logged and never sent to the extension (at most the last 2 digits of the account number)."
// After a real CLI run with bank details on and the most verbose logging, every byte staffsync left behind is
// searched: the database and its WAL, the logs (stderr) and the CLI's output.

let sandbox: Sandbox;
let dir: string;
let db: string;
let holder: Store | null = null;
let runId = '';
/** The database files as bytes: with a second connection still open (the WAL holds the run), then after it closed. */
const databaseFiles: { where: string; bytes: Buffer }[] = [];
const results: { label: string; result: CliResult }[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 13, employees: 40 });
  dir = mkdtempSync(join(tmpdir(), 'staffsync-leak-'));
  db = join(dir, 'staffsync.db');
  // A second connection held open keeps the WAL file on disk after the CLI exits (SQLite removes it with the
  // last connection), so what was written through it can be searched too.
  holder = await openStore({ file: db, keyFile: envKeyFile(db) });
  // Some updates fail (a 500 is not retried), so the error paths write their messages to the logs and the store. The
  // draws follow the order the PATCHes arrive in: this seed fails some and lets the bank details update through.
  sandbox.expensein.control.setFaults({
    routes: { 'PATCH /1.0/users/:id': { errorRates: { '500': 0.3 } } },
    seed: 2,
  });
  const env = cliEnvironment(sandbox, db, { INCLUDE_BANK_DETAILS: 'true', LOG_LEVEL: 'trace' });

  const sync = await runCli(['sync', '--json'], env);
  results.push({ label: 'sync --json', result: sync });
  runId = String(JSON.parse(sync.stdout).runId);
  for (const args of [['plan', '--json'], ['runs'], ['run', runId], ['sync']]) {
    results.push({ label: args.join(' '), result: await runCli(args, env) });
  }
  databaseFiles.push(...readDatabaseFiles('open'));
  // The last connection to close checkpoints the WAL into the main file (and removes the WAL).
  await holder.close();
  holder = null;
  databaseFiles.push(...readDatabaseFiles('closed'));
});

function readDatabaseFiles(state: string): { where: string; bytes: Buffer }[] {
  return readdirSync(dir)
    .filter((name) => name.startsWith('staffsync.db') && !name.endsWith('.key'))
    .map((name) => ({ where: `${name} (${state})`, bytes: readFileSync(join(dir, name)) }));
}

afterAll(async () => {
  await holder?.close();
  await sandbox?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Every place a secret could have leaked to, as bytes. */
function haystacks(): { where: string; bytes: Buffer }[] {
  const streams = results.flatMap(({ label, result }) => [
    { where: `${label}: stdout`, bytes: Buffer.from(result.stdout) },
    { where: `${label}: stderr (logs)`, bytes: Buffer.from(result.stderr) },
  ]);
  return [...databaseFiles, ...streams];
}

function whereFound(needle: string): string[] {
  return haystacks()
    .filter(({ bytes }) => bytes.includes(needle))
    .map(({ where }) => where);
}

function fullAccountNumbers(): string[] {
  const hr = sandbox.company.staffology.employees[sandbox.staffology.employerId] ?? [];
  const ei = [...sandbox.company.expensein.users, ...sandbox.expensein.control.backend.snapshot().users];
  const numbers = [
    ...hr.map((employee) => employee.bankDetails?.accountNumber ?? null),
    ...ei.map((user) => user.bankDetails?.accountNumber ?? null),
  ];
  return [...new Set(numbers.filter((n): n is string => n !== null && n.length > 0))];
}

describe('secrets and bank details after a run with Include Bank Details on', () => {
  it('the run really handled bank details, and logged, and left a database and WAL to search', async () => {
    const [sync] = results;
    const report = JSON.parse(sync?.result.stdout ?? '{}');
    expect(report.counts.updatedByField.bankDetails).toBeGreaterThan(0);
    expect(report.counts.failed).toBeGreaterThan(0);
    const apiBankWrites = sandbox.expensein.control.backend
      .snapshot()
      .eventLog.filter((e) => e.changedBy === 'api');
    expect(apiBankWrites.length).toBeGreaterThan(0);
    expect(databaseFiles.map((file) => file.where)).toEqual(
      expect.arrayContaining(['staffsync.db (open)', 'staffsync.db-wal (open)', 'staffsync.db (closed)']),
    );
    expect(sync?.result.stderr).toContain('run started');
    expect(fullAccountNumbers().length).toBeGreaterThan(30);
  });

  it('finds what it should (positive control): the search works on every haystack', async () => {
    const { facts } = sandbox.company;
    const starter = facts.newStarters[0] ?? '';
    // The connection's name: in the WAL while a connection was open, in the main file once checkpointed.
    expect(whereFound('environment')).toEqual(
      expect.arrayContaining(['staffsync.db-wal (open)', 'staffsync.db (closed)']),
    );
    expect(whereFound(starter)).toEqual(
      expect.arrayContaining(['staffsync.db-wal (open)', 'staffsync.db (closed)', `run ${runId}: stdout`]),
    );
    expect(whereFound('"status":"partial"')).toContain('sync --json: stdout');
    expect(whereFound('run started')).toContain('sync --json: stderr (logs)');
  });

  it('finds neither API key anywhere', async () => {
    const keyFile = readFileSync(envKeyFile(db), 'utf8').trim();
    for (const secret of [sandbox.staffology.apiKey, sandbox.expensein.apiKey, keyFile]) {
      expect(secret.length).toBeGreaterThan(20);
      expect(whereFound(secret), 'a secret was found').toEqual([]);
    }
  });

  it('finds no full bank account number anywhere', async () => {
    const leaks = fullAccountNumbers().flatMap((number) =>
      whereFound(number).map((where) => `${number} in ${where}`),
    );
    expect(leaks).toEqual([]);
  });
});
