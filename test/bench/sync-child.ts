import { existsSync } from 'node:fs';
import { Writable } from 'node:stream';
import {
  bankFingerprints,
  bankHasher,
  clientsForEndpoints,
  openStore,
  type PlanBasis,
  parseEnv,
  planScope,
  runCli,
  type ScopedInput,
  todayUtc,
  tuneHeap,
} from '@staffsync/server';
import { defaultSyncSettings } from '@staffsync/shared';
import {
  type ChildResult,
  childRequestSchema,
  childResultSchema,
  runReportSchema,
} from './child-protocol.ts';

// The benchmark's child process (spawned by run-child.ts): one sync through the real CLI, or planner timings.
// Its only stdout line is the result; everything else (logs, the CLI's own errors) goes to stderr.
// As the CLI's entry point (server/src/cli/main.ts) does.
tuneHeap();
const request = childRequestSchema.parse(JSON.parse(process.argv[2] ?? '{}'));
const started = performance.now();
const result: Omit<ChildResult, 'wallMs' | 'maxRssBytes'> =
  request.mode === 'sync'
    ? { mode: 'sync', sync: await sync(), plan: null }
    : { mode: 'plan', sync: null, plan: await plan() };
const wallMs = Math.round(performance.now() - started);
// maxRSS is in kilobytes (Node docs, process.resourceUsage).
const maxRssBytes = process.resourceUsage().maxRSS * 1024;
const line = JSON.stringify(childResultSchema.parse({ ...result, wallMs, maxRssBytes }));
process.stdout.write(`${line}\n`, () => process.exit(0));

async function sync(): Promise<ChildResult['sync']> {
  let output = '';
  const stdout = new Writable({
    write(chunk, _encoding, done) {
      output += String(chunk);
      done();
    },
  });
  const exitCode = await runCli(['sync', '--json'], {
    env: request.env,
    cwd: process.cwd(),
    stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    shutdown: new AbortController().signal,
  });
  if (output.trim() === '') throw new Error(`staffsync sync --json printed nothing (exit ${exitCode})`);
  const report = runReportSchema.parse(JSON.parse(output));
  return { exitCode, report };
}

async function plan(): Promise<ChildResult['plan']> {
  const settings = parseEnv(request.env);
  const declared = settings.envConnection;
  if (!declared) throw new Error('plan mode needs the connection variables of PRODUCT.md 4.1');
  const clients = clientsForEndpoints(
    {
      staffology: {
        baseUrl: declared.staffologyBaseUrl,
        apiKey: declared.staffologyApiKey,
        employerId: declared.staffologyEmployerId,
      },
      expensein: { baseUrl: declared.expenseinBaseUrl, apiKey: declared.expenseinApiKey },
    },
    settings.http,
    settings.allowedHosts,
  );
  // A database left by an earlier sync gives the links of a daily run; none gives a first sync's plan.
  const store = existsSync(settings.db)
    ? await openStore({
        file: settings.db,
        secret: settings.secret ?? undefined,
        keyFile: settings.keyFile ?? undefined,
        keyDir: settings.keyDir ?? undefined,
      })
    : null;
  try {
    const [connection] = store ? await store.connections.list({ source: 'env' }) : [];
    const links = store && connection ? await store.links.forConnection(connection.id) : [];
    const bankKey = store?.bankHashKey ?? Buffer.alloc(32, 7);
    // As a run does (server/src/run/sync-in-session.ts): the links first, HR's bank details hashed as they are read.
    const fingerprints = bankFingerprints(bankHasher(bankKey), links);
    // The same reads a run makes (server/src/run/fetch-scope.ts), done once: only the planning is timed.
    const [hr, listed, departments] = await Promise.all([
      clients.staffology.fetchEmployees({
        includeBankDetails: declared.includeBankDetails,
        onEmployee: fingerprints.add,
      }),
      clients.expensein.listUsers(),
      clients.expensein.listDepartments(),
    ]);
    const input: ScopedInput = {
      employees: hr.employees,
      invalidRecords: [...hr.invalidRecords, ...listed.invalidRecords],
      users: listed.users,
      departments,
      referencesUnique: null,
      employeeNumbers: null,
      user: null,
      held: [],
    };
    const basis: PlanBasis = {
      links,
      settings: connection?.settings ?? {
        ...defaultSyncSettings,
        includeBankDetails: declared.includeBankDetails,
      },
      today: todayUtc(new Date()),
      hashBank: fingerprints.hashBank,
      rejectedLeavers: [],
      knownDuplicateNumbers: [],
    };
    // Each call's plan is dropped before the next: a run plans once, and keeping the last plan alive would have the
    // collector mark two plans' worth of objects in every timed call.
    const timePlan = () => {
      const t0 = performance.now();
      const plan = planScope({ kind: 'employer' }, input, basis);
      return { ms: performance.now() - t0, actions: plan.actions.length, outcomes: plan.outcomes.length };
    };
    const cold = timePlan();
    const runsMs: number[] = [];
    for (let run = 0; run < request.repeats; run++) runsMs.push(timePlan().ms);
    return {
      coldMs: cold.ms,
      runsMs,
      employees: input.employees.length,
      users: input.users.length,
      links: links.length,
      actions: cold.actions,
      outcomes: cold.outcomes,
    };
  } finally {
    store?.close();
  }
}
